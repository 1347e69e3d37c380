// The Kotlin runner of the shared vectors (tests/vectors/README.md), through the generated API.
// Every operation goes through org.mcxconnect; nothing here re-implements a rule.
package org.mcxconnect.test

import org.mcxconnect.*
import org.mcxconnect.core.*
import java.io.File
import java.util.Base64

class BadCase(why: String) : Exception(why)

typealias Json = Map<String, Any?>

data class VectorCase(val file: String, val case: Json)

object VectorRunner {
    fun folders(repoRoot: File): List<File> {
        val extra = (System.getenv("MCX_CONNECT_VECTORS") ?: "").split(':').filter { it.isNotEmpty() }.map(::File)
        return listOf(File(repoRoot, "tests/vectors")) + extra
    }

    @Suppress("UNCHECKED_CAST")
    fun load(repoRoot: File): List<VectorCase> = folders(repoRoot).flatMap { folder ->
        (folder.listFiles { f -> f.name.endsWith(".json") } ?: throw IllegalStateException("cannot read $folder"))
            .sortedBy { it.name }
            .flatMap { file ->
                val document = parseJson(file.readText()) as Json
                (document["cases"] as List<Json>).map { VectorCase(file.name, it) }
            }
    }

    private fun str(input: Json, key: String): String = input[key] as? String ?: throw BadCase("input.$key must be a string")
    private fun optStr(input: Json, key: String): String? = input[key] as? String

    private fun policy(input: Json) = EndpointPolicy(allowLoopbackHttp = input["allow_loopback_http"] as? Boolean ?: false)

    private fun parseOptions(input: Json): ParseOptions {
        val mode = when (val m = optStr(input, "mode") ?: "strict") {
            "strict" -> ParseMode.STRICT
            "lenient" -> ParseMode.LENIENT
            else -> throw BadCase("unknown mode `$m`")
        }
        val limits = limits(input, defaultLimits(), parseLimits)
        return ParseOptions(mode, limits, policy(input), input["accept_unknown_mcx_scopes"] as? Boolean ?: false)
    }

    /** The vectors' names of the parser limits, each with the field of [Limits] it sets. */
    private val parseLimits = mapOf<String, (Limits, ULong) -> Limits>(
        "max_body_bytes" to { l, n -> l.copy(maxBodyBytes = n) },
        "max_parameters" to { l, n -> l.copy(maxParameters = n) },
        "max_token_bytes" to { l, n -> l.copy(maxTokenBytes = n) },
    )

    /** [defaults] with each of `input.limits` set through [setters]; a name not there is a bad case. */
    @Suppress("UNCHECKED_CAST")
    private fun <L> limits(input: Json, defaults: L, setters: Map<String, (L, ULong) -> L>): L =
        (input["limits"] as? Json).orEmpty().entries.fold(defaults) { limits, (key, value) ->
            val set = setters[key] ?: throw BadCase("unknown limit `$key`")
            set(limits, (value as Number).toLong().toULong())
        }

    private fun body(value: Json): ByteArray = when {
        value["body"] is String -> (value["body"] as String).toByteArray(Charsets.UTF_8)
        value["body_base64"] is String -> Base64.getDecoder().decode(value["body_base64"] as String)
        else -> ByteArray(0)
    }

    @Suppress("UNCHECKED_CAST")
    private fun headers(value: Json, default: List<List<String>>): List<HttpHeader> =
        ((value["headers"] as? List<List<String>>) ?: default).map { HttpHeader(it[0], it[1]) }

    @Suppress("UNCHECKED_CAST")
    private fun httpRequest(input: Json): HttpRequest {
        val r = input["request"] as? Json ?: throw BadCase("input.request is required")
        return HttpRequest(
            optStr(r, "method") ?: "POST",
            optStr(r, "url") ?: "https://idms.example/as/token.oauth2",
            headers(r, listOf(listOf("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"))),
            body(r),
        )
    }

    @Suppress("UNCHECKED_CAST")
    private fun httpResponse(input: Json): HttpResponse {
        val r = input["response"] as? Json ?: throw BadCase("input.response is required")
        return HttpResponse(
            ((r["status"] as? Number)?.toInt() ?: 200).toUShort(),
            headers(r, listOf(listOf("Content-Type", "application/json"))),
            body(r),
        )
    }

    private fun requestJson(request: HttpRequest): Json = mapOf(
        "method" to request.method,
        "url" to request.url,
        "headers" to request.headers.map { listOf(it.name, it.value) },
        "body" to String(request.body, Charsets.UTF_8),
    )

    private fun responseJson(response: HttpResponse): Json = mapOf(
        "status" to response.status.toLong(),
        "headers" to response.headers.map { listOf(it.name, it.value) },
        "body_json" to try { parseJson(String(response.body, Charsets.UTF_8)) } catch (e: Exception) { null },
    )

    @Suppress("UNCHECKED_CAST")
    private fun client(input: Json): ClientAuthentication {
        val c = input["client"] as? Json ?: return ClientAuthentication.Omitted
        return when (val method = str(c, "method")) {
            "none" -> ClientAuthentication.Omitted
            "client_id" -> ClientAuthentication.ClientId(str(c, "client_id"))
            "client_secret_basic" -> ClientAuthentication.ClientSecretBasic(str(c, "client_id"), Secret(str(c, "client_secret")))
            "client_secret_post" -> ClientAuthentication.ClientSecretPost(str(c, "client_id"), Secret(str(c, "client_secret")))
            else -> throw BadCase("unknown client method `$method`")
        }
    }

    private fun clientId(c: ClientAuthentication): String? = when (c) {
        is ClientAuthentication.Omitted -> null
        is ClientAuthentication.ClientId -> c.clientId
        is ClientAuthentication.ClientSecretBasic -> c.clientId
        is ClientAuthentication.ClientSecretPost -> c.clientId
    }

    private fun clientJson(c: ClientAuthentication): Json = when (c) {
        is ClientAuthentication.Omitted -> mapOf("method" to "none", "client_id" to null, "client_secret" to null)
        is ClientAuthentication.ClientId -> mapOf("method" to "client_id", "client_id" to c.clientId, "client_secret" to null)
        is ClientAuthentication.ClientSecretBasic ->
            mapOf("method" to "client_secret_basic", "client_id" to c.clientId, "client_secret" to c.clientSecret.expose())
        is ClientAuthentication.ClientSecretPost ->
            mapOf("method" to "client_secret_post", "client_id" to c.clientId, "client_secret" to c.clientSecret.expose())
    }

    private fun codes(list: List<Normalisation>) = list.map { it.code }
    private fun exchangeReplyJson(read: TokenExchangeResponse): Json = mapOf(
        "access_token" to read.accessToken.expose(), "issued_token_type" to read.issuedTokenType,
        "token_type" to read.tokenType, "expires_in" to read.expiresIn?.toLong(),
        "scope" to read.scope?.toString(), "refresh_token" to read.refreshToken?.expose(),
        "scope_text" to read.scopeText, "normalisations" to codes(read.normalisations),
    )
    private fun tokenReplyJson(read: TokenResponse): Json = mapOf(
        "access_token" to read.accessToken.expose(), "token_type" to read.tokenType,
        "expires_in" to read.expiresIn?.toLong(), "refresh_token" to read.refreshToken?.expose(),
        "scope" to read.scope?.toString(), "id_token" to read.idToken?.expose(),
        "scope_text" to read.scopeText, "normalisations" to codes(read.normalisations),
    )
    private fun optScope(input: Json, key: String): ScopeSet? = optStr(input, key)?.let { ScopeSet.parse(it) }
    private fun optSecret(input: Json, key: String): Secret? = optStr(input, key)?.let { Secret(it) }
    private fun optLong(input: Json, key: String): ULong? = (input[key] as? Number)?.toLong()?.toULong()

    private fun authorizationRequest(input: Json): AuthorizationRequest {
        val pkce = Pkce.fromVerifier(str(input, "code_verifier"))
        val scope = optScope(input, "scope") ?: throw BadCase("input.scope is required")
        return AuthorizationRequest.withValues(
            str(input, "authorization_endpoint"), str(input, "client_id"), str(input, "redirect_uri"), scope,
            Secret(str(input, "state")), Secret(str(input, "nonce")), pkce, optStr(input, "acr_values"),
            optStr(input, "issuer"),
        )
    }

    private val services = mapOf("ptt" to McService.PTT, "video" to McService.VIDEO, "data" to McService.DATA)
    private val serviceNames = services.entries.associate { (k, v) -> v to k }

    @Suppress("UNCHECKED_CAST")
    private fun documentBytes(document: Any?): ByteArray = when {
        document is String -> document.toByteArray(Charsets.UTF_8)
        document is Map<*, *> && document["xml_base64"] is String -> Base64.getDecoder().decode(document["xml_base64"] as String)
        else -> throw BadCase("a document is a string or {\"xml_base64\": ...}")
    }

    /** The vectors' names of the profile reader's limits, each with the field of [ProfileLimits] it sets. */
    private val profileLimits = mapOf<String, (ProfileLimits, ULong) -> ProfileLimits>(
        "max_bytes" to { l, n -> l.copy(maxBytes = n) },
        "max_depth" to { l, n -> l.copy(maxDepth = n) },
        "max_elements" to { l, n -> l.copy(maxElements = n) },
    )

    private fun parseDocument(input: Json, document: Any?): UserProfile =
        UserProfile.parseWithLimits(documentBytes(document), policy(input), limits(input, ProfileLimits(), profileLimits))

    private fun oneDocument(input: Json): UserProfile = when {
        input.containsKey("xml") -> parseDocument(input, input["xml"])
        input.containsKey("xml_base64") -> parseDocument(input, mapOf("xml_base64" to input["xml_base64"]))
        else -> throw BadCase("input.xml or input.xml_base64 is required")
    }

    private fun configurationJson(c: InitialConfiguration?): Json? = c?.let {
        val a = it.appServerInfo
        mapOf(
            "domain" to it.domain,
            "app_server_info" to mapOf(
                "idms_auth_endpoint" to a.idmsAuthEndpoint, "idms_token_endpoint" to a.idmsTokenEndpoint,
                "http_proxy" to a.httpProxy, "gms" to a.gms, "cms" to a.cms, "kms" to a.kms,
                "tls_tunnel_mutual_authentication" to a.tlsTunnelMutualAuthentication,
            ),
            "normalisations" to it.normalisations.map { n -> mapOf("code" to n.code, "parameter" to n.parameter) },
        )
    }

    private fun groupJson(g: GroupServerInfo): Json = mapOf("group_id" to g.groupId, "idms_token_endpoint" to g.idmsTokenEndpoint)
    private fun partnerJson(p: PartnerSystem): Json = mapOf(
        "service" to serviceNames[p.service], "system_id" to p.systemId, "id" to p.id,
        "shape" to if (p.shape == PartnerShape.ACCESS_INFORMATION) "access_information" else "direct",
        "initial_configuration" to configurationJson(p.initialConfiguration), "token_endpoint" to p.tokenEndpoint,
    )

    private fun service(input: Json): McService {
        val name = str(input, "service").lowercase().removePrefix("mc")
        return services[name] ?: throw BadCase("unknown service `$name`")
    }

    private fun profiles(input: Json): UserProfiles {
        val documents = input["profiles"] as? List<*> ?: throw BadCase("input.profiles must be an array")
        return UserProfiles(documents.map { parseDocument(input, it) })
    }

    @Suppress("UNCHECKED_CAST")
    private fun strings(input: Json, key: String): List<String> =
        (input[key] ?: listOf<String>()) as? List<String> ?: throw BadCase("input.$key must be an array of strings")

    private fun hex(text: String): ByteArray = ByteArray(text.length / 2) { text.substring(it * 2, it * 2 + 2).toInt(16).toByte() }

    private fun jwksText(input: Json): String = toJson(input["jwks"] ?: throw BadCase("input.jwks is required"))
    private fun algorithmsOf(input: Json): List<Algorithm>? = strings(input, "algorithms").takeIf { it.isNotEmpty() }
        ?.map { algorithmFromName(it) ?: throw BadCase("unknown algorithm `$it`") }
    private fun maxTokenBytes(input: Json): ULong? = (input["max_token_bytes"] as? Number)?.toLong()?.toULong()

    private fun verifier(input: Json): Verifier = Verifier(
        JwkSet.parse(jwksText(input)), algorithmsOf(input), optStr(input, "shared_secret_hex")?.let { hex(it) },
        maxTokenBytes(input),
    )

    /** The ID token's options as one record (`TokenValidatorOptions`, as the npm package's), beside the others' `Verifier`. */
    private fun idOptions(input: Json) = TokenValidatorOptions(
        issuer = str(input, "issuer"), jwks = jwksText(input), clientId = str(input, "client_id"), leeway = leeway(input),
        services = servicesOf(input), algorithms = algorithmsOf(input),
        sharedSecret = optStr(input, "shared_secret_hex")?.let { hex(it) }, maxTokenBytes = maxTokenBytes(input),
    )

    private fun servicesOf(input: Json): List<McService> = strings(input, "services").map { service(mapOf("service" to it)) }
    private fun now(input: Json): ULong = (input["now"] as? Number)?.toLong()?.toULong() ?: throw BadCase("input.now must be a number")
    private fun leeway(input: Json): ULong = ((input["leeway"] as? Number)?.toLong() ?: 0L).toULong()

    private fun securityValidator(input: Json) = SecurityTokenValidator(
        str(input, "issuer"), str(input, "target"), verifier(input), leeway(input), servicesOf(input),
        optLong(input, "max_lifetime"),
    )

    private fun reportJson(report: SecurityTokenVerdict): Json = mapOf(
        "passed" to report.passed, "failure" to report.failure,
        "outcomes" to report.rules.associate {
            it.id to when (it.outcome) {
                RuleOutcome.PASS -> "pass"
                RuleOutcome.FAIL -> "fail"
                RuleOutcome.NOT_CHECKED -> "not_checked"
            }
        },
        "exp" to report.claims?.exp?.toLong(),
    )

    private fun accessValidator(input: Json) = AccessTokenValidator(
        str(input, "issuer"), verifier(input), leeway(input), optStr(input, "audience"), optStr(input, "expected_client_id"),
        strings(input, "scopes"), servicesOf(input),
    )

    private fun verifiedJson(header: JwsHeader, claims: TokenClaims, scope: ScopeSet? = null): Json {
        val out = mutableMapOf("header" to parseJson(jwsHeaderJson(header)), "claims" to parseJson(tokenClaimsJson(claims)))
        scope?.let { out["scope"] = it.toString() }
        return out
    }

    @Suppress("UNCHECKED_CAST")
    private val tokenOperations: Map<String, (Json) -> Json> = mapOf(
        "security_token.check" to { i ->
            val (token, clientId) = str(i, "token") to str(i, "client_id")
            if (i.containsKey("jwks")) {
                reportJson(securityValidator(i).report(token, clientId, now(i)))
            } else {
                val rules = SecurityTokenRulesInit(
                    str(i, "target"), optStr(i, "issuer"), leeway(i), servicesOf(i), optLong(i, "max_lifetime"),
                    clockSkew = optLong(i, "clock_skew"),
                )
                reportJson(checkSecurityToken(token, rules, clientId, now(i)))
            }
        },
        "token.validate" to { i ->
            val token = str(i, "token")
            when (val kind = str(i, "kind")) {
                "security" -> securityValidator(i).validate(token, str(i, "client_id"), now(i)).let { verifiedJson(it.header, it.claims) }
                "id" -> IdTokenValidator.fromOptions(idOptions(i)).validate(token, optStr(i, "nonce"), now(i))
                    .let { verifiedJson(it.header, it.claims) }
                "access" -> accessValidator(i).validate(token, now(i)).let { verifiedJson(it.header, it.claims, it.scope) }
                else -> throw BadCase("unknown token kind `$kind`")
            }
        },
        "token.inspect" to { i ->
            val seen = inspectToken(str(i, "token"))
            mapOf("header" to parseJson(jwsHeaderJson(seen.header)), "claims" to parseJson(seen.claims), "signature_bytes" to seen.signatureBytes?.toLong())
        },
        "token.sign" to { i ->
            val key = SigningKey.es256(hex(str(i, "secret_hex")))
            val claims = i["claims"] as? Json ?: throw BadCase("input.claims is required")
            val token = key.sign(toJson(claims), optStr(i, "kid"))
            val jwk = key.publicJwk(optStr(i, "kid")) ?: throw BadCase("no public JWK")
            val aud = claims["aud"] as? List<String> ?: listOf()
            val validator = SecurityTokenValidator(
                claims["iss"] as? String ?: "", aud.getOrElse(1) { "" }, Verifier(JwkSet.parse("{\"keys\":[$jwk]}"), null, null, null), 0uL, listOf(),
            )
            val checked = validator.validate(token.expose(), aud.getOrElse(0) { "" }, ((claims["iat"] as? Number)?.toLong() ?: 0L).toULong())
            mapOf("public_jwk" to parseJson(jwk), "verified_claims" to parseJson(tokenClaimsJson(checked.claims)))
        },
        "jwks.parse" to { i ->
            val set = JwkSet.parse(str(i, "jwks_text"))
            mapOf(
                "keys" to set.keys().map { mapOf("kid" to it.kid, "key_type" to it.keyType) },
                "ignored" to set.ignored().map { mapOf("kid" to it.kid, "reason" to it.reason) },
            )
        },
        "jwt_bearer.parse_and_verify" to { i ->
            val v = i["validator"] as? Json ?: throw BadCase("input.validator is required")
            val parsed = parseAndVerifyJwtBearerRequest(httpRequest(i), parseOptions(i), securityValidator(v), now(i))
            mapOf("client_id" to clientId(parsed.request.client()), "claims" to parseJson(tokenClaimsJson(parsed.securityToken.claims)))
        },
        "exchange.parse_and_verify" to { i ->
            val v = i["validator"] as? Json ?: throw BadCase("input.validator is required")
            val parsed = parseAndVerifyTokenExchangeRequest(httpRequest(i), parseOptions(i), accessValidator(v), now(i))
            mapOf(
                "resource" to parsed.request.resource(), "claims" to parseJson(tokenClaimsJson(parsed.subjectToken.claims)),
                "scope" to parsed.subjectToken.scope.toString(),
            )
        },
        "security_token.issue" to { i ->
            val v = i["validator"] as? Json ?: throw BadCase("input.validator is required")
            val s = i["issuer"] as? Json ?: throw BadCase("input.issuer is required")
            val lifetime = (s["lifetime"] as? Number)?.toLong()?.toULong() ?: throw BadCase("issuer.lifetime must be a number")
            val issuer = SecurityTokenIssuer(str(s, "issuer"), SigningKey.es256(hex(str(s, "secret_hex"))), lifetime, optStr(s, "kid"))
            val response = issuer.answer(httpRequest(i), parseOptions(i), accessValidator(v), now(i), optStr(s, "jti"))
            val seen = inspectToken(response.accessToken.expose())
            mapOf(
                "token_type" to response.tokenType, "issued_token_type" to response.issuedTokenType,
                "expires_in" to response.expiresIn?.toLong(), "header" to parseJson(jwsHeaderJson(seen.header)),
                "claims" to parseJson(seen.claims),
            )
        },
    )

    private val operations: Map<String, (Json) -> Json> = mapOf(
        "profile.parse" to { i ->
            val profile = oneDocument(i)
            val kind = when (val k = profile.kind()) {
                is DocumentKind.UserProfile -> mapOf("kind" to "user_profile", "service" to serviceNames[k.service])
                is DocumentKind.UeInitialConfiguration -> mapOf("kind" to "ue_initial_configuration")
            }
            mapOf(
                "kind" to kind, "xui_uri" to profile.xuiUri(), "primary" to configurationJson(profile.primary()),
                "partners" to profile.partners().map { partnerJson(it) },
                "groups" to profile.groups().map { groupJson(it) },
                "rejected" to profile.rejected().map {
                    mapOf("kind" to it.kind.name.lowercase(), "id" to it.id, "code" to it.code, "description" to it.description)
                },
            )
        },
        "profile.partner" to { i -> partnerJson(oneDocument(i).partner(str(i, "partner"))) },
        "profile.partner_token_endpoint" to { i -> mapOf("token_endpoint" to oneDocument(i).partnerTokenEndpoint(str(i, "partner"))) },
        "profile.group" to { i -> groupJson(oneDocument(i).group(str(i, "group"))) },
        "profiles.partner" to { i -> partnerJson(profiles(i).partner(service(i), str(i, "partner"))) },
        "profile.group_token_endpoint" to { i -> mapOf("token_endpoint" to oneDocument(i).groupTokenEndpoint(str(i, "group"))) },
        "profiles.partner_token_endpoint" to { i ->
            mapOf("token_endpoint" to profiles(i).partnerTokenEndpoint(service(i), str(i, "partner")))
        },
        "profiles.group_token_endpoint" to { i ->
            mapOf("token_endpoint" to profiles(i).groupTokenEndpoint(service(i), str(i, "group")))
        },
        "endpoint.check" to { i -> checkEndpoint(str(i, "url"), policy(i)); mapOf() },
        "scope.require_mcx" to { i ->
            ScopeSet.parse(str(i, "scope")).requireMcxWith(i["accept_unknown"] as? Boolean ?: false); mapOf()
        },
        "scope.parse" to { i ->
            val text = str(i, "scope")
            val (scope, report) = if (optStr(i, "mode") == "lenient") {
                parseScopeLenient(text).let { it.scope to it.normalisations }
            } else {
                ScopeSet.parse(text) to listOf()
            }
            mapOf(
                "scope" to scope.toString(), "values" to scope.values(), "has_mcx" to scope.hasMcx(),
                "unknown_mcx" to scope.unknownMcx(), "normalisations" to codes(report),
            )
        },
        "exchange.build" to { i ->
            val request = TokenExchangeRequest(str(i, "resource"), Secret(str(i, "subject_token")), client(i))
            requestJson(request.build(str(i, "token_endpoint"), policy(i)))
        },
        "exchange.parse" to { i ->
            val parsed = TokenExchangeRequest.parse(httpRequest(i), parseOptions(i))
            mapOf(
                "resource" to parsed.resource(), "subject_token" to parsed.subjectToken().expose(),
                "client" to clientJson(parsed.client()), "audience" to parsed.audience(),
                "scope" to parsed.scope()?.toString(), "requested_token_type" to parsed.requestedTokenType(),
                "actor_token" to parsed.actorToken()?.expose(), "actor_token_type" to parsed.actorTokenType(),
                "normalisations" to codes(parsed.normalisations()),
            )
        },
        "exchange_response.read" to { i -> exchangeReplyJson(readTokenExchangeResponse(httpResponse(i), defaultLimits())) },
        "exchange_response.write" to { i ->
            val response = TokenExchangeResponse(
                Secret(str(i, "access_token")),
                optStr(i, "issued_token_type") ?: "urn:ietf:params:oauth:token-type:jwt",
                optStr(i, "token_type") ?: "N_A",
                optLong(i, "expires_in"), optScope(i, "scope"), optSecret(i, "refresh_token"),
            )
            responseJson(writeTokenExchangeResponse(response))
        },
        "jwt_bearer.build" to { i ->
            val request = JwtBearerRequest(Secret(str(i, "assertion")), client(i), ScopeSet.parse(str(i, "scope")))
            requestJson(request.build(str(i, "token_endpoint"), policy(i)))
        },
        "jwt_bearer.parse" to { i ->
            val parsed = JwtBearerRequest.parse(httpRequest(i), parseOptions(i))
            mapOf(
                "assertion" to parsed.assertion().expose(), "client" to clientJson(parsed.client()),
                "scope" to parsed.scope().toString(), "unknown_mcx" to parsed.scope().unknownMcx(),
                "normalisations" to codes(parsed.normalisations()),
            )
        },
        "token_response.read" to { i -> tokenReplyJson(readTokenResponse(httpResponse(i), defaultLimits())) },
        "token_endpoint_response.read" to { i ->
            when (val read = readTokenEndpointResponse(httpResponse(i), defaultLimits())) {
                is TokenEndpointResponse.TokenExchange -> mapOf("kind" to "token_exchange", "response" to exchangeReplyJson(read.v1))
                is TokenEndpointResponse.Token -> mapOf("kind" to "token", "response" to tokenReplyJson(read.v1))
            }
        },
        "token_response.write" to { i ->
            val tokens = TokenResponse(
                Secret(str(i, "access_token")), optStr(i, "token_type") ?: "Bearer", optLong(i, "expires_in"),
                optSecret(i, "refresh_token"), optScope(i, "scope"), optSecret(i, "id_token"),
            )
            responseJson(writeTokenResponse(tokens))
        },
        "error_response.write" to { i ->
            responseJson(writeErrorResponse(ErrorResponse(str(i, "error"), optStr(i, "error_description"))))
        },
        "http.parse_request_text" to { i ->
            val parsed = httpRequestFromText(str(i, "text"), parseOptions(i).mode)
            requestJson(parsed.request) + mapOf("normalisations" to codes(parsed.normalisations))
        },
        "http.parse_response_text" to { i ->
            val response = httpResponseFromText(str(i, "text"))
            mapOf(
                "status" to response.status.toLong(),
                "headers" to response.headers.map { listOf(it.name, it.value) },
                "body" to String(response.body, Charsets.UTF_8),
            )
        },
        "pkce.challenge" to { i -> mapOf("challenge" to Pkce.fromVerifier(str(i, "verifier")).challenge()) },
        "authorize.url" to { i -> mapOf("url" to authorizationRequest(i).url(policy(i))) },
        "authorize.read_response" to { i -> mapOf("code" to authorizationRequest(i).readResponse(str(i, "redirect")).expose()) },
        "authorize.parse" to { i ->
            val parsed = IncomingAuthorizationRequest.parseUrl(str(i, "url"))
            mapOf(
                "client_id" to parsed.clientId(), "redirect_uri" to parsed.redirectUri(), "scope" to parsed.scope().toString(),
                "state" to parsed.state(), "nonce" to parsed.nonce(), "code_challenge" to parsed.codeChallenge(),
            )
        },
        "code_request.build" to { i ->
            val request = AuthorizationCodeRequest(
                Secret(str(i, "code")), str(i, "redirect_uri"), Secret(str(i, "code_verifier")), client(i),
            )
            requestJson(request.build(str(i, "token_endpoint"), policy(i)))
        },
        "code_request.parse" to { i ->
            val parsed = AuthorizationCodeRequest.parse(httpRequest(i), parseOptions(i))
            optStr(i, "code_challenge")?.let { parsed.verify(it, optStr(i, "expected_redirect_uri") ?: parsed.redirectUri()) }
            mapOf(
                "code" to parsed.code().expose(), "redirect_uri" to parsed.redirectUri(),
                "code_verifier" to parsed.codeVerifier().expose(), "client_id" to clientId(parsed.client()),
            )
        },
        "refresh.build" to { i ->
            val request = RefreshRequest(Secret(str(i, "refresh_token")), optScope(i, "scope"), client(i))
            requestJson(request.build(str(i, "token_endpoint"), policy(i)))
        },
        "token_request.parse" to { i ->
            val (kind, client, repairs) = when (val read = parseTokenRequest(httpRequest(i), parseOptions(i))) {
                is TokenRequest.TokenExchange -> Triple("token_exchange", read.request.client(), read.request.normalisations())
                is TokenRequest.JwtBearer -> Triple("jwt_bearer", read.request.client(), read.request.normalisations())
                is TokenRequest.AuthorizationCode ->
                    Triple("authorization_code", read.request.client(), read.request.normalisations())
                is TokenRequest.Refresh -> Triple("refresh", read.request.client(), read.request.normalisations())
            }
            mapOf("kind" to kind, "client_id" to clientId(client), "normalisations" to codes(repairs))
        },
        "refresh.parse" to { i ->
            val parsed = RefreshRequest.parse(httpRequest(i), parseOptions(i))
            optScope(i, "granted_scope")?.let { parsed.checkScope(it) }
            mapOf(
                "refresh_token" to parsed.refreshToken().expose(), "scope" to parsed.scope()?.toString(),
                "client_id" to clientId(parsed.client()), "normalisations" to codes(parsed.normalisations()),
            )
        },
    )

    private fun flowJson(flow: MigrationFlow, requests: List<Json>): Json {
        val tokens = flow.partnerTokens()
        val failure = flow.failure()
        return mapOf(
            "step" to flow.step().name.lowercase(),
            "requests" to requests,
            "security_token_expires_at" to flow.securityTokenExpiresAt()?.toLong(),
            "partner_tokens" to tokens?.let {
                mapOf(
                    "access_token" to it.accessToken.expose(), "token_type" to it.tokenType,
                    "expires_in" to it.expiresIn?.toLong(), "scope" to it.scope?.toString(),
                    "normalisations" to codes(it.normalisations),
                )
            },
            "failure" to failure?.let { mapOf("code" to it.code, "oauth_error" to it.oauthError) },
        )
    }

    /** The Rust runner's `flow_run`: the steps in order; a step with `error` must fail with that code. */
    @Suppress("UNCHECKED_CAST")
    private fun flowRun(i: Json): Json {
        val config = MigrationConfig(
            primaryTokenEndpoint = str(i, "primary_token_endpoint"), clientId = str(i, "client_id"),
            scope = ScopeSet.parse(str(i, "scope")), clientSecret = optSecret(i, "client_secret"),
            endpointPolicy = policy(i), minSecurityTokenLifetime = optLong(i, "min_security_token_lifetime") ?: 10uL,
        )
        val target = MigrationTarget(service(i), optStr(i, "partner_system_id"), str(i, "partner_token_endpoint"))
        val steps = i["steps"] as? List<Json> ?: throw BadCase("input.steps is required")
        var flow = MigrationFlow(config, target, Secret(str(i, "access_token")))
        val requests = mutableListOf<Json>()
        fun now(call: Json): ULong = (call["now"] as? Number)?.toLong()?.toULong() ?: throw BadCase("each step needs `now`")
        steps.forEachIndexed { index, step ->
            val run = {
                val next = step["next_request"] as? Json
                val handle = step["handle_response"] as? Json
                when {
                    next != null -> { requests.add(requestJson(flow.nextRequest(now(next)))) }
                    handle != null -> { flow.handleResponse(httpResponse(handle), now(handle)) }
                    step.containsKey("save_and_restore") -> { flow = MigrationFlow.restore(flow.save(true), FlowSecrets()) }
                    else -> throw BadCase("step $index: unknown call")
                }
            }
            val expected = optStr(step, "error")
            if (expected == null) {
                run()
            } else {
                val got = try { run(); "success" } catch (e: McxConnectException) { e.code }
                if (got != expected) throw BadCase("step $index: expected error `$expected`, got $got")
            }
        }
        return flowJson(flow, requests)
    }

    private val flowOperations: Map<String, (Json) -> Json> = mapOf(
        "flow.run" to ::flowRun,
        "flow.restore" to { i ->
            val secrets = FlowSecrets(optSecret(i, "access_token"), optSecret(i, "client_secret"))
            flowJson(MigrationFlow.restore(str(i, "saved"), secrets), emptyList())
        },
    )

    private fun subset(expected: Any?, actual: Any?, path: String) {
        when {
            expected is Map<*, *> && actual is Map<*, *> ->
                expected.forEach { (k, v) -> subset(v, actual[k], "$path.$k") }
            expected is List<*> && actual is List<*> -> {
                if (expected.size != actual.size) {
                    throw AssertionError("$path: expected ${expected.size} elements, got ${actual.size}: ${toJson(actual)}")
                }
                expected.zip(actual).forEachIndexed { index, (w, h) -> subset(w, h, "$path[$index]") }
            }
            expected is Number && actual is Number -> if (expected.toDouble() != actual.toDouble()) {
                throw AssertionError("$path: expected $expected, got $actual")
            }
            expected != actual -> throw AssertionError("$path: expected ${toJson(expected)}, got ${toJson(actual)}")
        }
    }


    private fun matchError(expected: Json, error: McxConnectException) {
        val (code, oauth, description) = Triple(error.code, error.oauthError, error.description)
        (expected["code"] as? String)?.let {
            if (it != code) throw AssertionError("expected code `$it`, got `$code`: $description")
        }
        if (expected.containsKey("oauth_error") && expected["oauth_error"] != oauth) {
            throw AssertionError("expected oauth_error `${expected["oauth_error"]}`, got $oauth")
        }
        (expected["status"] as? Number)?.let {
            val status = error.status?.toLong()
            if (it.toLong() != status) throw AssertionError("expected status $it, got $status")
        }
        (expected["description_contains"] as? String)?.let {
            if (!description.contains(it)) throw AssertionError("description `$description` does not contain `$it`")
        }
    }

    /** Runs one case; throws AssertionError with the reason when the answer differs. */
    @Suppress("UNCHECKED_CAST")
    fun run(case: Json) {
        val operation = case["operation"] as? String
        val op = operations[operation] ?: tokenOperations[operation] ?: flowOperations[operation] ?: throw AssertionError("unknown operation `$operation`")
        val expect = case["expect"] as Json
        var output: Json? = null
        var error: McxConnectException? = null
        try {
            output = op((case["input"] as? Json) ?: mapOf())
        } catch (e: McxConnectException) {
            error = e
        } catch (e: BadCase) {
            throw AssertionError("bad case: ${e.message}")
        }
        when {
            expect.containsKey("ok") -> {
                if (error != null) throw AssertionError("expected success, got error `${error.code}`: ${error.description}")
                subset(expect["ok"], output, "$")
            }
            expect.containsKey("error") -> {
                if (error == null) throw AssertionError("expected an error, got success: ${toJson(output)}")
                matchError(expect["error"] as Json, error)
            }
            else -> throw AssertionError("`expect` has neither `ok` nor `error`")
        }
    }
}
