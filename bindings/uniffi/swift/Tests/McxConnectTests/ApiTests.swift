// Idiomatic use of every API family of the generated Swift module `McxConnect`.
import Foundation
import McxConnect
import XCTest

let primary = "https://idms.primary.example/as/token.oauth2"
let partner = "https://idms.partner.example/as/token.oauth2"

func expectError(_ block: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> McxConnectError? {
    do {
        try block()
        XCTFail("expected an McxConnectError", file: file, line: line)
    } catch let e as McxConnectError {
        return e
    } catch {
        XCTFail("unexpected \(error)", file: file, line: line)
    }
    return nil
}

final class ApiTests: XCTestCase {
    func testSecretIsRedactedInDescriptions() {
        let secret = Secret(value: "hunter2")
        XCTAssertEqual(secret.description, "[redacted]")
        XCTAssertEqual(secret.expose(), "hunter2")
        XCTAssertEqual(secret, Secret(value: "hunter2"))
        XCTAssertFalse("\(ClientAuthentication.clientSecretBasic(clientId: "c", clientSecret: secret))".contains("hunter2"))
    }

    func testARequestAndAResponseNeverPrintACredentialHeadersValue() throws {
        let request = try JwtBearerRequest(assertion: "eyJhbGciOiJFUzI1NiJ9.e30.c2ln",
                                           client: .clientSecretBasic(clientId: "c", clientSecret: Secret(value: "hunter2")),
                                           scope: ScopeSet.forService(service: .ptt)).build(tokenEndpoint: partner)
        let authorization = try XCTUnwrap(request.headers.first { $0.name == "Authorization" }).value
        XCTAssertTrue(authorization.hasPrefix("Basic ") && authorization != "Basic [redacted]")
        for shown in ["\(request)", String(describing: request), String(reflecting: request)] {
            XCTAssertFalse(shown.contains(authorization), shown)
            XCTAssertTrue(shown.contains("value: Basic [redacted]") && shown.contains("application/x-www-form-urlencoded"), shown)
        }
        let response = HttpResponse(status: 200, headers: [HttpHeader(name: "Set-Cookie", value: "session=cookie-value")], body: Data())
        XCTAssertFalse("\(response)".contains("cookie-value"), "\(response)")
        XCTAssertEqual(response.headers[0].value, "session=cookie-value")
    }

    func testOneErrorInterfaceReadsCodeOauthErrorDescriptionAndStatusFromAnyError() throws {
        let scope = expectError { _ = try ScopeSet.parse(text: "openid,3gpp:mc:ptt_service") }
        XCTAssertEqual(scope?.code, "scope_comma")
        XCTAssertEqual(scope?.errorCode, .scopeComma)
        XCTAssertEqual(scope?.oauthError, "invalid_scope")
        XCTAssertNil(scope?.status)
        XCTAssertEqual(scope.map { "\($0)" }, scope?.description)
        // Not UniFFI's reflection dump: LocalizedError reads String(reflecting:), our debugDescription.
        XCTAssertEqual(scope?.localizedDescription, "scope_comma: \(scope?.description ?? "")")
        let request = HttpRequest(method: "POST", url: partner,
                                  headers: [HttpHeader(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                                  body: Data("grant_type=password".utf8))
        let refusal = expectError { _ = try JwtBearerRequest.parse(request: request, options: strictParseOptions()) }
        XCTAssertEqual(refusal?.code, "unsupported_grant_type")
        XCTAssertEqual(refusal?.status, 400)
    }

    func testErrorsOfRealFailuresReadInSwiftWords() throws {
        let failures: [(ErrorCode, () throws -> Void)] = [
            (.profileUnknownRoot, { _ = try UserProfile.parse(xml: Data("<a><b></a>".utf8)) }),
            (.tokenMalformed, { _ = try inspectToken(token: "abc.def") }),
            (.endpointInsecure, { try checkEndpoint(url: "http://127.0.0.1/t") }),
            (.flowInvalidSavedFlow, { _ = try MigrationFlow.restore(json: "{\"version\": \"x\"}", secrets: FlowSecrets()) }),
            (.signingKeyInvalid, { _ = try SigningKey.es256(secret: Data(count: 31)) }),
        ]
        for (code, failing) in failures {
            let error = try XCTUnwrap(expectError(failing))
            XCTAssertEqual(error.errorCode, code)
            XCTAssertEqual(error.localizedDescription, "\(code.rawValue): \(error.description)")
            for shown in ["\(error)", String(reflecting: error), error.localizedDescription] {
                for rust in ["allow_loopback_http", "column", "u32", "description:", "code:"] where shown.contains(rust) {
                    XCTFail("\(rust) in \(shown)")
                }
            }
        }
        let config = MigrationConfig(primaryTokenEndpoint: primary, clientId: "c", scope: try ScopeSet.parse(text: "openid 3gpp:mc:ptt_service"))
        XCTAssertTrue(String(reflecting: config).contains(#"ScopeSet("openid 3gpp:mc:ptt_service")"#), String(reflecting: config))
    }

    func testATrailingOptionalOrFlagDefaultsAsTheCoreReadsIt() throws {
        let key = try SigningKey.es256(secret: Data((1...32).map { UInt8($0) }))
        XCTAssertEqual(key.publicJwk(), key.publicJwk(kid: nil))
        XCTAssertNil(try inspectToken(token: try key.sign(claimsJson: #"{"sub":"alice"}"#).expose()).header.kid)
        _ = try SecurityTokenIssuer(issuer: "https://idms.primary.example", key: key, lifetime: 300)
        let config = MigrationConfig(primaryTokenEndpoint: primary, clientId: "c", scope: ScopeSet.forService(service: .ptt))
        let flow = try MigrationFlow(config: config, target: MigrationTarget(service: .ptt, partnerSystemId: nil, partnerTokenEndpoint: partner),
                                     primaryAccessToken: "primary-at")
        XCTAssertEqual(flow.save(), flow.save(includeSecrets: false))
    }

    func testPolicyParseOptionsAndLimitsDefaultToTheCores() throws {
        let assertion = securityToken(aud: ["c", partner], exp: 1_900_000_000)
        let request = JwtBearerRequest(assertion: Secret(value: assertion), client: .clientId(clientId: "c"),
                                       scope: ScopeSet.forService(service: .ptt))
        XCTAssertEqual(try JwtBearerRequest.parse(request: try request.build(tokenEndpoint: partner)).assertion().expose(), assertion)
        XCTAssertEqual(expectError { _ = try request.build(tokenEndpoint: "http://idms.partner.example/t") }?.errorCode, .endpointInsecure)
        let reply = writeTokenResponse(tokens: TokenResponse(accessToken: Secret(value: "a"), tokenType: "Bearer"))
        XCTAssertEqual(try readTokenResponse(response: reply).accessToken.expose(), "a")
    }

    func testTokensAreAcceptedAsPlainStringsAndComeBackAsSecrets() throws {
        let assertion = securityToken(aud: ["c", partner], exp: 1_900_000_000)
        let client = ClientAuthentication.clientId(clientId: "c")
        let request = JwtBearerRequest(assertion: assertion, client: client, scope: ScopeSet.forService(service: .ptt))
        XCTAssertEqual(try JwtBearerRequest.parse(request: try request.build(tokenEndpoint: partner)).assertion().expose(), assertion)
        let exchange = TokenExchangeRequest(resource: partner, subjectToken: "primary-access-token", client: client)
        XCTAssertEqual(try TokenExchangeRequest.parse(request: try exchange.build(tokenEndpoint: primary)).subjectToken().expose(),
                       "primary-access-token")
        XCTAssertEqual(RefreshRequest(refreshToken: "r1", scope: nil, client: client).refreshToken().expose(), "r1")
        XCTAssertEqual(FlowSecrets(primaryAccessToken: "primary-at").primaryAccessToken?.expose(), "primary-at")
        XCTAssertEqual(FlowSecrets(primaryAccessToken: "primary-at", clientSecret: "s3cret").clientSecret?.expose(), "s3cret")
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        XCTAssertEqual(AuthorizationCodeRequest(code: "c0de", redirectUri: "https://console.example/cb", codeVerifier: verifier,
                                                client: client).codeVerifier().expose(), verifier)
        XCTAssertEqual("\(securityTokenResponse(token: assertion, expiresIn: 60).accessToken)", "[redacted]")
        let login = AuthorizationRequest.withValues(authorizationEndpoint: "https://idms.primary.example/authorize", clientId: "c",
                                                    redirectUri: "https://console.example/cb", scope: ScopeSet.forService(service: .ptt),
                                                    state: "st4te", nonce: "n0nce", pkce: try Pkce.fromVerifier(verifier: verifier),
                                                    acrValues: nil)
        XCTAssertEqual(login.state().expose(), "st4te")
    }

    func testScopeSetsParseStrictlyAndLeniently() throws {
        let ptt = ScopeSet.forService(service: .ptt)
        XCTAssertTrue(ptt.description.hasPrefix("openid 3gpp:mc:ptt_service"))
        XCTAssertEqual(ptt.len(), 5)
        XCTAssertTrue(ptt.hasMcx())
        XCTAssertEqual(try ScopeSet.parse(text: ptt.description), ptt)
        XCTAssertEqual(ptt.scopes()[1], .pttService)
        XCTAssertEqual(scopeFromValue(value: "3gpp:mc:new_service"), .mcxOther("3gpp:mc:new_service"))
        XCTAssertEqual(scopeValue(scope: .dataGroupManagement), "3gpp:mc:data_group_management_service")
        XCTAssertEqual(mcServiceScopes(service: .video).count, 4)
        let comma = expectError { _ = try ScopeSet.parse(text: "openid,3gpp:mc:ptt_service") }
        XCTAssertEqual(comma?.code, "scope_comma")
        XCTAssertEqual(comma?.oauthError, "invalid_scope")
        do {
            _ = try ScopeSet.parse(text: "a,b")
        } catch McxConnectError.Scope(let code, _, _) {
            XCTAssertEqual(code, "scope_comma")
        }
        let lenient = try parseScopeLenient(text: "openid,3gpp:mc:ptt_service")
        XCTAssertEqual(lenient.scope.values(), ["openid", "3gpp:mc:ptt_service"])
        XCTAssertEqual(lenient.normalisations.map(\.code), ["comma_separated_scope"])
        XCTAssertEqual(expectError { try ScopeSet.parse(text: "openid 3gpp:mc:video_service").requireWithin(granted: ptt) }?.code,
                       "scope_widened")
        XCTAssertEqual(expectError { try ScopeSet.of(scopes: [.openId]).requireMcx() }?.code, "scope_missing_mcx")
    }

    func testEndpointPolicyIsHttpsOnlyUnlessLoopbackIsAllowed() throws {
        try checkEndpoint(url: partner, policy: EndpointPolicy())
        let insecure = expectError { try checkEndpoint(url: "http://127.0.0.1/t", policy: EndpointPolicy()) }
        XCTAssertEqual(insecure?.code, "endpoint_insecure")
        XCTAssertNil(insecure?.oauthError)
        try checkEndpoint(url: "http://127.0.0.1/t", policy: EndpointPolicy(allowLoopbackHttp: true))
    }

    func testTokenExchangeInBothRoles() throws {
        let client = ClientAuthentication.clientSecretBasic(clientId: "mcptt-client", clientSecret: Secret(value: "s3cret"))
        let http = try TokenExchangeRequest(resource: partner, subjectToken: Secret(value: "primary-at"), client: client)
            .build(tokenEndpoint: primary, policy: EndpointPolicy())
        XCTAssertEqual(http.method, "POST")
        XCTAssertEqual(http.url, primary)
        XCTAssertTrue(http.headers.contains { $0.name == "Authorization" && $0.value.hasPrefix("Basic ") })
        let parsed = try TokenExchangeRequest.parse(request: http, options: strictParseOptions())
        XCTAssertEqual(parsed.resource(), partner)
        XCTAssertEqual(parsed.subjectToken().expose(), "primary-at")
        guard case .clientSecretBasic(let id, let secret) = parsed.client() else { return XCTFail("client") }
        XCTAssertEqual(id, "mcptt-client")
        XCTAssertEqual(secret, Secret(value: "s3cret"))
        XCTAssertTrue(parsed.normalisations().isEmpty)
        let again = try httpRequestFromText(text: httpRequestToText(request: http), mode: .strict).request
        XCTAssertEqual(again.url, http.url)
        XCTAssertEqual(again.body, http.body)
    }

    func testServerRoleRefusalCarriesTheRfcErrorAndWritesTheResponse() throws {
        let http = HttpRequest(method: "POST", url: primary,
                               headers: [HttpHeader(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                               body: Data("grant_type=password".utf8))
        guard let rejection = expectError({ _ = try TokenExchangeRequest.parse(request: http, options: strictParseOptions()) })
        else { return }
        XCTAssertEqual(rejection.code, "unsupported_grant_type")
        XCTAssertEqual(rejection.oauthError, "unsupported_grant_type")
        XCTAssertEqual(rejection.status, 400)
        let response = writeErrorResponse(error: ErrorResponse(error: rejection.oauthError ?? "", errorDescription: rejection.description))
        XCTAssertEqual(response.status, 400)
        XCTAssertEqual(J.parse(response.body)?["error"]?.string, "unsupported_grant_type")
        XCTAssertEqual(readErrorResponse(response: response)?.error, "unsupported_grant_type")
        XCTAssertEqual(oauthErrorHttpStatus(error: "invalid_client"), 401)
    }

    func testJwtBearerInBothRolesWithLenientRepairs() throws {
        let scope = ScopeSet.forService(service: .video)
        let assertion = securityToken(aud: ["c", partner], exp: 2_000_000_000)
        let http = try JwtBearerRequest(assertion: Secret(value: assertion), client: .clientId(clientId: "c"), scope: scope)
            .build(tokenEndpoint: partner, policy: EndpointPolicy())
        let parsed = try JwtBearerRequest.parse(request: http, options: strictParseOptions())
        XCTAssertEqual(parsed.assertion().expose(), assertion)
        XCTAssertEqual(parsed.scope(), scope)
        var sloppy = http
        sloppy.body = Data((String(decoding: http.body, as: UTF8.self).replacingOccurrences(of: "+3gpp", with: "%2C3gpp") + "&").utf8)
        XCTAssertEqual(expectError { _ = try JwtBearerRequest.parse(request: sloppy, options: strictParseOptions()) }?.oauthError,
                       "invalid_request")
        let lenient = try JwtBearerRequest.parse(request: sloppy, options: lenientParseOptions())
        XCTAssertEqual(Set(lenient.normalisations().map(\.code)), ["empty_pair_dropped", "comma_separated_scope"])
    }

    func testTokenResponsesRoundTripAndErrorsKeepTheServersCode() throws {
        let tokens = TokenResponse(accessToken: Secret(value: "at"), tokenType: "Bearer", expiresIn: 300,
                                   refreshToken: Secret(value: "rt"), scope: ScopeSet.forService(service: .data))
        let read = try readTokenResponse(response: writeTokenResponse(tokens: tokens), limits: defaultLimits())
        XCTAssertEqual(read.accessToken.expose(), "at")
        XCTAssertEqual(read.expiresIn, 300)
        XCTAssertEqual(read.scope, tokens.scope)
        let refusal = writeErrorResponse(error: ErrorResponse(error: "invalid_grant"))
        let error = expectError { _ = try readTokenResponse(response: refusal, limits: defaultLimits()) }
        XCTAssertEqual(error?.code, "error_response")
        XCTAssertEqual(error?.oauthError, "invalid_grant")
        let security = securityTokenResponse(token: Secret(value: "jwt"), expiresIn: 60)
        let again = try readTokenExchangeResponse(response: writeTokenExchangeResponse(response: security), limits: defaultLimits())
        XCTAssertEqual(again.tokenType, "N_A")
        XCTAssertEqual(again.issuedTokenType, "urn:ietf:params:oauth:token-type:jwt")
    }

    func testLoginWithPkceAndRefreshInBothRoles() throws {
        let pkce = try Pkce.fromVerifier(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        XCTAssertEqual(pkce.challenge(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        XCTAssertNotEqual(try Pkce.generate().verifier(), try Pkce.generate().verifier())
        let scope = ScopeSet.forService(service: .ptt)
        let request = try AuthorizationRequest(authorizationEndpoint: "https://idms.primary.example/authorize",
                                               clientId: "mcptt-client", redirectUri: "org.example.mcptt:/callback", scope: scope)
        let incoming = try IncomingAuthorizationRequest.parseUrl(url: try request.url(policy: EndpointPolicy()))
        XCTAssertEqual(incoming.codeChallenge(), request.pkce().challenge())
        let redirect = incoming.successRedirect(code: "the-code")
        let code = try request.readResponse(redirectUrl: redirect)
        XCTAssertEqual(code.expose(), "the-code")
        let forged = redirect.replacingOccurrences(of: request.state().expose(), with: "forged")
        XCTAssertEqual(expectError { _ = try request.readResponse(redirectUrl: forged) }?.code, "login_state_mismatch")
        // RFC 9207: a login expecting the server's `iss` reads the redirect that carries it, and no other.
        let iss = "https://idms.primary.example"
        let expecting = try AuthorizationRequest(authorizationEndpoint: "https://idms.primary.example/authorize",
                                                 clientId: "mcptt-client", redirectUri: "org.example.mcptt:/callback", scope: scope, issuer: iss)
        let expected = try IncomingAuthorizationRequest.parseUrl(url: try expecting.url(policy: EndpointPolicy()))
        XCTAssertEqual(try expecting.readResponse(redirectUrl: expected.successRedirect(code: "c2", issuer: iss)).expose(), "c2")
        XCTAssertEqual(expectError { _ = try expecting.readResponse(redirectUrl: expected.successRedirect(code: "c2")) }?.code,
                       "login_issuer_mismatch")
        let http = try request.codeRequest(code: code, client: .clientId(clientId: "mcptt-client"))
            .build(tokenEndpoint: primary, policy: EndpointPolicy())
        try AuthorizationCodeRequest.parse(request: http, options: strictParseOptions())
            .verify(codeChallenge: incoming.codeChallenge(), redirectUri: incoming.redirectUri())
        let mismatch = expectError {
            try AuthorizationCodeRequest.parse(request: http, options: strictParseOptions())
                .verify(codeChallenge: pkce.challenge(), redirectUri: incoming.redirectUri())
        }
        XCTAssertEqual(mismatch?.code, "login_pkce_mismatch")
        XCTAssertEqual(mismatch?.oauthError, "invalid_grant")
        let denied = incoming.errorRedirect(error: ErrorResponse(error: "access_denied"))
        XCTAssertEqual(expectError { _ = try request.readResponse(redirectUrl: denied) }?.oauthError, "access_denied")
        let refresh = RefreshRequest(refreshToken: Secret(value: "rt"), scope: try ScopeSet.parse(text: "openid 3gpp:mc:ptt_service"),
                                     client: .omitted)
        let parsed = try RefreshRequest.parse(request: try refresh.build(tokenEndpoint: primary, policy: EndpointPolicy()),
                                              options: strictParseOptions())
        try parsed.checkScope(granted: scope)
        XCTAssertEqual(expectError { try parsed.checkScope(granted: try ScopeSet.parse(text: "openid")) }?.oauthError, "invalid_scope")
    }

    func testMigrationFlowEndToEndSavedAndRestored() throws {
        let config = MigrationConfig(primaryTokenEndpoint: primary, clientId: "mcptt-client", scope: ScopeSet.forService(service: .ptt))
        let target = MigrationTarget(service: .ptt, partnerSystemId: "partner-a", partnerTokenEndpoint: partner)
        let flow = try MigrationFlow(config: config, target: target, primaryAccessToken: Secret(value: "primary-at"))
        let now: UInt64 = 1_700_000_000
        XCTAssertEqual(try flow.nextRequest(now: now).url, primary)
        XCTAssertEqual(flow.step(), .awaitingSecurityToken)
        let token = securityToken(aud: ["mcptt-client", partner], exp: now + 300)
        let reply = writeTokenExchangeResponse(response: securityTokenResponse(token: Secret(value: token), expiresIn: 300))
        XCTAssertEqual(try flow.handleResponse(response: reply, now: now + 1), .partnerRequestToSend)
        let report = try XCTUnwrap(try flow.securityTokenReport(now: now + 1))
        XCTAssertTrue(report.passed)
        XCTAssertEqual(report.rules.count, 12)
        XCTAssertEqual(report.rules.first { $0.id == "signature" }?.outcome, .notChecked)
        let saved = flow.save(includeSecrets: false)
        XCTAssertFalse(saved.contains("primary-at") || saved.contains(token))
        let restored = try MigrationFlow.restore(json: saved, secrets: FlowSecrets(primaryAccessToken: Secret(value: "primary-at")))
        XCTAssertEqual(restored.step(), .exchangeToSend)
        let partnerRequest = try flow.nextRequest(now: now + 2)
        XCTAssertEqual(partnerRequest.url, partner)
        XCTAssertTrue(String(decoding: partnerRequest.body, as: UTF8.self).contains("jwt-bearer"))
        let tokens = writeTokenResponse(tokens: TokenResponse(accessToken: Secret(value: "partner-at"), tokenType: "Bearer"))
        XCTAssertEqual(try flow.handleResponse(response: tokens, now: now + 3), .completed)
        XCTAssertEqual(flow.partnerTokens()?.accessToken.expose(), "partner-at")
        XCTAssertEqual(expectError { _ = try flow.nextRequest(now: now + 4) }?.code, "flow_wrong_step")
        let other = try flow.forAnotherPartner(target: MigrationTarget(service: .ptt, partnerTokenEndpoint: "https://b.example/t"))
        _ = try other.nextRequest(now: now)
        let short = securityToken(aud: ["mcptt-client", "https://b.example/t"], exp: now + 5)
        let shortReply = writeTokenExchangeResponse(response: securityTokenResponse(token: Secret(value: short), expiresIn: 5))
        XCTAssertEqual(expectError { _ = try other.handleResponse(response: shortReply, now: now) }?.code, "flow_unusable_security_token")
        XCTAssertEqual(other.step(), .failed)
        XCTAssertEqual(other.failure()?.code, "flow_unusable_security_token")
    }

    func testMigrationFlowKeepsTheServersRefusal() throws {
        let config = MigrationConfig(primaryTokenEndpoint: primary, clientId: "c", scope: ScopeSet.forService(service: .data))
        let flow = try MigrationFlow(config: config, target: MigrationTarget(service: .data, partnerTokenEndpoint: partner),
                                     primaryAccessToken: Secret(value: "at"))
        _ = try flow.nextRequest(now: 1)
        let refusal = writeErrorResponse(error: ErrorResponse(error: "invalid_target"))
        XCTAssertEqual(expectError { _ = try flow.handleResponse(response: refusal, now: 2) }?.oauthError, "invalid_target")
        XCTAssertEqual(flow.failure()?.oauthError, "invalid_target")
        XCTAssertEqual(expectError {
            _ = try MigrationFlow(config: config, target: MigrationTarget(service: .data, partnerTokenEndpoint: "http://x.example/t"),
                                  primaryAccessToken: Secret(value: "at"))
        }?.code, "endpoint_insecure")
        XCTAssertEqual(expectError { _ = try MigrationFlow.restore(json: "{}", secrets: FlowSecrets()) }?.code, "flow_invalid_saved_flow")
    }

    func testUserProfilesNameThePartnerTokenEndpoints() throws {
        let fixtures = URL(fileURLWithPath: ProcessInfo.processInfo.environment["FIXTURES_DIR"] ?? "tests/fixtures/profiles")
        let xml = try Data(contentsOf: fixtures.appendingPathComponent("mcptt-user-profile-access-information.xml"))
        let profile = try UserProfile.parse(xml: xml, policy: EndpointPolicy())
        XCTAssertEqual(profile.kind(), .userProfile(service: .ptt))
        let partner = profile.partners()[0]
        XCTAssertEqual(partner.id, "urn:mc:partner-a:ptt")
        XCTAssertEqual(partner.shape, .accessInformation)
        XCTAssertEqual(partner.tokenEndpoint, "https://idms.partner-a.example/token")
        XCTAssertEqual(try profile.partnerTokenEndpoint(id: partner.id), partner.tokenEndpoint)
        XCTAssertEqual(expectError { _ = try profile.partner(id: "urn:mc:nobody") }?.code, "profile_partner_not_found")
        let initial = try UserProfile.parse(xml: try Data(contentsOf: fixtures.appendingPathComponent("ue-initial-configuration.xml")),
                                            policy: EndpointPolicy())
        XCTAssertEqual(initial.kind(), .ueInitialConfiguration)
        let profiles = UserProfiles(profiles: [profile, initial])
        XCTAssertEqual(try profiles.partnerTokenEndpoint(service: .ptt, id: partner.id), partner.tokenEndpoint)
        XCTAssertNotNil(profiles.primary())
        let dtd = try Data(contentsOf: fixtures.appendingPathComponent("bad-dtd-external-entity.xml"))
        XCTAssertEqual(expectError { _ = try UserProfile.parse(xml: dtd, policy: EndpointPolicy()) }?.code, "profile_dtd_refused")
        XCTAssertEqual(expectError {
            _ = try UserProfile.parseWithLimits(xml: xml, policy: EndpointPolicy(), limits: ProfileLimits(maxBytes: 100))
        }?.code, "profile_too_large")
    }

    // No Ed25519 signer here (no CryptoKit on Linux): what the host is given to sign and the refusals,
    // never a faked successful signature (the Kotlin test signs with the JDK's Ed25519).
    func testB73AKeyHeldByTheHostGetsTheSigningInputAndItsSignatureIsChecked() throws {
        let issuerUrl = "https://idms.primary.example"
        let now: UInt64 = 1_700_000_100
        let accessKey = try SigningKey.es256(secret: Data(repeating: 9, count: 32))
        let access = try accessKey.sign(claimsJson: #"{"iss":"https://idms.primary.example","sub":"alice","aud":"mcptt-client","#
            + #""client_id":"mcptt-client","scope":"openid 3gpp:mc:ptt_service","iat":1700000000,"exp":1700003600,"#
            + #""mcptt_id":"sip:alice@primary.example"}"#)
        let request = try TokenExchangeRequest(resource: partner, subjectToken: access, client: .clientId(clientId: "mcptt-client"))
            .build(tokenEndpoint: primary)
        let accessValidator = try AccessTokenValidator(issuer: issuerUrl,
                                                       verifier: try Verifier(keys: try JwkSet.parse(json: #"{"keys":[\#(accessKey.publicJwk()!)]}"#)))
        let hostKey = try SigningKey.heldByHost(alg: .edDsa)
        XCTAssertNil(hostKey.publicJwk())
        let issuer = try SecurityTokenIssuer(issuer: issuerUrl, key: hostKey, lifetime: 300, kid: "hsm-1")
        let inLibrary = expectError { _ = try issuer.answer(request: request, options: strictParseOptions(), validator: accessValidator, now: now) }
        XCTAssertEqual(inLibrary?.errorCode, .signingKeyInvalid)
        XCTAssertTrue(inLibrary?.description.contains("prepare") ?? false)

        let unsigned = try issuer.prepare(request: request, options: strictParseOptions(), validator: accessValidator, now: now, jti: "id-1")
        XCTAssertEqual(unsigned.algorithm(), .edDsa)
        let short = expectError { _ = try unsigned.finish(signature: Data(repeating: 7, count: 63)) }
        XCTAssertEqual(short?.errorCode, .signingKeyInvalid)
        let wrong = Data(repeating: 7, count: 64) // well formed, but no key signed it
        let response = try unsigned.finish(signature: wrong)
        XCTAssertEqual(expectError { _ = try unsigned.finish(signature: wrong) }?.code, "security_token_already_signed")
        XCTAssertEqual(response.expiresIn, 300)
        let token = response.accessToken.expose()
        XCTAssertTrue(token.hasPrefix(unsigned.signingInput() + "."))
        let seen = try inspectToken(token: token)
        XCTAssertEqual([seen.header.alg, seen.header.kid, seen.header.typ], ["EdDSA", "hsm-1", "JWT"])
        let claims = try XCTUnwrap(J.parse(Data(seen.claims.utf8)))
        XCTAssertEqual(claims, J.parse(Data("""
            {"iss":"https://idms.primary.example","sub":"alice","aud":["mcptt-client","\(partner)"],"azp":"mcptt-client",
             "iat":\(now),"exp":\(now + 300),"jti":"id-1","mcptt_id":"sip:alice@primary.example"}
            """.utf8)))
        XCTAssertEqual(seen.signatureBytes, 64)

        // The partner IdMS refuses it under the key the host published.
        let published = try XCTUnwrap(SigningKey.ed25519(seed: Data(repeating: 3, count: 32)).publicJwk(kid: "hsm-1"))
        let partnerValidator = try SecurityTokenValidator(issuer: issuerUrl, target: partner,
                                                          verifier: try Verifier(keys: try JwkSet.parse(json: #"{"keys":[\#(published)]}"#)))
        let refused = expectError { _ = try partnerValidator.validate(token: token, clientId: "mcptt-client", now: now + 1) }
        XCTAssertEqual(refused?.errorCode, .tokenBadSignature)
        for shown in [short, refused].map({ "\($0 as Any)" }) + ["\(unsigned)", String(reflecting: unsigned)] {
            for segment in unsigned.signingInput().split(separator: ".") where shown.contains(segment) { XCTFail(shown) }
        }
    }
}
