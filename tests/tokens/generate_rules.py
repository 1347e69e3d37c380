#!/usr/bin/env python3
"""Generates ../vectors/security_token.json: the security-token rules one by one (issue 14).

Standard library only. Tokens are HS256 (deterministic), MACed with SECRET, so the same run
always writes the same file: with `shared_secret_hex` a case checks the signature (the partner's
validator), without it the signature rule is not checked (the client's migration flow, the
console). All times are fixed and every case gives its own `now`.
"""
import hashlib
import hmac
import json
import os

from fixed import HERE, ISS, TARGET, CLIENT, IAT, EXP, NOW, SECRET, b64

SECURITY = {"iss": ISS, "sub": "alice@primary.example", "aud": [CLIENT, TARGET], "iat": IAT, "exp": EXP,
            "mcptt_id": "sip:alice@primary.example"}
RULES = ["structure", "signature", "claims", "iss", "exp", "nbf", "iat", "lifetime", "aud_client", "aud_target",
         "azp", "service_ids"]


def token(claims=None, **changes):
    claims = dict(SECURITY if claims is None else claims)
    for name, value in changes.items():
        if value is None:
            claims.pop(name, None)
        else:
            claims[name] = value
    header = {"alg": "HS256", "typ": "JWT"}
    signing_input = b64(json.dumps(header, separators=(",", ":")).encode()) + "." + \
        b64(json.dumps(claims, separators=(",", ":")).encode())
    return signing_input + "." + b64(hmac.new(SECRET, signing_input.encode(), hashlib.sha256).digest())


def outcomes(**changes):
    """Every rule's outcome without keys and without issuer, lifetime or services: the defaults."""
    out = {rule: "pass" for rule in RULES}
    out.update(signature="not_checked", iss="not_checked", lifetime="not_checked", service_ids="not_checked")
    out.update(changes)
    return out


CASES = []


def check(name, tok, expect, keys=False, **inputs):
    case_input = {"token": tok, "target": TARGET, "client_id": CLIENT, "now": NOW}
    if keys:
        case_input.update({"issuer": ISS, "jwks": {"keys": []}, "shared_secret_hex": SECRET.hex()})
    case_input.update(inputs)
    CASES.append({"name": name, "operation": "security_token.check", "input": case_input, "expect": expect})


def report(outs, failure=None, **more):
    ok = {"passed": failure is None, "failure": failure, "outcomes": outs}
    ok.update(more)
    return {"ok": ok}


def main():
    good = token()
    check("b_2_1_2_security_token_rules_without_keys_pass_and_leave_the_signature_not_checked", good,
          report(outcomes(), exp=EXP))
    check("b_7_4_security_token_rules_with_the_primary_keys_and_issuer_all_pass", good,
          report(outcomes(signature="pass", iss="pass")), keys=True)
    sig = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
    check("b_7_4_a_bad_signature_fails_the_signature_rule_and_the_claims_are_still_reported", sig,
          report(outcomes(signature="fail", iss="pass"), "token_bad_signature"), keys=True)
    check("rfc7515_7_1_a_token_that_is_not_a_jws_fails_the_structure_rule_and_nothing_else_is_checked", "not.a-jws",
          report({rule: ("fail" if rule == "structure" else "not_checked") for rule in RULES}, "token_malformed",
                 exp=None))
    check("rfc7519_2_fractional_exp_is_read_by_the_rules_as_the_second_before", token(exp=EXP + 0.5),
          report(outcomes(), exp=EXP), now=EXP - 1)
    check("rfc7519_2_fractional_exp_is_expired_at_its_whole_second", token(exp=EXP + 0.5),
          report(outcomes(exp="fail"), "token_expired"), now=EXP)
    check("b_2_1_2_exp_within_the_30_second_leeway_passes_the_exp_rule", good, report(outcomes()), now=EXP + 29,
          leeway=30)
    check("b_2_1_2_exp_beyond_the_leeway_fails_the_exp_rule", good, report(outcomes(exp="fail"), "token_expired"),
          now=EXP + 30, leeway=30)
    check("b_2_1_2_iat_in_the_future_fails_the_iat_rule", token(iat=NOW + 60, exp=NOW + 300),
          report(outcomes(iat="fail"), "token_issued_in_future"))
    check("rfc7519_4_1_5_nbf_in_the_future_fails_the_nbf_rule", token(nbf=NOW + 60),
          report(outcomes(nbf="fail"), "token_not_yet_valid"))
    ahead = token(iat=NOW + 30, nbf=NOW + 30, exp=NOW + 300)
    check("b_2_1_2_iat_and_nbf_within_the_clock_skew_allowance_pass", ahead, report(outcomes(), exp=NOW + 300),
          clock_skew=30)
    check("b_2_1_2_iat_beyond_the_clock_skew_allowance_fails_the_iat_rule", token(iat=NOW + 31, exp=NOW + 300),
          report(outcomes(iat="fail"), "token_issued_in_future"), clock_skew=30)
    check("b_2_1_2_the_clock_skew_allowance_does_not_extend_exp", good,
          report(outcomes(exp="fail"), "token_expired"), now=EXP, clock_skew=30)
    check("b_2_1_2_a_clock_skew_allowance_above_30_seconds_is_refused", good,
          {"error": {"code": "leeway_too_large", "description_contains": "31"}}, clock_skew=31)
    check("b_2_1_2_iss_other_than_the_primary_fails_the_iss_rule", token(iss="https://idms.other.example"),
          report(outcomes(signature="pass", iss="fail"), "token_wrong_issuer"), keys=True)
    check("b_2_1_2_aud_without_the_client_id_fails_the_aud_client_rule", token(aud=["other-client", TARGET]),
          report(outcomes(aud_client="fail"), "token_audience_missing_client"))
    check("b_2_1_2_aud_without_the_partner_address_fails_the_aud_target_rule",
          token(aud=[CLIENT, "https://idms.other.example/token"]),
          report(outcomes(aud_target="fail"), "token_audience_missing_target"))
    check("rfc3986_6_2_2_1_aud_holding_the_partner_address_with_scheme_and_host_in_upper_case_passes_aud_target",
          token(aud=[CLIENT, "HTTPS://IdMS.Partner.Example/as/token.oauth2"]), report(outcomes()))
    check("rfc3986_6_2_2_1_aud_holding_the_partner_address_with_its_path_in_another_case_fails_aud_target",
          token(aud=[CLIENT, "https://idms.partner.example/AS/token.oauth2"]),
          report(outcomes(aud_target="fail"), "token_audience_missing_target"))
    check("rfc7519_4_1_3_aud_holding_the_client_id_in_another_case_fails_aud_client",
          token(aud=[CLIENT.upper(), TARGET]), report(outcomes(aud_client="fail"), "token_audience_missing_client"))
    check("b_2_1_2_aud_without_either_fails_both_aud_rules_and_the_first_is_the_failure", token(aud="someone-else"),
          report(outcomes(aud_client="fail", aud_target="fail"), "token_audience_missing_client"))
    check("oidc_core_3_1_3_7_azp_other_than_the_client_fails_the_azp_rule", token(azp="other-client"),
          report(outcomes(azp="fail"), "token_azp_mismatch"))
    check("b_2_1_2_sub_over_255_bytes_fails_the_claims_rule", token(sub="é" * 128),
          report({**{rule: "not_checked" for rule in RULES}, "structure": "pass", "claims": "fail"},
                 "token_subject_too_long"))
    check("b_2_1_2_an_empty_iss_fails_the_claims_rule_even_without_an_expected_issuer", token(iss=""),
          report({**{rule: "not_checked" for rule in RULES}, "structure": "pass", "claims": "fail"},
                 "token_invalid_claim"))
    check("b_2_1_2_missing_iat_fails_the_claims_rule", token(iat=None),
          report({**{rule: "not_checked" for rule in RULES}, "structure": "pass", "claims": "fail"},
                 "token_missing_claim"))
    check("b_2_1_2_missing_mcvideo_id_fails_the_service_ids_rule_when_video_is_required", good,
          report(outcomes(service_ids="fail"), "token_missing_service_id"), services=["video"])
    check("b_2_1_2_present_mcptt_id_passes_the_service_ids_rule", good, report(outcomes(service_ids="pass")),
          services=["ptt"])
    check("b_8_a_security_token_living_longer_than_the_maximum_fails_the_lifetime_rule", good,
          report(outcomes(signature="pass", iss="pass", lifetime="fail"), "token_lifetime_too_long"), keys=True,
          max_lifetime=299)
    check("b_8_a_security_token_living_exactly_the_maximum_passes_the_lifetime_rule", good,
          report(outcomes(signature="pass", iss="pass", lifetime="pass")), keys=True, max_lifetime=300)
    check("b_8_the_lifetime_rule_applies_without_keys_too", good,
          report(outcomes(lifetime="fail"), "token_lifetime_too_long"), max_lifetime=60)
    CASES.append({"name": "b_8_the_security_token_validator_refuses_a_token_living_longer_than_its_maximum",
                  "operation": "token.validate",
                  "input": {"kind": "security", "token": good, "jwks": {"keys": []}, "shared_secret_hex": SECRET.hex(),
                            "issuer": ISS, "target": TARGET, "client_id": CLIENT, "now": NOW, "max_lifetime": 299},
                  "expect": {"error": {"code": "token_lifetime_too_long", "description_contains": "300 s"}}})
    ms = {"error": {"code": "now_in_milliseconds", "description_contains": "milliseconds"}}
    check("now_given_in_milliseconds_is_refused_by_the_security_token_rules", good, ms, now=NOW * 1000)
    check("now_given_in_milliseconds_is_refused_by_the_security_token_validator", good, ms, keys=True, now=NOW * 1000)
    check("now_at_the_largest_plausible_second_is_read_as_seconds", good,
          report(outcomes(exp="fail"), "token_expired"), now=99_999_999_999)
    check("now_one_above_the_largest_plausible_second_is_milliseconds", good, ms, now=100_000_000_000)
    base = {"token": good, "jwks": {"keys": []}, "shared_secret_hex": SECRET.hex(), "issuer": ISS, "now": NOW * 1000}
    for kind, more in [("security", {"target": TARGET, "client_id": CLIENT}), ("id", {"client_id": CLIENT}),
                       ("access", {})]:
        CASES.append({"name": f"now_given_in_milliseconds_is_refused_by_the_{kind}_token_validator",
                      "operation": "token.validate", "input": {"kind": kind, **base, **more}, "expect": ms})
    out = {"description": "The security-token rules one by one (TS 33.180 B.2.1.2, B.7.4, B.8) and the refusal of a "
                          "`now` in milliseconds (issue 14). Generated by tests/tokens/generate_rules.py.",
           "cases": CASES}
    with open(os.path.join(HERE, "..", "vectors", "security_token.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
