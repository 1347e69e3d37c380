// The Swift runner of the shared vectors (tests/vectors/README.md), through the generated API.
// Every operation goes through McxConnect; nothing here re-implements a rule.
import Foundation
import McxConnect

struct BadCase: Error { let why: String }
struct Mismatch: Error { let why: String }

enum VectorRunner {
    /// The vector folders: VECTORS_DIR (the repository's tests/vectors) and MCX_CONNECT_VECTORS.
    static func folders() -> [URL] {
        let env = ProcessInfo.processInfo.environment
        var list = [URL(fileURLWithPath: env["VECTORS_DIR"] ?? "tests/vectors")]
        for extra in (env["MCX_CONNECT_VECTORS"] ?? "").split(separator: ":") where !extra.isEmpty {
            list.append(URL(fileURLWithPath: String(extra)))
        }
        return list
    }

    static func load() throws -> [(file: String, case: J)] {
        var out: [(String, J)] = []
        for folder in folders() {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".json") }.sorted()
            for name in names {
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                guard let cases = J.parse(data)?["cases"]?.array else { throw BadCase(why: "\(name): no cases") }
                out += cases.map { (name, $0) }
            }
        }
        return out
    }

    static func str(_ i: J, _ key: String) throws -> String {
        guard let s = i[key]?.string else { throw BadCase(why: "input.\(key) must be a string") }
        return s
    }

    static func policy(_ i: J) -> EndpointPolicy { EndpointPolicy(allowLoopbackHttp: i["allow_loopback_http"]?.boolValue ?? false) }

    static func parseOptions(_ i: J) throws -> ParseOptions {
        var options = i["mode"]?.string == "lenient" ? lenientParseOptions() : strictParseOptions()
        if let mode = i["mode"]?.string, mode != "strict", mode != "lenient" { throw BadCase(why: "unknown mode \(mode)") }
        for (key, value) in i["limits"]?.object ?? [:] {
            let n = UInt64(value.number ?? 0)
            switch key {
            case "max_body_bytes": options.limits.maxBodyBytes = n
            case "max_parameters": options.limits.maxParameters = n
            case "max_token_bytes": options.limits.maxTokenBytes = n
            default: throw BadCase(why: "unknown limit \(key)")
            }
        }
        options.endpointPolicy = policy(i)
        options.acceptUnknownMcxScopes = i["accept_unknown_mcx_scopes"]?.boolValue ?? false
        return options
    }

    static func body(_ v: J) -> Data {
        if let text = v["body"]?.string { return Data(text.utf8) }
        if let encoded = v["body_base64"]?.string { return Data(base64Encoded: encoded) ?? Data() }
        return Data()
    }

    static func headers(_ v: J, _ fallback: [[String]]) -> [HttpHeader] {
        let pairs = v["headers"]?.array?.map { $0.array?.compactMap { $0.string } ?? [] } ?? fallback
        return pairs.map { HttpHeader(name: $0.first ?? "", value: $0.last ?? "") }
    }

    static func httpRequest(_ i: J) throws -> HttpRequest {
        guard let r = i["request"] else { throw BadCase(why: "input.request is required") }
        return HttpRequest(
            method: r["method"]?.string ?? "POST", url: r["url"]?.string ?? "https://idms.example/as/token.oauth2",
            headers: headers(r, [["Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"]]), body: body(r))
    }

    static func httpResponse(_ i: J) throws -> HttpResponse {
        guard let r = i["response"] else { throw BadCase(why: "input.response is required") }
        return HttpResponse(status: UInt16(r["status"]?.number ?? 200),
                            headers: headers(r, [["Content-Type", "application/json"]]), body: body(r))
    }

    static func requestJson(_ r: HttpRequest) -> J {
        .obj(["method": .str(r.method), "url": .str(r.url),
              "headers": .arr(r.headers.map { .arr([.str($0.name), .str($0.value)]) }),
              "body": .str(String(decoding: r.body, as: UTF8.self))])
    }

    static func responseJson(_ r: HttpResponse) -> J {
        .obj(["status": .num(Double(r.status)), "headers": .arr(r.headers.map { .arr([.str($0.name), .str($0.value)]) }),
              "body_json": J.parse(r.body) ?? .null])
    }

    static func client(_ i: J) throws -> ClientAuthentication {
        guard let c = i["client"] else { return .omitted }
        switch try str(c, "method") {
        case "none": return .omitted
        case "client_id": return .clientId(clientId: try str(c, "client_id"))
        case "client_secret_basic":
            return .clientSecretBasic(clientId: try str(c, "client_id"), clientSecret: Secret(value: try str(c, "client_secret")))
        case "client_secret_post":
            return .clientSecretPost(clientId: try str(c, "client_id"), clientSecret: Secret(value: try str(c, "client_secret")))
        case let other: throw BadCase(why: "unknown client method \(other)")
        }
    }

    static func clientId(_ c: ClientAuthentication) -> String? {
        switch c {
        case .omitted: return nil
        case .clientId(let id), .clientSecretBasic(let id, _), .clientSecretPost(let id, _): return id
        }
    }

    static func clientJson(_ c: ClientAuthentication) -> J {
        switch c {
        case .omitted: return .obj(["method": .str("none"), "client_id": .null, "client_secret": .null])
        case .clientId(let id): return .obj(["method": .str("client_id"), "client_id": .str(id), "client_secret": .null])
        case .clientSecretBasic(let id, let s):
            return .obj(["method": .str("client_secret_basic"), "client_id": .str(id), "client_secret": .str(s.expose())])
        case .clientSecretPost(let id, let s):
            return .obj(["method": .str("client_secret_post"), "client_id": .str(id), "client_secret": .str(s.expose())])
        }
    }

    static func codes(_ list: [Normalisation]) -> J { .arr(list.map { .str($0.code) }) }
    static func optScope(_ i: J, _ key: String) throws -> ScopeSet? { try i[key]?.string.map { try ScopeSet.parse(text: $0) } }
    static func optSecret(_ i: J, _ key: String) -> Secret? { i[key]?.string.map { Secret(value: $0) } }
    static func optU64(_ i: J, _ key: String) -> UInt64? { i[key]?.number.map { UInt64($0) } }
    static func num(_ v: UInt64?) -> J { v.map { .num(Double($0)) } ?? .null }
    static func groupJson(_ g: GroupServerInfo) -> J { .obj(["group_id": .str(g.groupId), "idms_token_endpoint": j(g.idmsTokenEndpoint)]) }
    static func replyJson(_ r: TokenExchangeResponse) -> J {
        .obj(["access_token": .str(r.accessToken.expose()), "issued_token_type": .str(r.issuedTokenType),
              "token_type": .str(r.tokenType), "expires_in": num(r.expiresIn),
              "scope": j(r.scope?.description), "refresh_token": j(r.refreshToken?.expose()),
              "scope_text": j(r.scopeText), "normalisations": codes(r.normalisations)])
    }
    static func replyJson(_ r: TokenResponse) -> J {
        .obj(["access_token": .str(r.accessToken.expose()), "token_type": .str(r.tokenType),
              "expires_in": num(r.expiresIn), "refresh_token": j(r.refreshToken?.expose()),
              "scope": j(r.scope?.description), "id_token": j(r.idToken?.expose()),
              "scope_text": j(r.scopeText), "normalisations": codes(r.normalisations)])
    }

    static func authorizationRequest(_ i: J) throws -> AuthorizationRequest {
        guard let scope = try optScope(i, "scope") else { throw BadCase(why: "input.scope is required") }
        return AuthorizationRequest.withValues(
            authorizationEndpoint: try str(i, "authorization_endpoint"), clientId: try str(i, "client_id"),
            redirectUri: try str(i, "redirect_uri"), scope: scope, state: Secret(value: try str(i, "state")),
            nonce: Secret(value: try str(i, "nonce")), pkce: try Pkce.fromVerifier(verifier: try str(i, "code_verifier")),
            acrValues: i["acr_values"]?.string, issuer: i["issuer"]?.string)
    }

    static let services: [String: McService] = ["ptt": .ptt, "video": .video, "data": .data]
    static func serviceName(_ s: McService) -> J { .str(services.first { $0.value == s }?.key ?? "?") }

    static func documentBytes(_ document: J?) throws -> Data {
        if let text = document?.string { return Data(text.utf8) }
        if let encoded = document?["xml_base64"]?.string, let data = Data(base64Encoded: encoded) { return data }
        throw BadCase(why: "a document is a string or {\"xml_base64\": ...}")
    }

    static func parseDocument(_ i: J, _ document: J?) throws -> UserProfile {
        var limits = ProfileLimits()
        for (key, value) in i["limits"]?.object ?? [:] {
            let n = UInt64(value.number ?? 0)
            switch key {
            case "max_bytes": limits.maxBytes = n
            case "max_depth": limits.maxDepth = n
            case "max_elements": limits.maxElements = n
            default: throw BadCase(why: "unknown limit \(key)")
            }
        }
        return try UserProfile.parseWithLimits(xml: try documentBytes(document), policy: policy(i), limits: limits)
    }

    static func oneDocument(_ i: J) throws -> UserProfile {
        if let xml = i["xml"] { return try parseDocument(i, xml) }
        if let encoded = i["xml_base64"] { return try parseDocument(i, .obj(["xml_base64": encoded])) }
        throw BadCase(why: "input.xml or input.xml_base64 is required")
    }

    static func configurationJson(_ c: InitialConfiguration?) -> J {
        guard let c = c else { return .null }
        let a = c.appServerInfo
        return .obj(["domain": .str(c.domain), "app_server_info": .obj([
            "idms_auth_endpoint": j(a.idmsAuthEndpoint), "idms_token_endpoint": .str(a.idmsTokenEndpoint),
            "http_proxy": j(a.httpProxy), "gms": j(a.gms), "cms": j(a.cms), "kms": j(a.kms),
            "tls_tunnel_mutual_authentication": a.tlsTunnelMutualAuthentication.map(J.bool) ?? .null,
        ]), "normalisations": .arr(c.normalisations.map { .obj(["code": .str($0.code), "parameter": j($0.parameter)]) })])
    }

    static func partnerJson(_ p: PartnerSystem) -> J {
        .obj(["service": serviceName(p.service), "system_id": j(p.systemId), "id": .str(p.id),
              "shape": .str(p.shape == .accessInformation ? "access_information" : "direct"),
              "initial_configuration": configurationJson(p.initialConfiguration), "token_endpoint": .str(p.tokenEndpoint)])
    }

    static func service(_ i: J) throws -> McService {
        var name = try str(i, "service").lowercased()
        if name.hasPrefix("mc") { name.removeFirst(2) }
        guard let s = services[name] else { throw BadCase(why: "unknown service \(name)") }
        return s
    }

    static func profiles(_ i: J) throws -> UserProfiles {
        guard let documents = i["profiles"]?.array else { throw BadCase(why: "input.profiles must be an array") }
        return UserProfiles(profiles: try documents.map { try parseDocument(i, $0) })
    }

    static func strings(_ i: J, _ key: String) throws -> [String] {
        guard let value = i[key] else { return [] }
        guard let list = value.array?.compactMap({ $0.string }), list.count == value.array?.count else {
            throw BadCase(why: "input.\(key) must be an array of strings")
        }
        return list
    }

    static func hex(_ text: String) -> Data {
        var data = Data()
        var index = text.startIndex
        while index < text.endIndex, let next = text.index(index, offsetBy: 2, limitedBy: text.endIndex) {
            data.append(UInt8(text[index..<next], radix: 16) ?? 0)
            index = next
        }
        return data
    }

    static func jwksText(_ i: J) throws -> String {
        guard let jwks = i["jwks"] else { throw BadCase(why: "input.jwks is required") }
        return jwks.json
    }

    static func algorithmsOf(_ i: J) throws -> [Algorithm]? {
        let names = try strings(i, "algorithms")
        return try names.isEmpty ? nil : names.map { name -> Algorithm in
            guard let alg = algorithmFromName(alg: name) else { throw BadCase(why: "unknown algorithm \(name)") }
            return alg
        }
    }

    static func verifier(_ i: J) throws -> Verifier {
        try Verifier(keys: try JwkSet.parse(json: try jwksText(i)), algorithms: try algorithmsOf(i),
                     sharedSecret: i["shared_secret_hex"]?.string.map(hex), maxTokenBytes: i["max_token_bytes"]?.number.map { UInt64($0) })
    }

    /// The ID token's options as one record (`TokenValidatorOptions`, as the npm package's), beside the others' `Verifier`.
    static func idOptions(_ i: J) throws -> TokenValidatorOptions {
        TokenValidatorOptions(issuer: try str(i, "issuer"), jwks: try jwksText(i), clientId: try str(i, "client_id"),
                              leeway: leeway(i), services: try servicesOf(i), algorithms: try algorithmsOf(i),
                              sharedSecret: i["shared_secret_hex"]?.string.map(hex),
                              maxTokenBytes: i["max_token_bytes"]?.number.map { UInt64($0) })
    }

    static func servicesOf(_ i: J) throws -> [McService] { try strings(i, "services").map { try service(.obj(["service": .str($0)])) } }
    static func now(_ i: J) throws -> UInt64 {
        guard let n = i["now"]?.number else { throw BadCase(why: "input.now must be a number") }
        return UInt64(n)
    }
    static func leeway(_ i: J) -> UInt64 { UInt64(i["leeway"]?.number ?? 0) }

    static func securityValidator(_ i: J) throws -> SecurityTokenValidator {
        try SecurityTokenValidator(issuer: try str(i, "issuer"), target: try str(i, "target"), verifier: try verifier(i),
                                   leeway: leeway(i), services: try servicesOf(i), maxLifetime: optU64(i, "max_lifetime"))
    }

    static func reportJson(_ r: SecurityTokenVerdict) -> J {
        var outcomes: [String: J] = [:]
        for rule in r.rules {
            switch rule.outcome {
            case .pass: outcomes[rule.id] = .str("pass")
            case .fail: outcomes[rule.id] = .str("fail")
            case .notChecked: outcomes[rule.id] = .str("not_checked")
            }
        }
        return .obj(["passed": .bool(r.passed), "failure": j(r.failure), "outcomes": .obj(outcomes), "exp": num(r.claims?.exp)])
    }

    static func accessValidator(_ i: J) throws -> AccessTokenValidator {
        try AccessTokenValidator(issuer: try str(i, "issuer"), verifier: try verifier(i), leeway: leeway(i),
                                 audience: i["audience"]?.string, clientId: i["expected_client_id"]?.string,
                                 scopes: try strings(i, "scopes"), services: try servicesOf(i))
    }

    static func verifiedJson(_ header: JwsHeader, _ claims: TokenClaims, scope: ScopeSet? = nil) -> J {
        var out: [String: J] = ["header": J.parse(Data(jwsHeaderJson(header: header).utf8)) ?? .null, "claims": J.parse(Data(tokenClaimsJson(claims: claims).utf8)) ?? .null]
        if let scope { out["scope"] = .str(scope.description) }
        return .obj(out)
    }

    static func operate(_ operation: String, _ i: J) throws -> J {
        switch operation {
        case "security_token.check":
            let (token, clientId) = (try str(i, "token"), try str(i, "client_id"))
            if i["jwks"] != nil {
                return reportJson(try securityValidator(i).report(token: token, clientId: clientId, now: try now(i)))
            }
            let rules = SecurityTokenRulesInit(target: try str(i, "target"), issuer: i["issuer"]?.string, leeway: leeway(i),
                                               services: try servicesOf(i), maxLifetime: optU64(i, "max_lifetime"),
                                               clockSkew: optU64(i, "clock_skew"))
            return reportJson(try checkSecurityToken(token: token, rules: rules, clientId: clientId, now: try now(i)))
        case "token.validate":
            let token = try str(i, "token")
            switch try str(i, "kind") {
            case "security":
                let t = try securityValidator(i).validate(token: token, clientId: try str(i, "client_id"), now: try now(i))
                return verifiedJson(t.header, t.claims)
            case "id":
                let v = try IdTokenValidator.fromOptions(options: try idOptions(i))
                let t = try v.validate(token: token, nonce: i["nonce"]?.string, now: try now(i))
                return verifiedJson(t.header, t.claims)
            case "access":
                let t = try accessValidator(i).validate(token: token, now: try now(i))
                return verifiedJson(t.header, t.claims, scope: t.scope)
            case let other: throw BadCase(why: "unknown token kind \(other)")
            }
        case "token.inspect":
            let seen = try inspectToken(token: try str(i, "token"))
            return .obj(["header": J.parse(Data(jwsHeaderJson(header: seen.header).utf8)) ?? .null, "claims": J.parse(Data(seen.claims.utf8)) ?? .null,
                         "signature_bytes": num(seen.signatureBytes)])
        case "token.sign":
            let key = try SigningKey.es256(secret: hex(try str(i, "secret_hex")))
            guard let claims = i["claims"] else { throw BadCase(why: "input.claims is required") }
            let token = try key.sign(claimsJson: claims.json, kid: i["kid"]?.string)
            guard let jwk = key.publicJwk(kid: i["kid"]?.string) else { throw BadCase(why: "no public JWK") }
            let aud = claims["aud"]?.array?.compactMap { $0.string } ?? []
            let validator = try SecurityTokenValidator(
                issuer: claims["iss"]?.string ?? "", target: aud.count > 1 ? aud[1] : "",
                verifier: try Verifier(keys: try JwkSet.parse(json: "{\"keys\":[\(jwk)]}")))
            let checked = try validator.validate(token: token.expose(), clientId: aud.first ?? "", now: UInt64(claims["iat"]?.number ?? 0))
            return .obj(["public_jwk": J.parse(Data(jwk.utf8)) ?? .null, "verified_claims": J.parse(Data(tokenClaimsJson(claims: checked.claims).utf8)) ?? .null])
        case "jwks.parse":
            let set = try JwkSet.parse(json: try str(i, "jwks_text"))
            return .obj(["keys": .arr(set.keys().map { .obj(["kid": j($0.kid), "key_type": .str($0.keyType)]) }),
                         "ignored": .arr(set.ignored().map { .obj(["kid": j($0.kid), "reason": .str($0.reason)]) })])
        case "jwt_bearer.parse_and_verify":
            guard let v = i["validator"] else { throw BadCase(why: "input.validator is required") }
            let parsed = try parseAndVerifyJwtBearerRequest(request: try httpRequest(i), options: try parseOptions(i),
                                                            validator: try securityValidator(v), now: try now(i))
            return .obj(["client_id": j(clientId(parsed.request.client())), "claims": J.parse(Data(tokenClaimsJson(claims: parsed.securityToken.claims).utf8)) ?? .null])
        case "exchange.parse_and_verify":
            guard let v = i["validator"] else { throw BadCase(why: "input.validator is required") }
            let parsed = try parseAndVerifyTokenExchangeRequest(request: try httpRequest(i), options: try parseOptions(i),
                                                                validator: try accessValidator(v), now: try now(i))
            return .obj(["resource": .str(parsed.request.resource()), "claims": J.parse(Data(tokenClaimsJson(claims: parsed.subjectToken.claims).utf8)) ?? .null,
                         "scope": .str(parsed.subjectToken.scope.description)])
        case "security_token.issue":
            guard let v = i["validator"], let s = i["issuer"] else { throw BadCase(why: "input.validator and input.issuer are required") }
            guard let lifetime = s["lifetime"]?.number else { throw BadCase(why: "issuer.lifetime must be a number") }
            let issuer = try SecurityTokenIssuer(issuer: try str(s, "issuer"), key: try SigningKey.es256(secret: hex(try str(s, "secret_hex"))),
                                                 lifetime: UInt64(lifetime), kid: s["kid"]?.string)
            let response = try issuer.answer(request: try httpRequest(i), options: try parseOptions(i), validator: try accessValidator(v),
                                             now: try now(i), jti: s["jti"]?.string)
            let seen = try inspectToken(token: response.accessToken.expose())
            return .obj(["token_type": .str(response.tokenType), "issued_token_type": .str(response.issuedTokenType),
                         "expires_in": num(response.expiresIn), "header": J.parse(Data(jwsHeaderJson(header: seen.header).utf8)) ?? .null,
                         "claims": J.parse(Data(seen.claims.utf8)) ?? .null])
        case "profile.parse":
            let p = try oneDocument(i)
            let kind: J
            switch p.kind() {
            case .userProfile(let service): kind = .obj(["kind": .str("user_profile"), "service": serviceName(service)])
            case .ueInitialConfiguration: kind = .obj(["kind": .str("ue_initial_configuration")])
            }
            return .obj(["kind": kind, "xui_uri": j(p.xuiUri()), "primary": configurationJson(p.primary()),
                         "partners": .arr(p.partners().map(partnerJson)),
                         "groups": .arr(p.groups().map { groupJson($0) }),
                         "rejected": .arr(p.rejected().map {
                             .obj(["kind": .str($0.kind == .partnerSystem ? "partner_system" : "group"), "id": j($0.id),
                                   "code": .str($0.code), "description": .str($0.description)])
                         })])
        case "profile.partner":
            return partnerJson(try oneDocument(i).partner(id: try str(i, "partner")))
        case "profile.partner_token_endpoint":
            return .obj(["token_endpoint": .str(try oneDocument(i).partnerTokenEndpoint(id: try str(i, "partner")))])
        case "profile.group":
            return groupJson(try oneDocument(i).group(groupId: try str(i, "group")))
        case "profiles.partner":
            return partnerJson(try profiles(i).partner(service: try service(i), id: try str(i, "partner")))
        case "profile.group_token_endpoint":
            return .obj(["token_endpoint": .str(try oneDocument(i).groupTokenEndpoint(groupId: try str(i, "group")))])
        case "profiles.partner_token_endpoint":
            return .obj(["token_endpoint": .str(try profiles(i).partnerTokenEndpoint(service: try service(i), id: try str(i, "partner")))])
        case "profiles.group_token_endpoint":
            return .obj(["token_endpoint": .str(try profiles(i).groupTokenEndpoint(service: try service(i), groupId: try str(i, "group")))])
        case "endpoint.check":
            try checkEndpoint(url: try str(i, "url"), policy: policy(i))
            return .obj([:])
        case "scope.require_mcx":
            try ScopeSet.parse(text: try str(i, "scope")).requireMcxWith(acceptUnknown: i["accept_unknown"]?.boolValue ?? false)
            return .obj([:])
        case "scope.parse":
            let text = try str(i, "scope")
            let (scope, report): (ScopeSet, [Normalisation]) = i["mode"]?.string == "lenient"
                ? try { let r = try parseScopeLenient(text: text); return (r.scope, r.normalisations) }()
                : (try ScopeSet.parse(text: text), [])
            return .obj(["scope": .str(scope.description), "values": .arr(scope.values().map(J.str)),
                         "has_mcx": .bool(scope.hasMcx()), "unknown_mcx": .arr(scope.unknownMcx().map(J.str)),
                         "normalisations": codes(report)])
        case "exchange.build":
            let request = TokenExchangeRequest(resource: try str(i, "resource"),
                                               subjectToken: Secret(value: try str(i, "subject_token")), client: try client(i))
            return requestJson(try request.build(tokenEndpoint: try str(i, "token_endpoint"), policy: policy(i)))
        case "exchange.parse":
            let p = try TokenExchangeRequest.parse(request: try httpRequest(i), options: try parseOptions(i))
            return .obj(["resource": .str(p.resource()), "subject_token": .str(p.subjectToken().expose()),
                         "client": clientJson(p.client()), "audience": .arr(p.audience().map(J.str)),
                         "scope": j(p.scope()?.description), "requested_token_type": j(p.requestedTokenType()),
                         "actor_token": j(p.actorToken()?.expose()), "actor_token_type": j(p.actorTokenType()),
                         "normalisations": codes(p.normalisations())])
        case "exchange_response.read":
            return replyJson(try readTokenExchangeResponse(response: try httpResponse(i), limits: defaultLimits()))
        case "exchange_response.write":
            let r = TokenExchangeResponse(
                accessToken: Secret(value: try str(i, "access_token")),
                issuedTokenType: i["issued_token_type"]?.string ?? "urn:ietf:params:oauth:token-type:jwt",
                tokenType: i["token_type"]?.string ?? "N_A", expiresIn: optU64(i, "expires_in"),
                scope: try optScope(i, "scope"), refreshToken: optSecret(i, "refresh_token"))
            return responseJson(writeTokenExchangeResponse(response: r))
        case "jwt_bearer.build":
            let request = JwtBearerRequest(assertion: Secret(value: try str(i, "assertion")), client: try client(i),
                                           scope: try ScopeSet.parse(text: try str(i, "scope")))
            return requestJson(try request.build(tokenEndpoint: try str(i, "token_endpoint"), policy: policy(i)))
        case "jwt_bearer.parse":
            let p = try JwtBearerRequest.parse(request: try httpRequest(i), options: try parseOptions(i))
            return .obj(["assertion": .str(p.assertion().expose()), "client": clientJson(p.client()),
                         "scope": .str(p.scope().description), "unknown_mcx": .arr(p.scope().unknownMcx().map(J.str)),
                         "normalisations": codes(p.normalisations())])
        case "token_response.read":
            return replyJson(try readTokenResponse(response: try httpResponse(i), limits: defaultLimits()))
        case "token_endpoint_response.read":
            switch try readTokenEndpointResponse(response: try httpResponse(i), limits: defaultLimits()) {
            case .tokenExchange(let r): return .obj(["kind": .str("token_exchange"), "response": replyJson(r)])
            case .token(let r): return .obj(["kind": .str("token"), "response": replyJson(r)])
            }
        case "token_response.write":
            let t = TokenResponse(
                accessToken: Secret(value: try str(i, "access_token")), tokenType: i["token_type"]?.string ?? "Bearer",
                expiresIn: optU64(i, "expires_in"), refreshToken: optSecret(i, "refresh_token"),
                scope: try optScope(i, "scope"), idToken: optSecret(i, "id_token"))
            return responseJson(writeTokenResponse(tokens: t))
        case "error_response.write":
            return responseJson(writeErrorResponse(error: ErrorResponse(error: try str(i, "error"),
                                                                        errorDescription: i["error_description"]?.string)))
        case "http.parse_request_text":
            let parsed = try httpRequestFromText(text: try str(i, "text"), mode: try parseOptions(i).mode)
            guard case .obj(var out) = requestJson(parsed.request) else { throw BadCase(why: "request is not an object") }
            out["normalisations"] = codes(parsed.normalisations)
            return .obj(out)
        case "http.parse_response_text":
            let r = try httpResponseFromText(text: try str(i, "text"))
            return .obj(["status": .num(Double(r.status)), "headers": .arr(r.headers.map { .arr([.str($0.name), .str($0.value)]) }),
                         "body": .str(String(decoding: r.body, as: UTF8.self))])
        case "pkce.challenge":
            return .obj(["challenge": .str(try Pkce.fromVerifier(verifier: try str(i, "verifier")).challenge())])
        case "authorize.url":
            return .obj(["url": .str(try authorizationRequest(i).url(policy: policy(i)))])
        case "authorize.read_response":
            return .obj(["code": .str(try authorizationRequest(i).readResponse(redirectUrl: try str(i, "redirect")).expose())])
        case "authorize.parse":
            let p = try IncomingAuthorizationRequest.parseUrl(url: try str(i, "url"))
            return .obj(["client_id": .str(p.clientId()), "redirect_uri": .str(p.redirectUri()),
                         "scope": .str(p.scope().description), "state": j(p.state()), "nonce": j(p.nonce()),
                         "code_challenge": .str(p.codeChallenge())])
        case "code_request.build":
            let r = AuthorizationCodeRequest(code: Secret(value: try str(i, "code")), redirectUri: try str(i, "redirect_uri"),
                                             codeVerifier: Secret(value: try str(i, "code_verifier")), client: try client(i))
            return requestJson(try r.build(tokenEndpoint: try str(i, "token_endpoint"), policy: policy(i)))
        case "code_request.parse":
            let p = try AuthorizationCodeRequest.parse(request: try httpRequest(i), options: try parseOptions(i))
            if let challenge = i["code_challenge"]?.string {
                try p.verify(codeChallenge: challenge, redirectUri: i["expected_redirect_uri"]?.string ?? p.redirectUri())
            }
            return .obj(["code": .str(p.code().expose()), "redirect_uri": .str(p.redirectUri()),
                         "code_verifier": .str(p.codeVerifier().expose()), "client_id": j(clientId(p.client()))])
        case "refresh.build":
            let r = RefreshRequest(refreshToken: Secret(value: try str(i, "refresh_token")), scope: try optScope(i, "scope"),
                                   client: try client(i))
            return requestJson(try r.build(tokenEndpoint: try str(i, "token_endpoint"), policy: policy(i)))
        case "token_request.parse":
            let kind: String, client: ClientAuthentication, repairs: [Normalisation]
            switch try parseTokenRequest(request: try httpRequest(i), options: try parseOptions(i)) {
            case .tokenExchange(let r): (kind, client, repairs) = ("token_exchange", r.client(), r.normalisations())
            case .jwtBearer(let r): (kind, client, repairs) = ("jwt_bearer", r.client(), r.normalisations())
            case .authorizationCode(let r): (kind, client, repairs) = ("authorization_code", r.client(), r.normalisations())
            case .refresh(let r): (kind, client, repairs) = ("refresh", r.client(), r.normalisations())
            }
            return .obj(["kind": .str(kind), "client_id": j(clientId(client)), "normalisations": codes(repairs)])
        case "refresh.parse":
            let p = try RefreshRequest.parse(request: try httpRequest(i), options: try parseOptions(i))
            if let granted = try optScope(i, "granted_scope") { try p.checkScope(granted: granted) }
            return .obj(["refresh_token": .str(p.refreshToken().expose()), "scope": j(p.scope()?.description),
                         "client_id": j(clientId(p.client())), "normalisations": codes(p.normalisations())])
        case "flow.run":
            return try flowRun(i)
        case "flow.restore":
            let secrets = FlowSecrets(primaryAccessToken: optSecret(i, "access_token"), clientSecret: optSecret(i, "client_secret"))
            return flowJson(try MigrationFlow.restore(json: try str(i, "saved"), secrets: secrets), [])
        default:
            throw Mismatch(why: "unknown operation `\(operation)`")
        }
    }

    /// A step's name as the vectors write it (`awaitingSecurityToken` -> `awaiting_security_token`).
    static func stepName(_ step: MigrationStep) -> String {
        String("\(step)".flatMap { $0.isUppercase ? ["_", Character($0.lowercased())] : [$0] })
    }

    static func flowJson(_ flow: MigrationFlow, _ requests: [J]) -> J {
        let tokens = flow.partnerTokens()
        let failure = flow.failure()
        return .obj([
            "step": .str(stepName(flow.step())),
            "requests": .arr(requests),
            "security_token_expires_at": num(flow.securityTokenExpiresAt()),
            "partner_tokens": tokens.map {
                .obj(["access_token": .str($0.accessToken.expose()), "token_type": .str($0.tokenType),
                      "expires_in": num($0.expiresIn), "scope": j($0.scope?.description),
                      "normalisations": codes($0.normalisations)])
            } ?? .null,
            "failure": failure.map { .obj(["code": .str($0.code), "oauth_error": j($0.oauthError)]) } ?? .null,
        ])
    }

    /// The Rust runner's `flow_run`: the steps in order; a step with `error` must fail with that code.
    static func flowRun(_ i: J) throws -> J {
        let config = MigrationConfig(
            primaryTokenEndpoint: try str(i, "primary_token_endpoint"), clientId: try str(i, "client_id"),
            scope: try ScopeSet.parse(text: try str(i, "scope")), clientSecret: optSecret(i, "client_secret"),
            endpointPolicy: policy(i), minSecurityTokenLifetime: optU64(i, "min_security_token_lifetime") ?? 10)
        let target = MigrationTarget(service: try service(i), partnerSystemId: i["partner_system_id"]?.string,
                                     partnerTokenEndpoint: try str(i, "partner_token_endpoint"))
        guard let steps = i["steps"]?.array else { throw BadCase(why: "input.steps is required") }
        var flow = try MigrationFlow(config: config, target: target, primaryAccessToken: Secret(value: try str(i, "access_token")))
        var requests: [J] = []
        func now(_ call: J) throws -> UInt64 {
            guard let n = call["now"]?.number else { throw BadCase(why: "each step needs `now`") }
            return UInt64(n)
        }
        for (index, step) in steps.enumerated() {
            func run() throws {
                if let call = step["next_request"] {
                    requests.append(requestJson(try flow.nextRequest(now: try now(call))))
                } else if let call = step["handle_response"] {
                    _ = try flow.handleResponse(response: try httpResponse(call), now: try now(call))
                } else if step["save_and_restore"] != nil {
                    flow = try MigrationFlow.restore(json: flow.save(includeSecrets: true), secrets: FlowSecrets())
                } else {
                    throw BadCase(why: "step \(index): unknown call")
                }
            }
            guard let expected = step["error"]?.string else {
                try run()
                continue
            }
            var got = "success"
            do { try run() } catch let e as McxConnectError { got = e.code }
            if got != expected { throw BadCase(why: "step \(index): expected error `\(expected)`, got \(got)") }
        }
        return flowJson(flow, requests)
    }

    static func subset(_ expected: J, _ actual: J, _ path: String) throws {
        switch (expected, actual) {
        case (.obj(let want), .obj(let have)):
            for (key, value) in want { try subset(value, have[key] ?? .null, "\(path).\(key)") }
        case (.arr(let want), .arr(let have)):
            guard want.count == have.count else {
                throw Mismatch(why: "\(path): expected \(want.count) elements, got \(have.count): \(actual)")
            }
            for (index, pair) in zip(want, have).enumerated() { try subset(pair.0, pair.1, "\(path)[\(index)]") }
        default:
            guard expected == actual else { throw Mismatch(why: "\(path): expected \(expected), got \(actual)") }
        }
    }

    static func matchError(_ expected: J, _ e: McxConnectError) throws {
        if let code = expected["code"]?.string, code != e.code {
            throw Mismatch(why: "expected code `\(code)`, got `\(e.code)`: \(e.description)")
        }
        if let oauth = expected["oauth_error"], oauth != j(e.oauthError) {
            throw Mismatch(why: "expected oauth_error \(oauth), got \(String(describing: e.oauthError))")
        }
        if let status = expected["status"]?.number, e.status.map(Double.init) != status {
            throw Mismatch(why: "expected status \(status), got \(String(describing: e.status))")
        }
        if let part = expected["description_contains"]?.string, !e.description.contains(part) {
            throw Mismatch(why: "description `\(e.description)` does not contain `\(part)`")
        }
    }

    /// Runs one case; throws Mismatch with the reason when the answer differs.
    static func run(_ c: J) throws {
        guard let operation = c["operation"]?.string, let expect = c["expect"] else { throw Mismatch(why: "malformed case") }
        var output: J?
        var failure: McxConnectError?
        do {
            output = try operate(operation, c["input"] ?? .obj([:]))
        } catch let e as McxConnectError {
            failure = e
        } catch let e as BadCase {
            throw Mismatch(why: "bad case: \(e.why)")
        }
        if let ok = expect["ok"] {
            if let f = failure { throw Mismatch(why: "expected success, got error `\(f.code)`: \(f.description)") }
            try subset(ok, output ?? .null, "$")
        } else if let error = expect["error"] {
            guard let f = failure else { throw Mismatch(why: "expected an error, got success: \(output ?? .null)") }
            try matchError(error, f)
        } else {
            throw Mismatch(why: "`expect` has neither `ok` nor `error`")
        }
    }
}
