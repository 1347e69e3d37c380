"""Idiomatic use of every API family of the generated Python module `mcx_connect`."""
import base64
import json

import pytest

import mcx_connect as m

PRIMARY = "https://idms.primary.example/as/token.oauth2"
PARTNER = "https://idms.partner.example/as/token.oauth2"


def b64url(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def security_token(aud, exp):
    # B.2.1.2: iss, sub, aud, exp and iat, as the partner's validator (and so the flow) requires.
    claims = {'iss': 'https://idms.primary.example', 'aud': aud, 'exp': exp, 'iat': exp - 600, 'sub': 'alice'}
    return f"{b64url({'alg': 'RS256'})}.{b64url(claims)}.c2ln"


def test_secret_is_redacted_in_text_forms():
    secret = m.Secret("hunter2")
    assert str(secret) == "[redacted]" and "hunter2" not in repr(secret)
    assert secret.expose() == "hunter2"
    assert secret == m.Secret("hunter2")


def test_one_error_interface_reads_code_oauth_error_description_and_status_from_any_error():
    with pytest.raises(m.McxConnectError) as err:
        m.ScopeSet.parse("openid,3gpp:mc:ptt_service")
    e = err.value
    assert (e.code, e.oauth_error, e.status) == ("scope_comma", "invalid_scope", None)
    assert e.code == m.ErrorCode.SCOPE_COMMA and m.ErrorCode(e.code) is m.ErrorCode.SCOPE_COMMA
    assert str(e) == f"scope_comma: {e.description}" and "commas" in e.description
    sloppy = m.HttpRequest(method="POST", url=PARTNER, body=b"grant_type=password",
                           headers=[m.HttpHeader(name="Content-Type", value="application/x-www-form-urlencoded")])
    with pytest.raises(m.McxConnectError) as err:
        m.JwtBearerRequest.parse(sloppy, m.strict_parse_options())
    assert (err.value.code, err.value.status) == ("unsupported_grant_type", 400)


def test_policy_parse_options_and_limits_default_to_the_cores():
    assertion = security_token(["c", PARTNER], 1_900_000_000)
    request = m.JwtBearerRequest(m.Secret(assertion), m.ClientAuthentication.CLIENT_ID(client_id="c"),
                                 m.ScopeSet.for_service(m.McService.PTT))
    assert m.JwtBearerRequest.parse(request.build(PARTNER)).assertion().expose() == assertion
    with pytest.raises(m.McxConnectError) as err:
        request.build("http://idms.partner.example/t")
    assert err.value.code == m.ErrorCode.ENDPOINT_INSECURE
    reply = m.write_token_response(m.TokenResponse(access_token=m.Secret("a"), token_type="Bearer"))
    assert m.read_token_response(reply).access_token.expose() == "a"


def test_the_cores_records_come_by_derive_with_their_rustdoc_and_defaults():
    # Limits, ParseOptions and McService are the core's own types (feature `uniffi`), not mirrors:
    # their doc comments are the core's rustdoc and their defaults the core's.
    assert m.Limits.__doc__.strip() == "Bounds on what a parser accepts."
    assert m.McService.__doc__.strip() == "An MC service (TS 23.280): push to talk, video or data."
    assert m.Limits() == m.default_limits() == m.strict_parse_options().limits
    assert m.lenient_parse_options().mode == m.ParseMode.LENIENT


def test_scope_sets_parse_strictly_and_leniently():
    ptt = m.ScopeSet.for_service(m.McService.PTT)
    assert str(ptt).startswith("openid 3gpp:mc:ptt_service") and ptt.len() == 5 and ptt.has_mcx()
    assert m.ScopeSet.parse(str(ptt)) == ptt
    assert ptt.scopes()[1] == m.Scope.PTT_SERVICE()
    assert m.scope_from_value("3gpp:mc:new_service") == m.Scope.MCX_OTHER("3gpp:mc:new_service")
    assert m.scope_value(m.Scope.DATA_GROUP_MANAGEMENT()) == "3gpp:mc:data_group_management_service"
    assert len(m.mc_service_scopes(m.McService.VIDEO)) == 4
    with pytest.raises(m.McxConnectError.Scope) as err:
        m.ScopeSet.parse("openid,3gpp:mc:ptt_service")
    assert err.value.code == "scope_comma" and err.value.oauth_error == "invalid_scope"
    lenient = m.parse_scope_lenient("openid,3gpp:mc:ptt_service")
    assert lenient.scope.values() == ["openid", "3gpp:mc:ptt_service"]
    assert [n.code for n in lenient.normalisations] == ["comma_separated_scope"]
    with pytest.raises(m.McxConnectError.Scope) as err:
        m.ScopeSet.parse("openid 3gpp:mc:video_service").require_within(ptt)
    assert err.value.code == "scope_widened"
    with pytest.raises(m.McxConnectError.Scope):
        m.ScopeSet.of([m.Scope.OPEN_ID()]).require_mcx()


def test_endpoint_policy_is_https_only_unless_loopback_is_allowed():
    m.check_endpoint(PARTNER, m.EndpointPolicy())
    with pytest.raises(m.McxConnectError.Endpoint) as err:
        m.check_endpoint("http://127.0.0.1/t", m.EndpointPolicy())
    assert err.value.code == "endpoint_insecure" and err.value.oauth_error is None
    m.check_endpoint("http://127.0.0.1/t", m.EndpointPolicy(allow_loopback_http=True))


def test_token_exchange_both_roles():
    client = m.ClientAuthentication.CLIENT_SECRET_BASIC(client_id="mcptt-client", client_secret=m.Secret("s3cret"))
    http = m.TokenExchangeRequest(PARTNER, m.Secret("primary-at"), client).build(PRIMARY, m.EndpointPolicy())
    assert http.method == "POST" and http.url == PRIMARY
    assert any(h.name == "Authorization" and h.value.startswith("Basic ") for h in http.headers)
    parsed = m.TokenExchangeRequest.parse(http, m.strict_parse_options())
    assert parsed.resource() == PARTNER and parsed.subject_token().expose() == "primary-at"
    assert parsed.client() == client and parsed.normalisations() == []
    text = m.http_request_to_text(http)
    again = m.http_request_from_text(text, m.ParseMode.STRICT).request
    assert (again.method, again.url, again.body) == (http.method, http.url, http.body)


def test_server_role_refusal_carries_rfc_error_and_writes_the_response():
    http = m.HttpRequest(
        method="POST", url=PRIMARY, body=b"grant_type=password",
        headers=[m.HttpHeader(name="Content-Type", value="application/x-www-form-urlencoded")],
    )
    with pytest.raises(m.McxConnectError.Rejected) as err:
        m.TokenExchangeRequest.parse(http, m.strict_parse_options())
    rejection = err.value
    assert (rejection.code, rejection.oauth_error, rejection.status) == ("unsupported_grant_type", "unsupported_grant_type", 400)
    response = m.write_error_response(m.ErrorResponse(error=rejection.oauth_error, error_description=rejection.description))
    assert response.status == 400
    assert json.loads(response.body)["error"] == "unsupported_grant_type"
    assert m.read_error_response(response).error == "unsupported_grant_type"
    assert m.oauth_error_http_status("invalid_client") == 401


def test_jwt_bearer_both_roles_and_lenient_repairs():
    scope = m.ScopeSet.for_service(m.McService.VIDEO)
    assertion = security_token(["c", PARTNER], 2_000_000_000)
    request = m.JwtBearerRequest(m.Secret(assertion), m.ClientAuthentication.CLIENT_ID(client_id="c"), scope)
    http = request.build(PARTNER, m.EndpointPolicy())
    parsed = m.JwtBearerRequest.parse(http, m.strict_parse_options())
    assert parsed.assertion().expose() == assertion and parsed.scope() == scope
    http.body = http.body.replace(b"+3gpp", b"%2C3gpp") + b"&"
    with pytest.raises(m.McxConnectError.Rejected) as err:
        m.JwtBearerRequest.parse(http, m.strict_parse_options())
    assert err.value.oauth_error == "invalid_request"
    lenient = m.JwtBearerRequest.parse(http, m.lenient_parse_options())
    assert {n.code for n in lenient.normalisations()} == {"empty_pair_dropped", "comma_separated_scope"}


def test_token_responses_round_trip_and_errors_keep_the_server_code():
    tokens = m.TokenResponse(access_token=m.Secret("at"), token_type="Bearer", expires_in=300,
                             refresh_token=m.Secret("rt"), scope=m.ScopeSet.for_service(m.McService.DATA))
    read = m.read_token_response(m.write_token_response(tokens), m.default_limits())
    assert read.access_token.expose() == "at" and read.expires_in == 300 and read.scope == tokens.scope
    assert "at" not in repr(read.access_token)
    refusal = m.write_error_response(m.ErrorResponse(error="invalid_grant"))
    with pytest.raises(m.McxConnectError.ErrorResponse) as err:
        m.read_token_response(refusal, m.default_limits())
    assert err.value.code == "error_response" and err.value.oauth_error == "invalid_grant"
    security = m.security_token_response(m.Secret("jwt"), 60)
    again = m.read_token_exchange_response(m.write_token_exchange_response(security), m.default_limits())
    assert again.token_type == "N_A" and again.issued_token_type == "urn:ietf:params:oauth:token-type:jwt"


def test_login_with_pkce_and_refresh_both_roles():
    pkce = m.Pkce.from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
    assert pkce.challenge() == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    assert m.Pkce.generate().verifier().expose() != m.Pkce.generate().verifier().expose()
    scope = m.ScopeSet.for_service(m.McService.PTT)
    request = m.AuthorizationRequest("https://idms.primary.example/authorize", "mcptt-client",
                                     "org.example.mcptt:/callback", scope)
    url = request.url(m.EndpointPolicy())
    incoming = m.IncomingAuthorizationRequest.parse_url(url)
    assert incoming.code_challenge() == request.pkce().challenge()
    redirect = incoming.success_redirect("the-code")
    code = request.read_response(redirect)
    assert code.expose() == "the-code"
    with pytest.raises(m.McxConnectError.Login) as err:
        request.read_response(redirect.replace(request.state().expose(), "forged"))
    assert err.value.code == "login_state_mismatch"
    # RFC 9207: a login expecting the server's `iss` reads the redirect that carries it, and no other.
    iss = "https://idms.primary.example"
    expecting = m.AuthorizationRequest("https://idms.primary.example/authorize", "mcptt-client",
                                       "org.example.mcptt:/callback", scope, issuer=iss)
    expected = m.IncomingAuthorizationRequest.parse_url(expecting.url(m.EndpointPolicy()))
    assert expecting.read_response(expected.success_redirect("c2", issuer=iss)).expose() == "c2"
    with pytest.raises(m.McxConnectError.Login) as err:
        expecting.read_response(expected.success_redirect("c2"))
    assert err.value.code == "login_issuer_mismatch"
    code_request = request.code_request(code, m.ClientAuthentication.CLIENT_ID(client_id="mcptt-client"))
    http = code_request.build(PRIMARY, m.EndpointPolicy())
    m.AuthorizationCodeRequest.parse(http, m.strict_parse_options()).verify(incoming.code_challenge(), incoming.redirect_uri())
    with pytest.raises(m.McxConnectError.Rejected) as err:
        m.AuthorizationCodeRequest.parse(http, m.strict_parse_options()).verify(pkce.challenge(), incoming.redirect_uri())
    assert err.value.code == "login_pkce_mismatch" and err.value.oauth_error == "invalid_grant"
    denied = incoming.error_redirect(m.ErrorResponse(error="access_denied"))
    with pytest.raises(m.McxConnectError.ErrorResponse) as err:
        request.read_response(denied)
    assert err.value.oauth_error == "access_denied"
    refresh = m.RefreshRequest(m.Secret("rt"), m.ScopeSet.parse("openid 3gpp:mc:ptt_service"), m.ClientAuthentication.OMITTED())
    parsed = m.RefreshRequest.parse(refresh.build(PRIMARY, m.EndpointPolicy()), m.strict_parse_options())
    parsed.check_scope(scope)
    with pytest.raises(m.McxConnectError.Rejected) as err:
        parsed.check_scope(m.ScopeSet.parse("openid"))
    assert err.value.oauth_error == "invalid_scope"


def test_migration_flow_end_to_end_save_and_restore():
    config = m.MigrationConfig(primary_token_endpoint=PRIMARY, client_id="mcptt-client",
                               scope=m.ScopeSet.for_service(m.McService.PTT))
    target = m.MigrationTarget(service=m.McService.PTT, partner_system_id="partner-a", partner_token_endpoint=PARTNER)
    flow = m.MigrationFlow(config, target, m.Secret("primary-at"))
    now = 1_700_000_000
    exchange = flow.next_request(now)
    assert exchange.url == PRIMARY and flow.step() == m.MigrationStep.AWAITING_SECURITY_TOKEN
    token = security_token(["mcptt-client", PARTNER], now + 300)
    reply = m.write_token_exchange_response(m.security_token_response(m.Secret(token), 300))
    assert flow.handle_response(reply, now + 1) == m.MigrationStep.PARTNER_REQUEST_TO_SEND
    report = flow.security_token_report(now + 1)
    assert report.passed and len(report.rules) == 12
    assert [r.outcome for r in report.rules if r.id == "signature"] == [m.RuleOutcome.NOT_CHECKED]
    with pytest.raises(m.McxConnectError.Token) as err:
        flow.security_token_report(now * 1000)
    assert err.value.code == "now_in_milliseconds"
    saved = flow.save(False)
    assert "primary-at" not in saved and token not in saved
    restored = m.MigrationFlow.restore(saved, m.FlowSecrets(primary_access_token=m.Secret("primary-at")))
    assert restored.step() == m.MigrationStep.EXCHANGE_TO_SEND
    partner = flow.next_request(now + 2)
    assert partner.url == PARTNER and b"jwt-bearer" in partner.body
    tokens = m.write_token_response(m.TokenResponse(access_token=m.Secret("partner-at"), token_type="Bearer"))
    assert flow.handle_response(tokens, now + 3) == m.MigrationStep.COMPLETED
    assert flow.partner_tokens().access_token.expose() == "partner-at"
    with pytest.raises(m.McxConnectError.Flow) as err:
        flow.next_request(now + 4)
    assert err.value.code == "flow_wrong_step"
    other = flow.for_another_partner(m.MigrationTarget(service=m.McService.PTT, partner_token_endpoint="https://b.example/t"))
    other.next_request(now)
    short = security_token(["mcptt-client", "https://b.example/t"], now + 5)
    reply = m.write_token_exchange_response(m.security_token_response(m.Secret(short), 5))
    with pytest.raises(m.McxConnectError.Flow) as err:
        other.handle_response(reply, now)
    assert err.value.code == "flow_unusable_security_token"
    assert other.step() == m.MigrationStep.FAILED and other.failure().code == "flow_unusable_security_token"


def test_migration_flow_keeps_the_servers_refusal():
    config = m.MigrationConfig(primary_token_endpoint=PRIMARY, client_id="c", scope=m.ScopeSet.for_service(m.McService.DATA))
    flow = m.MigrationFlow(config, m.MigrationTarget(service=m.McService.DATA, partner_token_endpoint=PARTNER), m.Secret("at"))
    flow.next_request(1)
    with pytest.raises(m.McxConnectError.ErrorResponse) as err:
        flow.handle_response(m.write_error_response(m.ErrorResponse(error="invalid_target")), 2)
    assert err.value.oauth_error == "invalid_target"
    assert flow.failure().oauth_error == "invalid_target"
    with pytest.raises(m.McxConnectError.Endpoint):
        m.MigrationFlow(config, m.MigrationTarget(service=m.McService.DATA, partner_token_endpoint="http://x.example/t"), m.Secret("at"))
    with pytest.raises(m.McxConnectError.Flow) as err:
        m.MigrationFlow.restore("{}", m.FlowSecrets())
    assert err.value.code == "flow_invalid_saved_flow"


FIXTURES = __import__("pathlib").Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "profiles"


def test_user_profiles_name_the_partner_token_endpoints():
    xml = (FIXTURES / "mcptt-user-profile-access-information.xml").read_bytes()
    profile = m.UserProfile.parse(xml, m.EndpointPolicy())
    assert profile.kind() == m.DocumentKind.USER_PROFILE(service=m.McService.PTT)
    assert profile.service() == m.McService.PTT
    partner = profile.partners()[0]
    assert partner.id == "urn:mc:partner-a:ptt" and partner.shape == m.PartnerShape.ACCESS_INFORMATION
    assert partner.token_endpoint == "https://idms.partner-a.example/token"
    assert profile.partner_token_endpoint(partner.id) == partner.token_endpoint
    with pytest.raises(m.McxConnectError.Profile) as err:
        profile.partner("urn:mc:nobody")
    assert err.value.code == "profile_partner_not_found"
    init = m.UserProfile.parse((FIXTURES / "ue-initial-configuration.xml").read_bytes(), m.EndpointPolicy())
    assert init.kind() == m.DocumentKind.UE_INITIAL_CONFIGURATION()
    profiles = m.UserProfiles([profile, init])
    assert profiles.partner_token_endpoint(m.McService.PTT, partner.id) == partner.token_endpoint
    assert profiles.primary() is not None and len(profiles.profiles()) == 2
    with pytest.raises(m.McxConnectError.Profile) as err:
        m.UserProfile.parse((FIXTURES / "bad-dtd-external-entity.xml").read_bytes(), m.EndpointPolicy())
    assert err.value.code == "profile_dtd_refused"
    with pytest.raises(m.McxConnectError.Profile) as err:
        m.UserProfile.parse_with_limits(xml, m.EndpointPolicy(), m.ProfileLimits(max_bytes=100))
    assert err.value.code == "profile_too_large"


def test_records_are_hashable_and_their_hash_follows_equality():
    # Issue 15 §7: records (and enum variants that carry data) key a dict and sit in a set.
    assert m.RECORD_TYPES and all(t.__hash__ is not None for t in m.RECORD_TYPES)
    def request():
        return m.HttpRequest(method="POST", url=PARTNER, body=b"a=b",
                             headers=[m.HttpHeader(name="Content-Type", value="application/x-www-form-urlencoded")])
    assert request() == request() and hash(request()) == hash(request())
    assert {request(): "seen"}[request()] == "seen"
    other = request()
    other.body = b"a=c"
    assert other != request() and len({request(), other}) == 2
    secrets = m.FlowSecrets(primary_access_token=m.Secret("hunter2"), client_secret=None)
    assert hash(secrets) == hash(m.FlowSecrets(primary_access_token=m.Secret("hunter2"), client_secret=None))
    client = m.ClientAuthentication.CLIENT_ID(client_id="mcptt-client")
    assert client in {m.ClientAuthentication.CLIENT_ID(client_id="mcptt-client")}
    reply = m.HttpResponse(status=200, headers=[m.HttpHeader(name="Content-Type", value="application/json")],
                           body=b'{"access_token":"a","token_type":"Bearer","expires_in":"60"}')
    tokens = m.read_token_response(reply)  # a secret, an optional member and a list of normalisations
    assert tokens.normalisations and hash(tokens) == hash(m.read_token_response(reply))
    assert tokens != m.read_token_response(m.write_token_response(tokens))  # no normalisation the second time
    scoped = m.HttpResponse(status=200, headers=[m.HttpHeader(name="Content-Type", value="application/json")],
                            body=b'{"access_token":"a","token_type":"Bearer","scope":"openid 3gpp:mc:ptt_service"}')
    assert hash(m.read_token_response(scoped)) == hash(m.read_token_response(scoped))  # a ScopeSet inside
    assert len({m.ScopeSet.parse("openid"), m.ScopeSet.parse("openid")}) == 1


def test_records_print_in_python_style_and_never_show_a_secret():
    client = m.ClientAuthentication.CLIENT_SECRET_BASIC(client_id="mcptt-client", client_secret="s3cret")
    request = m.JwtBearerRequest("eyJhbGciOiJFUzI1NiJ9.e30.c2ln", client, m.ScopeSet.for_service(m.McService.PTT)).build(PARTNER)
    shown = repr(request)
    assert "eyJhbGciOiJFUzI1NiJ9" not in shown and "assertion=[redacted]" in shown and "Basic [redacted]" in shown, shown
    assert m.redacted_request(request).method == "POST" and request.body.count(b"eyJhbGciOiJFUzI1NiJ9") == 1
    reply = m.write_token_response(m.TokenResponse(access_token="partner-access", token_type="Bearer"))
    assert "partner-access" not in repr(reply) and f"body=<{len(reply.body)} bytes>" in repr(reply)
    reply.headers.append(m.HttpHeader(name="Set-Cookie", value="session=cookie-value"))
    assert "cookie-value" not in repr(reply) and "HttpHeader(name='Set-Cookie', value='[redacted]')" in repr(reply)
    assert repr(request.headers[-1]) == "HttpHeader(name='Authorization', value='Basic [redacted]')", request.headers
    secrets = m.FlowSecrets(primary_access_token=m.Secret("hunter2"), client_secret=None)
    assert repr(secrets) == "FlowSecrets(primary_access_token=Secret([redacted]), client_secret=None)"
    assert str(secrets) == repr(secrets) and "hunter2" not in repr(secrets)
    basic = m.ClientAuthentication.CLIENT_SECRET_BASIC(client_id="mcptt-client", client_secret=m.Secret("s3cret"))
    assert repr(basic) == "ClientAuthentication.CLIENT_SECRET_BASIC(client_id='mcptt-client', client_secret=Secret([redacted]))"


def test_tokens_are_accepted_as_plain_strings_and_come_back_as_secrets():
    # Issue 15 §7: every parameter typed `Secret` also takes the text; what comes back is a `Secret`.
    assertion = security_token(["c", PARTNER], 1_900_000_000)
    client = m.ClientAuthentication.CLIENT_ID(client_id="c")
    request = m.JwtBearerRequest(assertion, client, m.ScopeSet.for_service(m.McService.PTT))
    assert m.JwtBearerRequest.parse(request.build(PARTNER)).assertion().expose() == assertion
    exchange = m.TokenExchangeRequest(PARTNER, subject_token="primary-access-token", client=client)
    assert m.TokenExchangeRequest.parse(exchange.build(PRIMARY)).subject_token().expose() == "primary-access-token"
    assert str(m.security_token_response(assertion, 60).access_token) == "[redacted]"
    basic = m.ClientAuthentication.CLIENT_SECRET_BASIC(client_id="c", client_secret="s3cret")  # an enum variant
    assert isinstance(basic.client_secret, m.Secret) and basic.client_secret.expose() == "s3cret"
    secrets = m.FlowSecrets(primary_access_token="primary-access-token", client_secret="s3cret")
    assert isinstance(secrets.primary_access_token, m.Secret) and "primary-access-token" not in repr(secrets)
    assert secrets.client_secret.expose() == "s3cret"
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    login = m.AuthorizationRequest.with_values("https://idms.primary.example/authorize", "c", "https://console.example/cb",
                                               m.ScopeSet.for_service(m.McService.PTT), "st4te", "n0nce",
                                               m.Pkce.from_verifier(verifier), None)
    assert login.state().expose() == "st4te"
    with pytest.raises(TypeError):
        m.JwtBearerRequest(42, client, m.ScopeSet.for_service(m.McService.PTT))  # neither text nor Secret


def test_errors_of_real_failures_read_in_python_words():
    # Issue 15 §6: a sample of real failures, each `code: description` in `str`, no Rust field or
    # type name, no serde position, no field dump in `repr`.
    failures = {
        m.ErrorCode.PROFILE_UNKNOWN_ROOT: lambda: m.UserProfile.parse(b"<a><b></a>", m.EndpointPolicy()),
        m.ErrorCode.TOKEN_MALFORMED: lambda: m.inspect_token("abc.def"),
        m.ErrorCode.ENDPOINT_INSECURE: lambda: m.check_endpoint("http://127.0.0.1/t", m.EndpointPolicy()),
        m.ErrorCode.FLOW_INVALID_SAVED_FLOW: lambda: m.MigrationFlow.restore('{"version": "x"}', m.FlowSecrets()),
        m.ErrorCode.SIGNING_KEY_INVALID: lambda: m.SigningKey.es256(bytes(31)),
        m.ErrorCode.LEEWAY_TOO_LARGE: lambda: m.AccessTokenValidator("https://i.example", m.Verifier(m.JwkSet.parse('{"keys":[]}')),
                                                                     leeway=10**9),
    }
    for code, failing in failures.items():
        with pytest.raises(m.McxConnectError) as err:
            failing()
        e = err.value
        assert e.code == code and str(e) == f"{code.value}: {e.description}"
        for rust in ("allow_loopback_http", "column", "u32", "description=", "code="):
            assert rust not in str(e) and rust not in repr(e), repr(e)


def test_a_record_prints_its_scope_set_as_the_scope_text():
    config = m.MigrationConfig(primary_token_endpoint=PRIMARY, client_id="c", scope=m.ScopeSet.parse("openid 3gpp:mc:ptt_service"))
    assert "scope=ScopeSet('openid 3gpp:mc:ptt_service')" in repr(config) or \
        'scope=ScopeSet("openid 3gpp:mc:ptt_service")' in repr(config), repr(config)


def test_docs_reach_python_without_rustdoc_link_syntax_or_rust_examples():
    import inspect
    import re
    rustdoc = re.compile(r"\[`[^`]+`\]|crate::|Self::|super::|assert!|assert_eq!|use mcx_connect")
    found = []
    for name, value in vars(m).items():
        if name.startswith("_") or not (inspect.isclass(value) or inspect.isfunction(value)):
            continue
        members = [value] + [v for k, v in vars(value).items() if not k.startswith("_")] if inspect.isclass(value) else [value]
        found += [f"{name}: {match}" for member in members for match in rustdoc.findall(inspect.getdoc(member) or "")]
    assert found == [], found


def test_a_trailing_optional_or_flag_defaults_as_the_core_reads_it():
    # Issue 15 §7: `kid` and `jti` default to none, a saved flow leaves secrets out unless asked.
    key = m.SigningKey.es256(bytes(range(1, 33)))
    assert key.public_jwk() == key.public_jwk(None) and '"kid"' not in key.public_jwk()
    assert m.inspect_token(key.sign('{"sub":"alice"}').expose()).header.kid is None
    m.SecurityTokenIssuer("https://idms.primary.example", key, 300)
    assert "answer" in dir(m.SecurityTokenIssuer)
    import inspect
    assert inspect.signature(m.SecurityTokenIssuer.answer).parameters["jti"].default is not inspect.Parameter.empty
    config = m.MigrationConfig(primary_token_endpoint=PRIMARY, client_id="c", scope=m.ScopeSet.for_service(m.McService.PTT))
    flow = m.MigrationFlow(config, m.MigrationTarget(service=m.McService.PTT, partner_token_endpoint=PARTNER), "primary-at")
    assert flow.save() == flow.save(False) and "primary-at" not in flow.save()


def test_a_variant_with_unnamed_fields_prints_and_hashes_as_a_record():
    # `Scope.OTHER("x")` keeps its value by position (UniFFI's `*values`), not by name.
    unknown = m.scope_from_value("3gpp:mc:new_service")
    assert repr(unknown) == str(unknown) == "Scope.MCX_OTHER('3gpp:mc:new_service')"
    assert hash(unknown) == hash(m.Scope.MCX_OTHER("3gpp:mc:new_service")) and len({unknown, m.Scope.OTHER("x")}) == 2
    assert hash(m.Scope.OTHER("x")) != hash(m.Scope.OTHER("y"))
    scopes = m.ScopeSet.parse("openid 3gpp:mc:new_service email").scopes()
    assert repr(scopes) == "[Scope.OPEN_ID(), Scope.MCX_OTHER('3gpp:mc:new_service'), Scope.OTHER('email')]"


def test_b_7_3_a_key_held_by_the_host_gets_the_signing_input_and_its_signature_is_checked():
    # No Ed25519 signer here (no `cryptography` package): what the host is given to sign and the
    # refusals, never a faked successful signature (the Kotlin test signs with the JDK's Ed25519).
    issuer_url, now = "https://idms.primary.example", 1_700_000_100
    access_key = m.SigningKey.es256(bytes([9] * 32))
    access = access_key.sign(json.dumps({
        "iss": issuer_url, "sub": "alice", "aud": "mcptt-client", "client_id": "mcptt-client",
        "scope": "openid 3gpp:mc:ptt_service", "iat": 1_700_000_000, "exp": 1_700_003_600,
        "mcptt_id": "sip:alice@primary.example"}))
    request = m.TokenExchangeRequest(PARTNER, access, m.ClientAuthentication.CLIENT_ID(client_id="mcptt-client")).build(PRIMARY)
    access_validator = m.AccessTokenValidator(issuer_url, m.Verifier(m.JwkSet.parse(f'{{"keys":[{access_key.public_jwk()}]}}')))
    host_key = m.SigningKey.held_by_host(m.Algorithm.ED_DSA)
    assert host_key.public_jwk() is None
    issuer = m.SecurityTokenIssuer(issuer_url, host_key, 300, "hsm-1")
    with pytest.raises(m.McxConnectError) as in_library:
        issuer.answer(request, m.strict_parse_options(), access_validator, now)
    assert in_library.value.code == m.ErrorCode.SIGNING_KEY_INVALID and "prepare" in in_library.value.description

    unsigned = issuer.prepare(request, m.strict_parse_options(), access_validator, now, "id-1")
    assert unsigned.algorithm() == m.Algorithm.ED_DSA
    with pytest.raises(m.McxConnectError) as short:
        unsigned.finish(bytes([7] * 65))
    assert short.value.code == m.ErrorCode.SIGNING_KEY_INVALID
    wrong = bytes([7] * 64)  # well formed, but no key signed it
    response = unsigned.finish(wrong)
    with pytest.raises(m.McxConnectError) as twice:
        unsigned.finish(wrong)
    assert twice.value.code == "security_token_already_signed" == m.ErrorCode.SECURITY_TOKEN_ALREADY_SIGNED
    assert response.expires_in == 300
    token = response.access_token.expose()
    assert token.startswith(unsigned.signing_input() + ".")
    seen = m.inspect_token(token)
    assert (seen.header.alg, seen.header.kid, seen.header.typ, seen.signature_bytes) == ("EdDSA", "hsm-1", "JWT", 64)
    assert json.loads(seen.claims) == {
        "iss": issuer_url, "sub": "alice", "aud": ["mcptt-client", PARTNER], "azp": "mcptt-client",
        "iat": now, "exp": now + 300, "jti": "id-1", "mcptt_id": "sip:alice@primary.example"}

    # The partner IdMS refuses it under the key the host published.
    published = m.SigningKey.ed25519(bytes([3] * 32)).public_jwk("hsm-1")
    partner = m.SecurityTokenValidator(issuer_url, PARTNER, m.Verifier(m.JwkSet.parse(f'{{"keys":[{published}]}}')))
    with pytest.raises(m.McxConnectError) as refused:
        partner.validate(token, "mcptt-client", now + 1)
    assert refused.value.code == m.ErrorCode.TOKEN_BAD_SIGNATURE
    for shown in (str(short.value), repr(short.value), str(refused.value), str(unsigned), repr(unsigned)):
        assert not any(segment in shown for segment in unsigned.signing_input().split(".")), shown
