"""The Python runner of the shared vectors (tests/vectors/README.md), through the generated API.

Every operation goes through the UniFFI module `mcx_connect`; nothing here re-implements a rule.
`python3 vector_runner.py` prints one line per failure and `vectors: N passed, N failed`.
"""
import base64
import json
import os
import sys
from pathlib import Path

import mcx_connect as m

VECTORS = Path(__file__).resolve().parents[3] / "tests" / "vectors"


def vector_folders():
    folders = [VECTORS]
    extra = os.environ.get("MCX_CONNECT_VECTORS", "")
    folders += [Path(p) for p in extra.split(":") if p]
    return folders


def load_cases():
    """Every case of every *.json file, as (file name, case) pairs, in a stable order."""
    cases = []
    for folder in vector_folders():
        for file in sorted(folder.glob("*.json")):
            document = json.loads(file.read_text(encoding="utf-8"))
            for case in document["cases"]:
                cases.append((file.name, case))
    return cases


class BadCase(Exception):
    """The case itself is malformed."""


def req_str(inp, key):
    value = inp.get(key)
    if not isinstance(value, str):
        raise BadCase(f"input.{key} must be a string")
    return value


def policy(inp):
    return m.EndpointPolicy(allow_loopback_http=bool(inp.get("allow_loopback_http", False)))


def parse_options(inp):
    mode = inp.get("mode", "strict")
    if mode not in ("strict", "lenient"):
        raise BadCase(f"unknown mode `{mode}`")
    limits = m.default_limits()
    for key, value in (inp.get("limits") or {}).items():
        setattr(limits, key, value)
    return m.ParseOptions(
        mode=m.ParseMode.LENIENT if mode == "lenient" else m.ParseMode.STRICT,
        limits=limits,
        endpoint_policy=policy(inp),
        accept_unknown_mcx_scopes=bool(inp.get("accept_unknown_mcx_scopes", False)),
    )


def body_of(value):
    if "body" in value:
        return value["body"].encode("utf-8")
    if "body_base64" in value:
        return base64.b64decode(value["body_base64"])
    return b""


def headers_of(value, default):
    pairs = value.get("headers", default)
    return [m.HttpHeader(name=n, value=v) for n, v in pairs]


def http_request(inp):
    r = inp.get("request")
    if r is None:
        raise BadCase("input.request is required")
    return m.HttpRequest(
        method=r.get("method", "POST"),
        url=r.get("url", "https://idms.example/as/token.oauth2"),
        headers=headers_of(r, [["Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"]]),
        body=body_of(r),
    )


def http_response(inp):
    r = inp.get("response")
    if r is None:
        raise BadCase("input.response is required")
    return m.HttpResponse(
        status=r.get("status", 200),
        headers=headers_of(r, [["Content-Type", "application/json"]]),
        body=body_of(r),
    )


def request_json(request):
    return {
        "method": request.method,
        "url": request.url,
        "headers": [[h.name, h.value] for h in request.headers],
        "body": request.body.decode("utf-8", errors="replace"),
    }


def response_json(response):
    try:
        body = json.loads(response.body.decode("utf-8"))
    except ValueError:
        body = None
    return {"status": response.status, "headers": [[h.name, h.value] for h in response.headers], "body_json": body}


def client(inp):
    c = inp.get("client")
    if c is None:
        return m.ClientAuthentication.OMITTED()
    method = req_str(c, "method")
    if method == "none":
        return m.ClientAuthentication.OMITTED()
    if method == "client_id":
        return m.ClientAuthentication.CLIENT_ID(client_id=req_str(c, "client_id"))
    secret = lambda: m.Secret(req_str(c, "client_secret"))  # noqa: E731
    if method == "client_secret_basic":
        return m.ClientAuthentication.CLIENT_SECRET_BASIC(client_id=req_str(c, "client_id"), client_secret=secret())
    if method == "client_secret_post":
        return m.ClientAuthentication.CLIENT_SECRET_POST(client_id=req_str(c, "client_id"), client_secret=secret())
    raise BadCase(f"unknown client method `{method}`")


def client_id(c):
    return None if c.is_OMITTED() else c.client_id


def client_json(c):
    if c.is_OMITTED():
        return {"method": "none", "client_id": None, "client_secret": None}
    if c.is_CLIENT_ID():
        return {"method": "client_id", "client_id": c.client_id, "client_secret": None}
    method = "client_secret_basic" if c.is_CLIENT_SECRET_BASIC() else "client_secret_post"
    return {"method": method, "client_id": c.client_id, "client_secret": c.client_secret.expose()}


def codes(normalisations):
    return [n.code for n in normalisations]


def opt_scope(inp, key):
    return m.ScopeSet.parse(inp[key]) if isinstance(inp.get(key), str) else None


def text_or_none(value):
    return None if value is None else (value.expose() if isinstance(value, m.Secret) else str(value))


def read_json(read, **own):
    """A token endpoint reply as read: the RFC 6749 5.1 members both replies share, then the grant's own."""
    return {
        "access_token": read.access_token.expose(),
        "token_type": read.token_type,
        "expires_in": read.expires_in,
        "scope": text_or_none(read.scope),
        "refresh_token": text_or_none(read.refresh_token),
        "scope_text": read.scope_text,
        "normalisations": codes(read.normalisations),
        **own,
    }


def op_endpoint_check(inp):
    m.check_endpoint(req_str(inp, "url"), policy(inp))
    return {}


def op_scope_require_mcx(inp):
    m.ScopeSet.parse(req_str(inp, "scope")).require_mcx_with(bool(inp.get("accept_unknown", False)))
    return {}


def op_scope_parse(inp):
    text = req_str(inp, "scope")
    if inp.get("mode", "strict") == "lenient":
        read = m.parse_scope_lenient(text)
        scope, report = read.scope, read.normalisations
    else:
        scope, report = m.ScopeSet.parse(text), []
    return {
        "scope": str(scope),
        "values": scope.values(),
        "has_mcx": scope.has_mcx(),
        "unknown_mcx": scope.unknown_mcx(),
        "normalisations": codes(report),
    }


def op_exchange_build(inp):
    request = m.TokenExchangeRequest(req_str(inp, "resource"), m.Secret(req_str(inp, "subject_token")), client(inp))
    return request_json(request.build(req_str(inp, "token_endpoint"), policy(inp)))


def op_exchange_parse(inp):
    parsed = m.TokenExchangeRequest.parse(http_request(inp), parse_options(inp))
    return {
        "resource": parsed.resource(),
        "subject_token": parsed.subject_token().expose(),
        "client": client_json(parsed.client()),
        "audience": parsed.audience(),
        "scope": text_or_none(parsed.scope()),
        "requested_token_type": parsed.requested_token_type(),
        "actor_token": text_or_none(parsed.actor_token()),
        "actor_token_type": parsed.actor_token_type(),
        "normalisations": codes(parsed.normalisations()),
    }


def exchange_json(read):
    return read_json(read, issued_token_type=read.issued_token_type)


def op_exchange_response_read(inp):
    return exchange_json(m.read_token_exchange_response(http_response(inp), m.default_limits()))


def op_exchange_response_write(inp):
    response = m.TokenExchangeResponse(
        access_token=m.Secret(req_str(inp, "access_token")),
        issued_token_type=inp.get("issued_token_type", "urn:ietf:params:oauth:token-type:jwt"),
        token_type=inp.get("token_type", "N_A"),
        expires_in=inp.get("expires_in"),
        scope=opt_scope(inp, "scope"),
        refresh_token=m.Secret(inp["refresh_token"]) if isinstance(inp.get("refresh_token"), str) else None,
    )
    return response_json(m.write_token_exchange_response(response))


def op_jwt_bearer_build(inp):
    scope = m.ScopeSet.parse(req_str(inp, "scope"))
    request = m.JwtBearerRequest(m.Secret(req_str(inp, "assertion")), client(inp), scope)
    return request_json(request.build(req_str(inp, "token_endpoint"), policy(inp)))


def op_jwt_bearer_parse(inp):
    parsed = m.JwtBearerRequest.parse(http_request(inp), parse_options(inp))
    return {
        "assertion": parsed.assertion().expose(),
        "client": client_json(parsed.client()),
        "scope": str(parsed.scope()),
        "unknown_mcx": parsed.scope().unknown_mcx(),
        "normalisations": codes(parsed.normalisations()),
    }


def tokens_json(read):
    return read_json(read, id_token=text_or_none(read.id_token))


def op_token_response_read(inp):
    return tokens_json(m.read_token_response(http_response(inp), m.default_limits()))


def op_token_endpoint_response_read(inp):
    read = m.read_token_endpoint_response(http_response(inp), m.default_limits())
    if read.is_TOKEN_EXCHANGE():
        return {"kind": "token_exchange", "response": exchange_json(read[0])}
    return {"kind": "token", "response": tokens_json(read[0])}


def op_token_response_write(inp):
    secret = lambda key: m.Secret(inp[key]) if isinstance(inp.get(key), str) else None  # noqa: E731
    tokens = m.TokenResponse(
        access_token=m.Secret(req_str(inp, "access_token")),
        token_type=inp.get("token_type", "Bearer"),
        expires_in=inp.get("expires_in"),
        refresh_token=secret("refresh_token"),
        scope=opt_scope(inp, "scope"),
        id_token=secret("id_token"),
    )
    return response_json(m.write_token_response(tokens))


def op_error_response_write(inp):
    error = m.ErrorResponse(error=req_str(inp, "error"), error_description=inp.get("error_description"))
    return response_json(m.write_error_response(error))


def op_http_parse_request_text(inp):
    parsed = m.http_request_from_text(req_str(inp, "text"), parse_options(inp).mode)
    return {**request_json(parsed.request), "normalisations": codes(parsed.normalisations)}


def op_http_parse_response_text(inp):
    response = m.http_response_from_text(req_str(inp, "text"))
    return {
        "status": response.status,
        "headers": [[h.name, h.value] for h in response.headers],
        "body": response.body.decode("utf-8", errors="replace"),
    }


def op_pkce_challenge(inp):
    return {"challenge": m.Pkce.from_verifier(req_str(inp, "verifier")).challenge()}


def authorization_request(inp):
    pkce = m.Pkce.from_verifier(req_str(inp, "code_verifier"))
    scope = opt_scope(inp, "scope")
    if scope is None:
        raise BadCase("input.scope is required")
    return m.AuthorizationRequest.with_values(
        req_str(inp, "authorization_endpoint"),
        req_str(inp, "client_id"),
        req_str(inp, "redirect_uri"),
        scope,
        m.Secret(req_str(inp, "state")),
        m.Secret(req_str(inp, "nonce")),
        pkce,
        inp.get("acr_values"),
        inp.get("issuer"),
    )


def op_authorize_url(inp):
    return {"url": authorization_request(inp).url(policy(inp))}


def op_authorize_read_response(inp):
    return {"code": authorization_request(inp).read_response(req_str(inp, "redirect")).expose()}


def op_authorize_parse(inp):
    parsed = m.IncomingAuthorizationRequest.parse_url(req_str(inp, "url"))
    return {
        "client_id": parsed.client_id(),
        "redirect_uri": parsed.redirect_uri(),
        "scope": str(parsed.scope()),
        "state": parsed.state(),
        "nonce": parsed.nonce(),
        "code_challenge": parsed.code_challenge(),
    }


def op_code_request_build(inp):
    request = m.AuthorizationCodeRequest(
        m.Secret(req_str(inp, "code")), req_str(inp, "redirect_uri"), m.Secret(req_str(inp, "code_verifier")), client(inp)
    )
    return request_json(request.build(req_str(inp, "token_endpoint"), policy(inp)))


def op_code_request_parse(inp):
    parsed = m.AuthorizationCodeRequest.parse(http_request(inp), parse_options(inp))
    if isinstance(inp.get("code_challenge"), str):
        parsed.verify(inp["code_challenge"], inp.get("expected_redirect_uri", parsed.redirect_uri()))
    return {
        "code": parsed.code().expose(),
        "redirect_uri": parsed.redirect_uri(),
        "code_verifier": parsed.code_verifier().expose(),
        "client_id": client_id(parsed.client()),
    }


def op_refresh_build(inp):
    request = m.RefreshRequest(m.Secret(req_str(inp, "refresh_token")), opt_scope(inp, "scope"), client(inp))
    return request_json(request.build(req_str(inp, "token_endpoint"), policy(inp)))


def op_token_request_parse(inp):
    read = m.parse_token_request(http_request(inp), parse_options(inp))
    kinds = {"TOKEN_EXCHANGE": "token_exchange", "JWT_BEARER": "jwt_bearer",
             "AUTHORIZATION_CODE": "authorization_code", "REFRESH": "refresh"}
    kind = next(name for variant, name in kinds.items() if getattr(read, f"is_{variant}")())
    return {
        "kind": kind,
        "client_id": client_id(read.request.client()),
        "normalisations": codes(read.request.normalisations()),
    }


def op_refresh_parse(inp):
    parsed = m.RefreshRequest.parse(http_request(inp), parse_options(inp))
    granted = opt_scope(inp, "granted_scope")
    if granted is not None:
        parsed.check_scope(granted)
    return {
        "refresh_token": parsed.refresh_token().expose(),
        "scope": text_or_none(parsed.scope()),
        "client_id": client_id(parsed.client()),
        "normalisations": codes(parsed.normalisations()),
    }


SERVICES = {"ptt": m.McService.PTT, "video": m.McService.VIDEO, "data": m.McService.DATA}
SERVICE_NAMES = {v: k for k, v in SERVICES.items()}


def document_bytes(document):
    if isinstance(document, str):
        return document.encode("utf-8")
    if isinstance(document, dict) and isinstance(document.get("xml_base64"), str):
        return base64.b64decode(document["xml_base64"])
    raise BadCase('a document is a string or {"xml_base64": ...}')


def parse_document(inp, document):
    limits = m.ProfileLimits(**inp.get("limits", {}))
    return m.UserProfile.parse_with_limits(document_bytes(document), policy(inp), limits)


def one_document(inp):
    if "xml" in inp:
        return parse_document(inp, inp["xml"])
    if "xml_base64" in inp:
        return parse_document(inp, {"xml_base64": inp["xml_base64"]})
    raise BadCase("input.xml or input.xml_base64 is required")


def configuration_json(c):
    if c is None:
        return None
    a = c.app_server_info
    return {
        "domain": c.domain,
        "app_server_info": {
            "idms_auth_endpoint": a.idms_auth_endpoint, "idms_token_endpoint": a.idms_token_endpoint,
            "http_proxy": a.http_proxy, "gms": a.gms, "cms": a.cms, "kms": a.kms,
            "tls_tunnel_mutual_authentication": a.tls_tunnel_mutual_authentication,
        },
        "normalisations": [{"code": n.code, "parameter": n.parameter} for n in c.normalisations],
    }


def group_json(g):
    return {"group_id": g.group_id, "idms_token_endpoint": g.idms_token_endpoint}


def partner_json(p):
    return {
        "service": SERVICE_NAMES[p.service], "system_id": p.system_id, "id": p.id,
        "shape": "access_information" if p.shape == m.PartnerShape.ACCESS_INFORMATION else "direct",
        "initial_configuration": configuration_json(p.initial_configuration), "token_endpoint": p.token_endpoint,
    }


def op_profile_parse(inp):
    profile = one_document(inp)
    kind = profile.kind()
    if kind.is_USER_PROFILE():
        kind_json = {"kind": "user_profile", "service": SERVICE_NAMES[kind.service]}
    else:
        kind_json = {"kind": "ue_initial_configuration"}
    return {
        "kind": kind_json, "xui_uri": profile.xui_uri(), "primary": configuration_json(profile.primary()),
        "partners": [partner_json(p) for p in profile.partners()],
        "groups": [group_json(g) for g in profile.groups()],
        "rejected": [{"kind": r.kind.name.lower(), "id": r.id, "code": r.code, "description": r.description}
                     for r in profile.rejected()],
    }


def service_of(inp):
    name = req_str(inp, "service").lower()
    name = {"mcptt": "ptt", "mcvideo": "video", "mcdata": "data"}.get(name, name)
    if name not in SERVICES:
        raise BadCase(f"unknown service `{name}`")
    return SERVICES[name]


def profiles_of(inp):
    documents = inp.get("profiles")
    if not isinstance(documents, list):
        raise BadCase("input.profiles must be an array")
    return m.UserProfiles([parse_document(inp, d) for d in documents])


def strings(inp, key):
    value = inp.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadCase(f"input.{key} must be an array of strings")
    return value


def jwks_text(inp):
    if "jwks" not in inp:
        raise BadCase("input.jwks is required")
    return json.dumps(inp["jwks"])


def algorithms_of(inp):
    if not strings(inp, "algorithms"):
        return None
    algorithms = []
    for name in strings(inp, "algorithms"):
        alg = m.algorithm_from_name(name)
        if alg is None:
            raise BadCase(f"unknown algorithm `{name}`")
        algorithms.append(alg)
    return algorithms


def secret_of(inp):
    return bytes.fromhex(inp["shared_secret_hex"]) if isinstance(inp.get("shared_secret_hex"), str) else None


def verifier(inp):
    return m.Verifier(m.JwkSet.parse(jwks_text(inp)), algorithms_of(inp), secret_of(inp), inp.get("max_token_bytes"))


def services_of(inp):
    out = []
    for name in strings(inp, "services"):
        out.append(service_of({"service": name}))
    return out


def now_of(inp):
    if not isinstance(inp.get("now"), int):
        raise BadCase("input.now must be a number")
    return inp["now"]


def security_validator(inp):
    return m.SecurityTokenValidator(req_str(inp, "issuer"), req_str(inp, "target"), verifier(inp),
                                    inp.get("leeway", 0), services_of(inp), inp.get("max_lifetime"))


OUTCOMES = {m.RuleOutcome.PASS: "pass", m.RuleOutcome.FAIL: "fail", m.RuleOutcome.NOT_CHECKED: "not_checked"}


def op_security_token_check(inp):
    token, client_id, now = req_str(inp, "token"), req_str(inp, "client_id"), now_of(inp)
    if "jwks" in inp:
        report = security_validator(inp).report(token, client_id, now)
    else:
        rules = m.SecurityTokenRulesInit(target=req_str(inp, "target"), issuer=inp.get("issuer"),
                                         leeway=inp.get("leeway", 0), services=services_of(inp),
                                         max_lifetime=inp.get("max_lifetime"), clock_skew=inp.get("clock_skew"))
        report = m.check_security_token(token, rules, client_id, now)
    return {
        "passed": report.passed,
        "failure": report.failure,
        "outcomes": {rule.id: OUTCOMES[rule.outcome] for rule in report.rules},
        "exp": report.claims.exp if report.claims is not None else None,
    }


def access_validator(inp):
    return m.AccessTokenValidator(req_str(inp, "issuer"), verifier(inp), inp.get("leeway", 0), inp.get("audience"),
                                  inp.get("expected_client_id"), strings(inp, "scopes"), services_of(inp))


def verified_json(token, scope=None):
    out = {"header": json.loads(m.jws_header_json(token.header)), "claims": json.loads(m.token_claims_json(token.claims))}
    if scope is not None:
        out["scope"] = str(scope)
    return out


def op_token_validate(inp):
    token, now = req_str(inp, "token"), now_of(inp)
    kind = req_str(inp, "kind")
    if kind == "security":
        return verified_json(security_validator(inp).validate(token, req_str(inp, "client_id"), now))
    if kind == "id":
        # The one-record form (`TokenValidatorOptions`, as the npm package's), beside the others' `Verifier`.
        options = m.TokenValidatorOptions(issuer=req_str(inp, "issuer"), jwks=jwks_text(inp),
                                          client_id=req_str(inp, "client_id"), leeway=inp.get("leeway", 0),
                                          services=services_of(inp), algorithms=algorithms_of(inp),
                                          shared_secret=secret_of(inp), max_token_bytes=inp.get("max_token_bytes"))
        validator = m.IdTokenValidator.from_options(options)
        return verified_json(validator.validate(token, inp.get("nonce"), now))
    if kind == "access":
        access = access_validator(inp).validate(token, now)
        return verified_json(access, access.scope)
    raise BadCase(f"unknown token kind `{kind}`")


def op_token_inspect(inp):
    seen = m.inspect_token(req_str(inp, "token"))
    return {"header": json.loads(m.jws_header_json(seen.header)), "claims": json.loads(seen.claims),
            "signature_bytes": seen.signature_bytes}


def op_token_sign(inp):
    key = m.SigningKey.es256(bytes.fromhex(req_str(inp, "secret_hex")))
    claims = inp.get("claims")
    if claims is None:
        raise BadCase("input.claims is required")
    token = key.sign(json.dumps(claims), inp.get("kid"))
    jwk = key.public_jwk(inp.get("kid"))
    aud = claims.get("aud") or []
    validator = m.SecurityTokenValidator(claims.get("iss", ""), aud[1] if len(aud) > 1 else "",
                                         m.Verifier(m.JwkSet.parse(json.dumps({"keys": [json.loads(jwk)]}))))
    checked = validator.validate(token.expose(), aud[0] if aud else "", claims.get("iat", 0))
    return {"public_jwk": json.loads(jwk), "verified_claims": json.loads(m.token_claims_json(checked.claims))}


def op_jwks_parse(inp):
    keys = m.JwkSet.parse(req_str(inp, "jwks_text"))
    return {
        "keys": [{"kid": k.kid, "key_type": k.key_type} for k in keys.keys()],
        "ignored": [{"kid": k.kid, "reason": k.reason} for k in keys.ignored()],
    }


def op_jwt_bearer_parse_and_verify(inp):
    if "validator" not in inp:
        raise BadCase("input.validator is required")
    parsed = m.parse_and_verify_jwt_bearer_request(http_request(inp), parse_options(inp),
                                                   security_validator(inp["validator"]), now_of(inp))
    return {"client_id": client_id(parsed.request.client()), "claims": json.loads(m.token_claims_json(parsed.security_token.claims))}


def op_exchange_parse_and_verify(inp):
    if "validator" not in inp:
        raise BadCase("input.validator is required")
    parsed = m.parse_and_verify_token_exchange_request(http_request(inp), parse_options(inp),
                                                       access_validator(inp["validator"]), now_of(inp))
    return {"resource": parsed.request.resource(), "claims": json.loads(m.token_claims_json(parsed.subject_token.claims)),
            "scope": str(parsed.subject_token.scope)}


def op_security_token_issue(inp):
    if "validator" not in inp or "issuer" not in inp:
        raise BadCase("input.validator and input.issuer are required")
    settings = inp["issuer"]
    key = m.SigningKey.es256(bytes.fromhex(req_str(settings, "secret_hex")))
    issuer = m.SecurityTokenIssuer(req_str(settings, "issuer"), key, settings["lifetime"], settings.get("kid"))
    response = issuer.answer(http_request(inp), parse_options(inp), access_validator(inp["validator"]), now_of(inp),
                             settings.get("jti"))
    seen = m.inspect_token(response.access_token.expose())
    return {
        "token_type": response.token_type,
        "issued_token_type": response.issued_token_type,
        "expires_in": response.expires_in,
        "header": json.loads(m.jws_header_json(seen.header)),
        "claims": json.loads(seen.claims),
    }


def flow_json(flow, requests):
    tokens = flow.partner_tokens()
    failure = flow.failure()
    return {
        "step": flow.step().name.lower(),
        "requests": requests,
        "security_token_expires_at": flow.security_token_expires_at(),
        "partner_tokens": None if tokens is None else {
            "access_token": tokens.access_token.expose(),
            "token_type": tokens.token_type,
            "expires_in": tokens.expires_in,
            "scope": text_or_none(tokens.scope),
            "normalisations": codes(tokens.normalisations),
        },
        "failure": None if failure is None else {"code": failure.code, "oauth_error": failure.oauth_error},
    }


def op_flow_run(inp):
    """The Rust runner's `flow_run`: the steps in order; a step with `error` must fail with that code."""
    config = m.MigrationConfig(
        primary_token_endpoint=req_str(inp, "primary_token_endpoint"),
        client_id=req_str(inp, "client_id"),
        scope=m.ScopeSet.parse(req_str(inp, "scope")),
        client_secret=m.Secret(inp["client_secret"]) if isinstance(inp.get("client_secret"), str) else None,
        endpoint_policy=policy(inp),
        min_security_token_lifetime=inp.get("min_security_token_lifetime", 10),
    )
    target = m.MigrationTarget(
        service=service_of(inp),
        partner_system_id=inp.get("partner_system_id"),
        partner_token_endpoint=req_str(inp, "partner_token_endpoint"),
    )
    steps = inp.get("steps")
    if not isinstance(steps, list):
        raise BadCase("input.steps is required")
    flow = m.MigrationFlow(config, target, m.Secret(req_str(inp, "access_token")))
    requests = []

    def now(call):
        if not isinstance(call.get("now"), int):
            raise BadCase("each step needs `now`")
        return call["now"]

    for index, step in enumerate(steps):
        def run():
            nonlocal flow
            if "next_request" in step:
                requests.append(request_json(flow.next_request(now(step["next_request"]))))
            elif "handle_response" in step:
                flow.handle_response(http_response(step["handle_response"]), now(step["handle_response"]))
            elif "save_and_restore" in step:
                flow = m.MigrationFlow.restore(flow.save(True), m.FlowSecrets())
            else:
                raise BadCase(f"step {index}: unknown call")

        expected = step.get("error")
        if expected is None:
            run()
            continue
        try:
            run()
            got = "success"
        except m.McxConnectError as e:
            got = e.code
        if got != expected:
            raise BadCase(f"step {index}: expected error `{expected}`, got {got}")
    return flow_json(flow, requests)


def op_flow_restore(inp):
    secret = lambda key: m.Secret(inp[key]) if isinstance(inp.get(key), str) else None  # noqa: E731
    secrets = m.FlowSecrets(primary_access_token=secret("access_token"), client_secret=secret("client_secret"))
    return flow_json(m.MigrationFlow.restore(req_str(inp, "saved"), secrets), [])


OPERATIONS = {
    "token.validate": op_token_validate,
    "security_token.check": op_security_token_check,
    "token.inspect": op_token_inspect,
    "token.sign": op_token_sign,
    "jwks.parse": op_jwks_parse,
    "jwt_bearer.parse_and_verify": op_jwt_bearer_parse_and_verify,
    "exchange.parse_and_verify": op_exchange_parse_and_verify,
    "security_token.issue": op_security_token_issue,
    "profile.parse": op_profile_parse,
    "profile.partner": lambda i: partner_json(one_document(i).partner(req_str(i, "partner"))),
    "profile.partner_token_endpoint": lambda i: {
        "token_endpoint": one_document(i).partner_token_endpoint(req_str(i, "partner"))},
    "profile.group": lambda i: group_json(one_document(i).group(req_str(i, "group"))),
    "profiles.partner": lambda i: partner_json(profiles_of(i).partner(service_of(i), req_str(i, "partner"))),
    "profile.group_token_endpoint": lambda i: {"token_endpoint": one_document(i).group_token_endpoint(req_str(i, "group"))},
    "profiles.partner_token_endpoint": lambda i: {
        "token_endpoint": profiles_of(i).partner_token_endpoint(service_of(i), req_str(i, "partner"))},
    "profiles.group_token_endpoint": lambda i: {
        "token_endpoint": profiles_of(i).group_token_endpoint(service_of(i), req_str(i, "group"))},
    "endpoint.check": op_endpoint_check,
    "scope.parse": op_scope_parse,
    "scope.require_mcx": op_scope_require_mcx,
    "exchange.build": op_exchange_build,
    "exchange.parse": op_exchange_parse,
    "exchange_response.read": op_exchange_response_read,
    "exchange_response.write": op_exchange_response_write,
    "jwt_bearer.build": op_jwt_bearer_build,
    "jwt_bearer.parse": op_jwt_bearer_parse,
    "token_response.read": op_token_response_read,
    "token_response.write": op_token_response_write,
    "error_response.write": op_error_response_write,
    "http.parse_request_text": op_http_parse_request_text,
    "http.parse_response_text": op_http_parse_response_text,
    "pkce.challenge": op_pkce_challenge,
    "authorize.url": op_authorize_url,
    "authorize.read_response": op_authorize_read_response,
    "authorize.parse": op_authorize_parse,
    "code_request.build": op_code_request_build,
    "code_request.parse": op_code_request_parse,
    "refresh.build": op_refresh_build,
    "refresh.parse": op_refresh_parse,
    "token_request.parse": op_token_request_parse,
    "token_endpoint_response.read": op_token_endpoint_response_read,
    "flow.run": op_flow_run,
    "flow.restore": op_flow_restore,
}


def subset(expected, actual, path="$"):
    """Every member of `expected` must be in `actual` with an equal value (README rules)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key, value in expected.items():
            subset(value, actual.get(key), f"{path}.{key}")
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            raise AssertionError(f"{path}: expected {len(expected)} elements, got {len(actual)}: {actual!r}")
        for index, (w, h) in enumerate(zip(expected, actual)):
            subset(w, h, f"{path}[{index}]")
    elif isinstance(expected, bool) or isinstance(actual, bool):
        if expected is not actual:
            raise AssertionError(f"{path}: expected {expected!r}, got {actual!r}")
    elif isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        if float(expected) != float(actual):
            raise AssertionError(f"{path}: expected {expected!r}, got {actual!r}")
    elif expected != actual:
        raise AssertionError(f"{path}: expected {expected!r}, got {actual!r}")


def match_error(expected, error):
    if "code" in expected and expected["code"] != error.code:
        raise AssertionError(f"expected code `{expected['code']}`, got `{error.code}`: {error.description}")
    if "oauth_error" in expected and expected["oauth_error"] != error.oauth_error:
        raise AssertionError(f"expected oauth_error `{expected['oauth_error']}`, got {error.oauth_error!r}")
    if "status" in expected:
        status = error.status if isinstance(error, m.McxConnectError.Rejected) else None
        if expected["status"] != status:
            raise AssertionError(f"expected status {expected['status']}, got {status!r}")
    if "description_contains" in expected and expected["description_contains"] not in error.description:
        raise AssertionError(f"description `{error.description}` does not contain `{expected['description_contains']}`")


def run_case(case):
    """Runs one case; raises AssertionError (with the reason) when the answer differs."""
    operation = case.get("operation")
    if operation not in OPERATIONS:
        raise AssertionError(f"unknown operation `{operation}`")
    expect = case["expect"]
    try:
        output, error = OPERATIONS[operation](case.get("input", {})), None
    except m.McxConnectError as e:
        output, error = None, e
    except BadCase as e:
        raise AssertionError(f"bad case: {e}") from e
    if "ok" in expect:
        if error is not None:
            raise AssertionError(f"expected success, got error `{error.code}`: {error.description}")
        subset(expect["ok"], output)
    elif "error" in expect:
        if error is None:
            raise AssertionError(f"expected an error, got success: {output!r}")
        match_error(expect["error"], error)
    else:
        raise AssertionError("`expect` has neither `ok` nor `error`")


def main():
    passed = failed = 0
    for file_name, case in load_cases():
        try:
            run_case(case)
            passed += 1
        except AssertionError as e:
            failed += 1
            print(f"FAIL {file_name} :: {case.get('name')}: {e}")
    print(f"vectors: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
