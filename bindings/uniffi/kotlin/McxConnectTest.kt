// The Kotlin test suite of the UniFFI bindings: idiomatic use of every API family, then the
// shared vectors. `main` runs each named test and prints `kotlin: N passed, N failed`.
package org.mcxconnect.test

import org.mcxconnect.*
import org.mcxconnect.core.*
import java.io.File
import java.util.Base64
import kotlin.system.exitProcess

const val PRIMARY = "https://idms.primary.example/as/token.oauth2"
const val PARTNER = "https://idms.partner.example/as/token.oauth2"

fun check(condition: Boolean, what: () -> String = { "check failed" }) {
    if (!condition) throw AssertionError(what())
}

fun <T> eq(expected: T, actual: T) = check(expected == actual) { "expected <$expected>, got <$actual>" }

inline fun <reified E : Throwable> assertThrows(block: () -> Unit): E {
    try {
        block()
    } catch (e: Throwable) {
        if (e is E) return e
        throw AssertionError("expected ${E::class.simpleName}, got $e")
    }
    throw AssertionError("expected ${E::class.simpleName}, nothing was thrown")
}

fun b64url(json: String): String = Base64.getUrlEncoder().withoutPadding().encodeToString(json.toByteArray())

fun securityToken(aud: List<String>, exp: Long): String =
    b64url("""{"alg":"RS256"}""") + "." +
        // B.2.1.2: iss, sub, aud, exp and iat, as the partner's validator (and so the flow) requires.
        b64url("""{"iss":"https://idms.primary.example","aud":[${aud.joinToString(",") { "\"$it\"" }}],"exp":$exp,"iat":${exp - 600},"sub":"alice"}""") + ".c2ln"

val tests: List<Pair<String, () -> Unit>> = listOf(
    "one error interface: code, oauthError, description and status on the base class" to {
        val scope: McxConnectException = assertThrows<McxConnectException> { ScopeSet.parse("openid,3gpp:mc:ptt_service") }
        eq(ErrorCode.SCOPE_COMMA, scope.errorCode) // one enum, named as Swift's and Python's `ErrorCode`
        eq("scope_comma", ErrorCode.SCOPE_COMMA.code)
        check(when (scope.errorCode) { ErrorCode.SCOPE_COMMA -> true; else -> false })
        eq(null, ErrorCode.of("a_code_of_a_newer_core"))
        eq("invalid_scope", scope.oauthError)
        check(scope.description.contains("commas")) { scope.description }
        eq(null, scope.status)
        val sloppy = HttpRequest("POST", PARTNER, listOf(HttpHeader("Content-Type", "application/x-www-form-urlencoded")),
            "grant_type=password".toByteArray())
        val refusal: McxConnectException = assertThrows<McxConnectException> { JwtBearerRequest.parse(sloppy, strictParseOptions()) }
        eq("unsupported_grant_type", refusal.code)
        // One type for an HTTP status: the base class's `status`, `Rejected`'s own and `HttpResponse.status`.
        val status: UShort? = refusal.status
        eq(writeErrorResponse(ErrorResponse(refusal.oauthError!!)).status, status)
        eq((refusal as McxConnectException.Rejected).status, status)
    },
    "one error interface: message and toString are the code and description in Kotlin's words, not a field dump" to {
        val failures = mapOf<ErrorCode, () -> Unit>(
            ErrorCode.PROFILE_UNKNOWN_ROOT to { UserProfile.parse("<a><b></a>".toByteArray()) },
            ErrorCode.TOKEN_MALFORMED to { inspectToken("abc.def") },
            ErrorCode.ENDPOINT_INSECURE to { checkEndpoint("http://127.0.0.1/t") },
            ErrorCode.FLOW_INVALID_SAVED_FLOW to { MigrationFlow.restore("{\"version\": \"x\"}", FlowSecrets()) },
            ErrorCode.SIGNING_KEY_INVALID to { SigningKey.es256(ByteArray(31)) },
        )
        for ((code, failing) in failures) {
            val e = assertThrows<McxConnectException> { failing() }
            eq(code, e.errorCode)
            eq("${code.code}: ${e.description}", e.message)
            check(e.toString().endsWith(": ${code.code}: ${e.description}")) { e.toString() }
            for (rust in listOf("allow_loopback_http", "column", "u32", "description=", "code=")) check(rust !in e.toString()) { e.toString() }
        }
        val config = MigrationConfig(PRIMARY, "c", ScopeSet.parse("openid 3gpp:mc:ptt_service"))
        check("scope=openid 3gpp:mc:ptt_service," in config.toString()) { config.toString() }
    },
    "a trailing optional or flag defaults as the core reads it (kid, jti: none; save: without secrets)" to {
        val key = SigningKey.es256(ByteArray(32) { (it + 1).toByte() })
        eq(key.publicJwk(null), key.publicJwk())
        eq(null, inspectToken(key.sign("{\"sub\":\"alice\"}").expose()).header.kid)
        SecurityTokenIssuer("https://idms.primary.example", key, 300uL)
        val config = MigrationConfig(PRIMARY, "c", ScopeSet.forService(McService.PTT))
        val flow = MigrationFlow(config, MigrationTarget(McService.PTT, null, PARTNER), "primary-at")
        eq(flow.save(false), flow.save())
    },
    "a call's status is reused (kotlin-call-status.py): errors and results stay apart, on one thread and on eight" to {
        for (file in listOf("org.mcxconnect.Mcx_connect_ffiKt", "org.mcxconnect.core.Mcx_connectKt")) {
            Class.forName(file).getDeclaredField("uniffiCallStatuses") // the package's Kotlin is the rewritten one
        }
        val assertion = securityToken(listOf("c", PARTNER), 1_900_000_000)
        val request = JwtBearerRequest(Secret(assertion), ClientAuthentication.ClientId("c"), ScopeSet.forService(McService.PTT))
        val round = { i: Int ->
            if (i % 3 == 0) {
                eq(ErrorCode.ENDPOINT_INSECURE, assertThrows<McxConnectException> { request.build("http://idms.partner.example/t") }.errorCode)
            } else {
                eq(assertion, JwtBearerRequest.parse(request.build(PARTNER)).assertion().expose())
            }
            // The core's namespace has a helper of its own.
            eq(ErrorCode.SCOPE_COMMA, assertThrows<McxConnectException> { ScopeSet.parse("openid,3gpp:mc:x") }.errorCode)
            eq("openid 3gpp:mc:x", ScopeSet.parse("openid 3gpp:mc:x").toString())
        }
        repeat(30) { round(it) }
        val failures = java.util.concurrent.ConcurrentLinkedQueue<Throwable>()
        val threads = (0 until 8).map { t -> Thread { try { repeat(100) { round(it + t) } } catch (e: Throwable) { failures.add(e) } } }
        threads.forEach { it.start() }
        threads.forEach { it.join() }
        check(failures.isEmpty()) { "${failures.size} failures, first: ${failures.peek()}" }
    },
    "policy, parse options and limits default to the core's (https only, strict, default limits)" to {
        val assertion = securityToken(listOf("c", PARTNER), 1_900_000_000)
        val request = JwtBearerRequest(Secret(assertion), ClientAuthentication.ClientId("c"), ScopeSet.forService(McService.PTT))
        eq(assertion, JwtBearerRequest.parse(request.build(PARTNER)).assertion().expose())
        eq(ErrorCode.ENDPOINT_INSECURE, assertThrows<McxConnectException> { request.build("http://idms.partner.example/t") }.errorCode)
        eq("a", readTokenResponse(writeTokenResponse(TokenResponse(accessToken = Secret("a"), tokenType = "Bearer"))).accessToken.expose())
    },
    "tokens are accepted as plain strings and come back as Secret (PlainStrings.kt)" to {
        val assertion = securityToken(listOf("c", PARTNER), 1_900_000_000)
        val client = ClientAuthentication.ClientId("c")
        val request = JwtBearerRequest(assertion, client, ScopeSet.forService(McService.PTT))
        eq(assertion, JwtBearerRequest.parse(request.build(PARTNER)).assertion().expose())
        val exchange = TokenExchangeRequest(PARTNER, "primary-access-token", client)
        eq("primary-access-token", TokenExchangeRequest.parse(exchange.build(PRIMARY)).subjectToken().expose())
        eq("r1", RefreshRequest("r1", null, client).refreshToken().expose())
        eq("primary-at", FlowSecrets("primary-at").primaryAccessToken?.expose())
        eq("s3cret", FlowSecrets("primary-at", "s3cret").clientSecret?.expose())
        val verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        eq(verifier, AuthorizationCodeRequest("c0de", "https://console.example/cb", verifier, client).codeVerifier().expose())
        eq("[redacted]", securityTokenResponse(assertion, 60uL).accessToken.toString())
        val login = AuthorizationRequest.withValues("https://idms.primary.example/authorize", "c", "https://console.example/cb",
            ScopeSet.forService(McService.PTT), "st4te", "n0nce", Pkce.fromVerifier(verifier), null)
        eq("st4te", login.state().expose())
    },
    "secret is redacted in toString" to {
        val secret = Secret("hunter2")
        eq("[redacted]", secret.toString())
        eq("hunter2", secret.expose())
        eq(Secret("hunter2"), secret)
        val client = ClientAuthentication.ClientSecretBasic("c", secret)
        check(!client.toString().contains("hunter2")) { client.toString() }
    },
    "a request and a response never print a credential header's value" to {
        val request = JwtBearerRequest("eyJhbGciOiJFUzI1NiJ9.e30.c2ln", ClientAuthentication.ClientSecretBasic("c", Secret("hunter2")),
            ScopeSet.forService(McService.PTT)).build(PARTNER)
        val shown = request.toString()
        check(request.headers.any { it.name == "Authorization" && it.value.startsWith("Basic ") && it.value != "Basic [redacted]" })
        check("value=Basic [redacted]" in shown && "value=application/x-www-form-urlencoded" in shown) { shown }
        check(!shown.contains(request.headers.first { it.name == "Authorization" }.value)) { shown }
        val response = HttpResponse(200u, listOf(HttpHeader("Set-Cookie", "session=cookie-value")), ByteArray(0))
        check(!response.toString().contains("cookie-value") && "HttpHeader(name=Set-Cookie, value=[redacted])" in response.toString()) {
            response.toString()
        }
        eq(HttpHeader("Set-Cookie", "session=cookie-value"), response.headers[0])
    },
    "scope sets parse strictly and leniently" to {
        val ptt = ScopeSet.forService(McService.PTT)
        check(ptt.toString().startsWith("openid 3gpp:mc:ptt_service"))
        eq(5u, ptt.len())
        check(ptt.hasMcx())
        eq(ptt, ScopeSet.parse(ptt.toString()))
        eq(Scope.PttService, ptt.scopes()[1])
        eq(Scope.McxOther("3gpp:mc:new_service"), scopeFromValue("3gpp:mc:new_service"))
        eq("3gpp:mc:data_group_management_service", scopeValue(Scope.DataGroupManagement))
        eq(4, mcServiceScopes(McService.VIDEO).size)
        val comma = assertThrows<McxConnectException.Scope> { ScopeSet.parse("openid,3gpp:mc:ptt_service") }
        eq("scope_comma", comma.code)
        eq("invalid_scope", comma.oauthError)
        val lenient = parseScopeLenient("openid,3gpp:mc:ptt_service")
        eq(listOf("openid", "3gpp:mc:ptt_service"), lenient.scope.values())
        eq(listOf("comma_separated_scope"), lenient.normalisations.map { it.code })
        val widened = assertThrows<McxConnectException.Scope> { ScopeSet.parse("openid 3gpp:mc:video_service").requireWithin(ptt) }
        eq("scope_widened", widened.code)
        assertThrows<McxConnectException.Scope> { ScopeSet.of(listOf(Scope.OpenId)).requireMcx() }
    },
    "endpoint policy is https only unless loopback is allowed" to {
        checkEndpoint(PARTNER, EndpointPolicy())
        val err = assertThrows<McxConnectException.Endpoint> { checkEndpoint("http://127.0.0.1/t", EndpointPolicy()) }
        eq("endpoint_insecure", err.code)
        eq(null, err.oauthError)
        checkEndpoint("http://127.0.0.1/t", EndpointPolicy(allowLoopbackHttp = true))
    },
    "token exchange in both roles" to {
        val client = ClientAuthentication.ClientSecretBasic("mcptt-client", Secret("s3cret"))
        val http = TokenExchangeRequest(PARTNER, Secret("primary-at"), client).build(PRIMARY, EndpointPolicy())
        eq("POST", http.method)
        eq(PRIMARY, http.url)
        check(http.headers.any { it.name == "Authorization" && it.value.startsWith("Basic ") })
        val parsed = TokenExchangeRequest.parse(http, strictParseOptions())
        eq(PARTNER, parsed.resource())
        eq("primary-at", parsed.subjectToken().expose())
        eq(client, parsed.client())
        eq(0, parsed.normalisations().size)
        val again = httpRequestFromText(httpRequestToText(http), ParseMode.STRICT).request
        eq(http.url, again.url)
        check(http.body.contentEquals(again.body))
    },
    "server-role refusal carries the RFC error and writes the response" to {
        val http = HttpRequest("POST", PRIMARY, listOf(HttpHeader("Content-Type", "application/x-www-form-urlencoded")), "grant_type=password".toByteArray())
        val rejection = assertThrows<McxConnectException.Rejected> { TokenExchangeRequest.parse(http, strictParseOptions()) }
        eq("unsupported_grant_type", rejection.code)
        eq("unsupported_grant_type", rejection.oauthError)
        eq(400.toUShort(), rejection.status)
        val response = writeErrorResponse(ErrorResponse(rejection.oauthError!!, rejection.description))
        eq(400.toUShort(), response.status)
        eq("unsupported_grant_type", (parseJson(String(response.body)) as Map<*, *>)["error"])
        eq("unsupported_grant_type", readErrorResponse(response)?.error)
        eq(401.toUShort(), oauthErrorHttpStatus("invalid_client"))
    },
    "jwt-bearer in both roles, with lenient repairs" to {
        val scope = ScopeSet.forService(McService.VIDEO)
        val assertion = securityToken(listOf("c", PARTNER), 2_000_000_000)
        val http = JwtBearerRequest(Secret(assertion), ClientAuthentication.ClientId("c"), scope).build(PARTNER, EndpointPolicy())
        val parsed = JwtBearerRequest.parse(http, strictParseOptions())
        eq(assertion, parsed.assertion().expose())
        eq(scope, parsed.scope())
        val sloppy = http.copy(body = (String(http.body).replace("+3gpp", "%2C3gpp") + "&").toByteArray())
        val strict = assertThrows<McxConnectException.Rejected> { JwtBearerRequest.parse(sloppy, strictParseOptions()) }
        eq("invalid_request", strict.oauthError)
        val lenient = JwtBearerRequest.parse(sloppy, lenientParseOptions())
        eq(setOf("empty_pair_dropped", "comma_separated_scope"), lenient.normalisations().map { it.code }.toSet())
    },
    "token responses round-trip and errors keep the server's code" to {
        val tokens = TokenResponse(Secret("at"), "Bearer", 300uL, Secret("rt"), ScopeSet.forService(McService.DATA))
        val read = readTokenResponse(writeTokenResponse(tokens), defaultLimits())
        eq("at", read.accessToken.expose())
        eq(300uL, read.expiresIn)
        eq(tokens.scope, read.scope)
        check(!read.toString().contains("\"at\"")) { read.toString() }
        val refusal = writeErrorResponse(ErrorResponse("invalid_grant"))
        val err = assertThrows<McxConnectException.ErrorResponse> { readTokenResponse(refusal, defaultLimits()) }
        eq("error_response", err.code)
        eq("invalid_grant", err.oauthError)
        val security = securityTokenResponse(Secret("jwt"), 60uL)
        val again = readTokenExchangeResponse(writeTokenExchangeResponse(security), defaultLimits())
        eq("N_A", again.tokenType)
        eq("urn:ietf:params:oauth:token-type:jwt", again.issuedTokenType)
    },
    "login with PKCE and refresh in both roles" to {
        val pkce = Pkce.fromVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        eq("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", pkce.challenge())
        check(Pkce.generate().verifier() != Pkce.generate().verifier())
        val scope = ScopeSet.forService(McService.PTT)
        val request = AuthorizationRequest("https://idms.primary.example/authorize", "mcptt-client", "org.example.mcptt:/callback", scope)
        val incoming = IncomingAuthorizationRequest.parseUrl(request.url(EndpointPolicy()))
        eq(request.pkce().challenge(), incoming.codeChallenge())
        val redirect = incoming.successRedirect("the-code")
        val code = request.readResponse(redirect)
        eq("the-code", code.expose())
        val forged = assertThrows<McxConnectException.Login> { request.readResponse(redirect.replace(request.state().expose(), "forged")) }
        eq("login_state_mismatch", forged.code)
        // RFC 9207: a login expecting the server's `iss` reads the redirect that carries it, and no other.
        val iss = "https://idms.primary.example"
        val expecting = AuthorizationRequest("https://idms.primary.example/authorize", "mcptt-client", "org.example.mcptt:/callback", scope, iss)
        val expected = IncomingAuthorizationRequest.parseUrl(expecting.url(EndpointPolicy()))
        eq("c2", expecting.readResponse(expected.successRedirect("c2", iss)).expose())
        eq("login_issuer_mismatch", assertThrows<McxConnectException.Login> { expecting.readResponse(expected.successRedirect("c2")) }.code)
        val http = request.codeRequest(code, ClientAuthentication.ClientId("mcptt-client")).build(PRIMARY, EndpointPolicy())
        AuthorizationCodeRequest.parse(http, strictParseOptions()).verify(incoming.codeChallenge(), incoming.redirectUri())
        val mismatch = assertThrows<McxConnectException.Rejected> {
            AuthorizationCodeRequest.parse(http, strictParseOptions()).verify(pkce.challenge(), incoming.redirectUri())
        }
        eq("login_pkce_mismatch", mismatch.code)
        eq("invalid_grant", mismatch.oauthError)
        val denied = assertThrows<McxConnectException.ErrorResponse> { request.readResponse(incoming.errorRedirect(ErrorResponse("access_denied"))) }
        eq("access_denied", denied.oauthError)
        val refresh = RefreshRequest(Secret("rt"), ScopeSet.parse("openid 3gpp:mc:ptt_service"), ClientAuthentication.Omitted)
        val parsed = RefreshRequest.parse(refresh.build(PRIMARY, EndpointPolicy()), strictParseOptions())
        parsed.checkScope(scope)
        eq("invalid_scope", assertThrows<McxConnectException.Rejected> { parsed.checkScope(ScopeSet.parse("openid")) }.oauthError)
    },
    "migration flow end to end, saved and restored" to {
        val config = MigrationConfig(PRIMARY, "mcptt-client", ScopeSet.forService(McService.PTT))
        val target = MigrationTarget(McService.PTT, "partner-a", PARTNER)
        val flow = MigrationFlow(config, target, Secret("primary-at"))
        val now = 1_700_000_000uL
        eq(PRIMARY, flow.nextRequest(now).url)
        eq(MigrationStep.AWAITING_SECURITY_TOKEN, flow.step())
        val token = securityToken(listOf("mcptt-client", PARTNER), now.toLong() + 300)
        val reply = writeTokenExchangeResponse(securityTokenResponse(Secret(token), 300uL))
        eq(MigrationStep.PARTNER_REQUEST_TO_SEND, flow.handleResponse(reply, now + 1uL))
        val report = flow.securityTokenReport(now + 1uL)!!
        check(report.passed && report.rules.size == 12) { report.toString() }
        eq(RuleOutcome.NOT_CHECKED, report.rules.first { it.id == "signature" }.outcome)
        eq("now_in_milliseconds", assertThrows<McxConnectException.Token> { flow.securityTokenReport(now * 1000uL) }.code)
        val saved = flow.save(false)
        check(!saved.contains("primary-at") && !saved.contains(token))
        val restored = MigrationFlow.restore(saved, FlowSecrets(primaryAccessToken = Secret("primary-at")))
        eq(MigrationStep.EXCHANGE_TO_SEND, restored.step())
        val partner = flow.nextRequest(now + 2uL)
        eq(PARTNER, partner.url)
        check(String(partner.body).contains("jwt-bearer"))
        val tokens = writeTokenResponse(TokenResponse(Secret("partner-at"), "Bearer"))
        eq(MigrationStep.COMPLETED, flow.handleResponse(tokens, now + 3uL))
        eq("partner-at", flow.partnerTokens()?.accessToken?.expose())
        eq("flow_wrong_step", assertThrows<McxConnectException.Flow> { flow.nextRequest(now + 4uL) }.code)
        val other = flow.forAnotherPartner(MigrationTarget(McService.PTT, null, "https://b.example/t"))
        other.nextRequest(now)
        val short = securityToken(listOf("mcptt-client", "https://b.example/t"), now.toLong() + 5)
        val shortReply = writeTokenExchangeResponse(securityTokenResponse(Secret(short), 5uL))
        eq("flow_unusable_security_token", assertThrows<McxConnectException.Flow> { other.handleResponse(shortReply, now) }.code)
        eq(MigrationStep.FAILED, other.step())
        eq("flow_unusable_security_token", other.failure()?.code)
    },
    "migration flow keeps the server's refusal" to {
        val config = MigrationConfig(PRIMARY, "c", ScopeSet.forService(McService.DATA))
        val flow = MigrationFlow(config, MigrationTarget(McService.DATA, null, PARTNER), Secret("at"))
        flow.nextRequest(1uL)
        val err = assertThrows<McxConnectException.ErrorResponse> { flow.handleResponse(writeErrorResponse(ErrorResponse("invalid_target")), 2uL) }
        eq("invalid_target", err.oauthError)
        eq("invalid_target", flow.failure()?.oauthError)
        assertThrows<McxConnectException.Endpoint> { MigrationFlow(config, MigrationTarget(McService.DATA, null, "http://x.example/t"), Secret("at")) }
        eq("flow_invalid_saved_flow", assertThrows<McxConnectException.Flow> { MigrationFlow.restore("{}", FlowSecrets()) }.code)
    },
    "b_7_3 a key held by the host: prepare, the host signs (the JDK's Ed25519 standing in for an HSM), finish; the partner accepts it" to {
        val issuerUrl = "https://idms.primary.example"
        val now = 1_700_000_100uL
        val accessKey = SigningKey.es256(ByteArray(32) { 9 })
        val access = accessKey.sign("""{"iss":"$issuerUrl","sub":"alice","aud":"mcptt-client","client_id":"mcptt-client",""" +
            """"scope":"openid 3gpp:mc:ptt_service","iat":1700000000,"exp":1700003600,"mcptt_id":"sip:alice@primary.example"}""")
        val request = TokenExchangeRequest(PARTNER, access, ClientAuthentication.ClientId("mcptt-client")).build(PRIMARY)
        val accessValidator = AccessTokenValidator(issuerUrl, Verifier(JwkSet.parse("""{"keys":[${accessKey.publicJwk()}]}""")))
        val hostKey = SigningKey.heldByHost(Algorithm.ED_DSA)
        eq(null, hostKey.publicJwk()) // the host publishes its own public key
        eq(ErrorCode.SIGNING_KEY_INVALID, assertThrows<McxConnectException> { SigningKey.heldByHost(Algorithm.HS256) }.errorCode)
        val issuer = SecurityTokenIssuer(issuerUrl, hostKey, 300uL, "hsm-1")
        val inLibrary = assertThrows<McxConnectException> { issuer.answer(request, strictParseOptions(), accessValidator, now) }
        eq(ErrorCode.SIGNING_KEY_INVALID, inLibrary.errorCode)
        check("prepare" in inLibrary.description) { inLibrary.description }

        val hsm = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
        val hostSign = { input: String ->
            java.security.Signature.getInstance("Ed25519").run { initSign(hsm.private); update(input.toByteArray()); sign() }
        }
        val unsigned = issuer.prepare(request, strictParseOptions(), accessValidator, now, "id-1")
        eq(Algorithm.ED_DSA, unsigned.algorithm())
        val signature = hostSign(unsigned.signingInput())
        val response = unsigned.finish(signature)
        eq(300uL, response.expiresIn)
        eq(unsigned.signingInput() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature), response.accessToken.expose())

        // The partner IdMS (B.7.4) verifies it with the public key the host published.
        val x = Base64.getUrlEncoder().withoutPadding().encodeToString(hsm.public.encoded.takeLast(32).toByteArray())
        val published = JwkSet.parse("""{"keys":[{"kty":"OKP","crv":"Ed25519","x":"$x","kid":"hsm-1","use":"sig"}]}""")
        val partner = SecurityTokenValidator(issuerUrl, PARTNER, Verifier(published))
        val token = partner.validate(response.accessToken.expose(), "mcptt-client", now + 1uL)
        eq(listOf("mcptt-client", PARTNER), token.claims.aud)
        eq("sip:alice@primary.example", token.claims.mcpttId)
        eq("id-1", token.claims.jti)

        // Signed once; a tampered signature is refused by the partner.
        eq("security_token_already_signed", assertThrows<McxConnectException> { unsigned.finish(signature) }.code)
        val tampered = signature.copyOf().also { it[0] = (it[0].toInt() xor 1).toByte() }
        val forged = issuer.prepare(request, strictParseOptions(), accessValidator, now, "id-1").finish(tampered)
        val refused = assertThrows<McxConnectException> { partner.validate(forged.accessToken.expose(), "mcptt-client", now + 1uL) }
        eq(ErrorCode.TOKEN_BAD_SIGNATURE, refused.errorCode)

        // A signature of the wrong length is refused and the token can still be finished.
        val again = issuer.prepare(request, strictParseOptions(), accessValidator, now)
        val short = assertThrows<McxConnectException> { again.finish(signature.copyOf(63)) }
        eq(ErrorCode.SIGNING_KEY_INVALID, short.errorCode)
        partner.validate(again.finish(hostSign(again.signingInput())).accessToken.expose(), "mcptt-client", now + 1uL)
        for (shown in listOf(short.toString(), again.toString(), unsigned.toString(), refused.toString())) {
            check(unsigned.signingInput().split('.').none { it in shown } && x !in shown) { shown }
        }
    },
)

val profileTests: List<Pair<String, (File) -> Unit>> = listOf(
    "user profiles name the partner token endpoints" to { root ->
        val fixtures = File(root, "tests/fixtures/profiles")
        val xml = File(fixtures, "mcptt-user-profile-access-information.xml").readBytes()
        val profile = UserProfile.parse(xml, EndpointPolicy())
        eq(DocumentKind.UserProfile(McService.PTT), profile.kind())
        val partner = profile.partners()[0]
        eq("urn:mc:partner-a:ptt", partner.id)
        eq(PartnerShape.ACCESS_INFORMATION, partner.shape)
        eq("https://idms.partner-a.example/token", partner.tokenEndpoint)
        eq(partner.tokenEndpoint, profile.partnerTokenEndpoint(partner.id))
        eq("profile_partner_not_found", assertThrows<McxConnectException.Profile> { profile.partner("urn:mc:nobody") }.code)
        val init = UserProfile.parse(File(fixtures, "ue-initial-configuration.xml").readBytes(), EndpointPolicy())
        eq(DocumentKind.UeInitialConfiguration, init.kind())
        val profiles = UserProfiles(listOf(profile, init))
        eq(partner.tokenEndpoint, profiles.partnerTokenEndpoint(McService.PTT, partner.id))
        check(profiles.primary() != null)
        val dtd = File(fixtures, "bad-dtd-external-entity.xml").readBytes()
        eq("profile_dtd_refused", assertThrows<McxConnectException.Profile> { UserProfile.parse(dtd, EndpointPolicy()) }.code)
        val big = assertThrows<McxConnectException.Profile> { UserProfile.parseWithLimits(xml, EndpointPolicy(), ProfileLimits(maxBytes = 100uL)) }
        eq("profile_too_large", big.code)
    },
    "records are values: no field of a record can be reassigned (val, not var)" to {
        for (record in listOf(HttpRequest::class.java, EndpointPolicy::class.java, ProfileLimits::class.java, FlowSecrets::class.java)) {
            val setters = record.methods.map { it.name }.filter { it.startsWith("set") }
            check(setters.isEmpty()) { "${record.simpleName} has $setters" }
        }
        val policy = EndpointPolicy()
        check(policy.copy(allowLoopbackHttp = true).allowLoopbackHttp && !policy.allowLoopbackHttp)
    },
)

fun main(args: Array<String>) {
    if (args.firstOrNull() == "--bench") {
        benchMain(args.getOrNull(1)?.toIntOrNull() ?: 200_000)
        return
    }
    val repoRoot = File(args.firstOrNull() ?: ".")
    var passed = 0
    var failed = 0
    for ((name, test) in tests) {
        try {
            test()
            passed++
        } catch (e: Throwable) {
            failed++
            println("FAIL api :: $name: $e")
        }
    }
    for ((name, test) in profileTests) {
        try {
            test(repoRoot)
            passed++
        } catch (e: Throwable) {
            failed++
            println("FAIL api :: $name: $e")
        }
    }
    println("kotlin api: $passed passed, $failed failed")
    var vectorsPassed = 0
    var vectorsFailed = 0
    val cases = try { VectorRunner.load(repoRoot) } catch (e: Exception) { println("FAIL vectors: $e"); vectorsFailed++; listOf() }
    for (case in cases) {
        try {
            VectorRunner.run(case.case)
            vectorsPassed++
        } catch (e: Throwable) {
            vectorsFailed++
            println("FAIL ${case.file} :: ${case.case["name"]}: ${e.message ?: e}")
        }
    }
    println("kotlin vectors: $vectorsPassed passed, $vectorsFailed failed")
    passed += vectorsPassed
    failed += vectorsFailed
    println("kotlin: $passed passed, $failed failed")
    exitProcess(if (failed == 0 && vectorsPassed > 0) 0 else 1)
}
