// Tokens as plain strings (shipped in the jar beside the generated code): every entry point that
// takes a `Secret` (a token, assertion, code, verifier, state or nonce) also takes its text, which is
// wrapped here, so a caller holding a string need not write `Secret(...)`. What the library hands
// back stays a `Secret`, printed `[redacted]`.
package org.mcxconnect

import org.mcxconnect.core.ClientAuthentication
import org.mcxconnect.core.FlowSecrets
import org.mcxconnect.core.MigrationConfig
import org.mcxconnect.core.MigrationTarget
import org.mcxconnect.core.ScopeSet
import org.mcxconnect.core.Secret
import org.mcxconnect.core.TokenExchangeResponse

/** A token exchange request (RFC 8693) for the partner at [resource], with the primary access token as text. */
fun TokenExchangeRequest(resource: String, subjectToken: String, client: ClientAuthentication): TokenExchangeRequest =
    TokenExchangeRequest(resource, Secret(subjectToken), client)

/** A jwt-bearer request (RFC 7523) presenting the security token, given as text, to the partner. */
fun JwtBearerRequest(assertion: String, client: ClientAuthentication, scope: ScopeSet): JwtBearerRequest =
    JwtBearerRequest(Secret(assertion), client, scope)

/** A refresh request (RFC 6749 §6) with the refresh token as text. */
fun RefreshRequest(refreshToken: String, scope: ScopeSet?, client: ClientAuthentication): RefreshRequest =
    RefreshRequest(Secret(refreshToken), scope, client)

/** A code token request (RFC 6749 §4.1.3, RFC 7636) with the code and the PKCE verifier as text. */
fun AuthorizationCodeRequest(code: String, redirectUri: String, codeVerifier: String, client: ClientAuthentication): AuthorizationCodeRequest =
    AuthorizationCodeRequest(Secret(code), redirectUri, Secret(codeVerifier), client)

/** Starts a migration (TS 33.180 B.7) with the primary access token as text. */
fun MigrationFlow(config: MigrationConfig, target: MigrationTarget, primaryAccessToken: String): MigrationFlow =
    MigrationFlow(config, target, Secret(primaryAccessToken))

/** An authorization request with caller-chosen `state` and `nonce` given as text. */
fun AuthorizationRequest.Companion.withValues(
    authorizationEndpoint: String, clientId: String, redirectUri: String, scope: ScopeSet,
    state: String, nonce: String, pkce: Pkce, acrValues: String?,
): AuthorizationRequest =
    AuthorizationRequest.withValues(authorizationEndpoint, clientId, redirectUri, scope, Secret(state), Secret(nonce), pkce, acrValues)

/** The secrets a flow saved without them needs back, as text. */
fun FlowSecrets(primaryAccessToken: String, clientSecret: String? = null): FlowSecrets =
    FlowSecrets(Secret(primaryAccessToken), clientSecret?.let { Secret(it) })

/** The B.7.3 answer for a security token given as text. */
fun securityTokenResponse(token: String, expiresIn: ULong): TokenExchangeResponse = securityTokenResponse(Secret(token), expiresIn)
