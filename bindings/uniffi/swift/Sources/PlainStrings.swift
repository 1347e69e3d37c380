// Tokens as plain strings (shipped beside the generated code): every entry point that takes a
// `Secret` (a token, assertion, code, verifier, state or nonce) also takes its text, which is wrapped
// here, so a caller holding a string need not write `Secret(value:)`. What the library hands back
// stays a `Secret`, printed `[redacted]`.
import Foundation

extension TokenExchangeRequest {
    /// A token exchange request (RFC 8693) for the partner at `resource`, with the primary access token as text.
    public convenience init(resource: String, subjectToken: String, client: ClientAuthentication) {
        self.init(resource: resource, subjectToken: Secret(value: subjectToken), client: client)
    }
}

extension JwtBearerRequest {
    /// A jwt-bearer request (RFC 7523) presenting the security token, given as text, to the partner.
    public convenience init(assertion: String, client: ClientAuthentication, scope: ScopeSet) {
        self.init(assertion: Secret(value: assertion), client: client, scope: scope)
    }
}

extension RefreshRequest {
    /// A refresh request (RFC 6749 §6) with the refresh token as text.
    public convenience init(refreshToken: String, scope: ScopeSet?, client: ClientAuthentication) {
        self.init(refreshToken: Secret(value: refreshToken), scope: scope, client: client)
    }
}

extension AuthorizationCodeRequest {
    /// A code token request (RFC 6749 §4.1.3, RFC 7636) with the code and the PKCE verifier as text.
    public convenience init(code: String, redirectUri: String, codeVerifier: String, client: ClientAuthentication) {
        self.init(code: Secret(value: code), redirectUri: redirectUri, codeVerifier: Secret(value: codeVerifier), client: client)
    }
}

extension MigrationFlow {
    /// Starts a migration (TS 33.180 B.7) with the primary access token as text.
    public convenience init(config: MigrationConfig, target: MigrationTarget, primaryAccessToken: String) throws {
        try self.init(config: config, target: target, primaryAccessToken: Secret(value: primaryAccessToken))
    }
}

extension AuthorizationRequest {
    /// An authorization request with caller-chosen `state` and `nonce` given as text.
    public static func withValues(
        authorizationEndpoint: String, clientId: String, redirectUri: String, scope: ScopeSet,
        state: String, nonce: String, pkce: Pkce, acrValues: String?
    ) -> AuthorizationRequest {
        withValues(authorizationEndpoint: authorizationEndpoint, clientId: clientId, redirectUri: redirectUri, scope: scope,
                   state: Secret(value: state), nonce: Secret(value: nonce), pkce: pkce, acrValues: acrValues)
    }
}

extension FlowSecrets {
    /// The secrets a flow saved without them needs back, as text.
    public init(primaryAccessToken: String, clientSecret: String? = nil) {
        self.init(primaryAccessToken: Secret(value: primaryAccessToken), clientSecret: clientSecret.map { Secret(value: $0) })
    }
}

/// The B.7.3 answer for a security token given as text.
public func securityTokenResponse(token: String, expiresIn: UInt64) -> TokenExchangeResponse {
    securityTokenResponse(token: Secret(value: token), expiresIn: expiresIn)
}
