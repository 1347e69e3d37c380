// Generated from the core's error registry (mcx_connect::error::ERROR_CODES) by tests/error_codes.rs; do not edit.

/// The stable error codes: `error.errorCode == .scopeComma`. A code this version does not know (from a newer
/// core) has no case; `code` still holds it.
public enum ErrorCode: String, CaseIterable, Sendable {
    /// endpoint: not an absolute URI with a host, or it carries a fragment or user info
    case endpointInvalid = "endpoint_invalid"
    /// endpoint: not `https` (plain `http` only for loopback and only when allowed)
    case endpointInsecure = "endpoint_insecure"
    /// scope: no scope value, or an empty value between delimiters
    case scopeEmpty = "scope_empty"
    /// scope: values separated by commas (RFC 6749 §3.3 requires spaces)
    case scopeComma = "scope_comma"
    /// scope: a value listed twice
    case scopeDuplicate = "scope_duplicate"
    /// scope: a character outside RFC 6749 §3.3 `NQCHAR`
    case scopeInvalidCharacter = "scope_invalid_character"
    /// scope: none of the twelve `3gpp:mc:` values B.7.4 lists where it requires one (the bare prefix `3gpp:mc:` never counts)
    case scopeMissingMcx = "scope_missing_mcx"
    /// scope: the only `3gpp:mc:` values are ones this version does not know, and the caller did not opt in to count them (the parse option that accepts unknown MCX scopes)
    case scopeUnknownMcxOnly = "scope_unknown_mcx_only"
    /// scope: a refresh asks for more than was granted (B.5), or a token exchange for more than its subject token grants (RFC 8693 §2.1)
    case scopeWidened = "scope_widened"
    /// request: the token endpoint was called with a method other than POST
    case methodNotAllowed = "method_not_allowed"
    /// request: body is not `application/x-www-form-urlencoded` (UTF-8)
    case unsupportedContentType = "unsupported_content_type"
    /// request: the body is over the configured limit
    case bodyTooLarge = "body_too_large"
    /// request: more parameters than the configured limit
    case tooManyParameters = "too_many_parameters"
    /// request: the body is not `application/x-www-form-urlencoded` (bad `%`, not UTF-8, raw whitespace, empty pair, no `=`)
    case malformedForm = "malformed_form"
    /// request: a parameter appears more than once (RFC 6749 §3.2)
    case duplicateParameter = "duplicate_parameter"
    /// request: a required parameter is absent
    case missingParameter = "missing_parameter"
    /// request: a required parameter is present but empty
    case emptyParameter = "empty_parameter"
    /// request: `grant_type` is not the one this endpoint handles
    case unsupportedGrantType = "unsupported_grant_type"
    /// request: `subject_token_type` is not `urn:ietf:params:oauth:token-type:jwt` (lenient parsing also reads `…:access_token`, and reports it)
    case unsupportedTokenType = "unsupported_token_type"
    /// request: `resource` is not an absolute `https` URI without fragment
    case invalidResource = "invalid_resource"
    /// request: more than one `resource`: RFC 8693 §2.1 allows it, but a security token is for exactly one partner token endpoint
    case severalResources = "several_resources"
    /// request: a parameter that was read but that this server does not honour (the security token issuer: `actor_token`, an `audience` other than the `resource`)
    case unsupportedParameter = "unsupported_parameter"
    /// request: `actor_token` without `actor_token_type`, or `actor_token_type` without `actor_token` (RFC 8693 §2.1)
    case actorTokenUnpaired = "actor_token_unpaired"
    /// request: `assertion` or `subject_token` is not a compact JWS
    case malformedToken = "malformed_token"
    /// request: the `Authorization: Basic` credentials cannot be read, or disagree with `client_id`
    case invalidClientAuthentication = "invalid_client_authentication"
    /// request: more than one client authentication method in one request (RFC 6749 §2.3)
    case multipleClientAuthentication = "multiple_client_authentication"
    /// request: an HTTP/1.1 message given as text cannot be read
    case malformedHttp = "malformed_http"
    /// request: HTTP text: `Content-Length` is not `1*DIGIT` (e.g. `+5`, `5, 5`; RFC 9110 §8.6, RFC 9112 §6.3)
    case httpContentLengthInvalid = "http_content_length_invalid"
    /// request: HTTP text: more than one `Content-Length` header field (RFC 9112 §6.3)
    case httpContentLengthRepeated = "http_content_length_repeated"
    /// request: HTTP text: a `Transfer-Encoding` header field (no transfer codings are read; RFC 9112 §6.1, §6.3)
    case httpTransferEncodingRefused = "http_transfer_encoding_refused"
    /// request: HTTP text: bytes after the body framed by `Content-Length`, beyond one final line break (RFC 9112 §6.3)
    case httpBytesAfterBody = "http_bytes_after_body"
    /// request: HTTP text: `Host` repeated or not `uri-host [":" port]` (RFC 9112 §3.2, RFC 3986 §3.2.2)
    case httpHostInvalid = "http_host_invalid"
    /// response: an HTTP status that is neither 200 nor an RFC 6749 §5.2 error
    case unexpectedStatus = "unexpected_status"
    /// response: the body is not the JSON object this response must be
    case malformedResponse = "malformed_response"
    /// response: a required member is absent
    case missingField = "missing_field"
    /// response: a member has the wrong type or an unacceptable value
    case invalidField = "invalid_field"
    /// response: the body is over the configured limit
    case responseTooLarge = "response_too_large"
    /// response: the server answered with an RFC 6749 §5.2 error (the error's RFC error code is the server's own)
    case errorResponse = "error_response"
    /// profile: the document is not well-formed XML or not UTF-8 (with line and column)
    case profileMalformedXml = "profile_malformed_xml"
    /// profile: the document has a DOCTYPE (DTD or entity declarations are never read)
    case profileDtdRefused = "profile_dtd_refused"
    /// profile: elements nest deeper than the profile limits' maximum depth
    case profileTooDeep = "profile_too_deep"
    /// profile: more than 16 namespace declarations in scope at once (parsing stays linear in the document size)
    case profileTooManyNamespaces = "profile_too_many_namespaces"
    /// profile: more elements in one document than the profile limits' maximum (default 262 144; a flood of empty elements is refused, so reading stays within a small factor of a benign document of the same size)
    case profileTooManyElements = "profile_too_many_elements"
    /// profile: the document is over the profile limits' maximum size
    case profileTooLarge = "profile_too_large"
    /// profile: an encoding other than UTF-8 is declared or detected
    case profileUnsupportedEncoding = "profile_unsupported_encoding"
    /// profile: the root is not a user profile or `mcptt-UE-initial-configuration`
    case profileUnknownRoot = "profile_unknown_root"
    /// profile: a known element in the wrong XML namespace
    case profileWrongNamespace = "profile_wrong_namespace"
    /// profile: a required element or attribute is absent (the error names its path, e.g. the token endpoint)
    case profileMissingElement = "profile_missing_element"
    /// profile: an element that may appear once appears again
    case profileDuplicateElement = "profile_duplicate_element"
    /// profile: a value is not of its schema type
    case profileInvalidValue = "profile_invalid_value"
    /// profile: an endpoint in the profile is not an absolute `https` URI (path and endpoint reason given)
    case profileEndpointInvalid = "profile_endpoint_invalid"
    /// profile: two partner systems with the same id in one profile
    case profileDuplicatePartner = "profile_duplicate_partner"
    /// profile: two groups with the same id in one profile
    case profileDuplicateGroup = "profile_duplicate_group"
    /// profile: look-up: no partner system with that id
    case profilePartnerNotFound = "profile_partner_not_found"
    /// profile: look-up: no group with that id
    case profileGroupNotFound = "profile_group_not_found"
    /// profile: look-up: no user profile of that service was loaded
    case profileServiceNotLoaded = "profile_service_not_loaded"
    /// login: the authorization response's `state` differs from the request's (CSRF)
    case loginStateMismatch = "login_state_mismatch"
    /// login: the authorization response's `iss` is not the expected issuer, or is missing where the IdMS sends it (RFC 9207 §2.4)
    case loginIssuerMismatch = "login_issuer_mismatch"
    /// login: a PKCE verifier is not 43-128 unreserved characters (RFC 7636 §4.1)
    case loginInvalidVerifier = "login_invalid_verifier"
    /// login: `code_verifier` does not match the stored challenge (RFC 7636 §4.6)
    case loginPkceMismatch = "login_pkce_mismatch"
    /// login: no `code_challenge`, or a method other than `S256` (B.4)
    case loginPkceRequired = "login_pkce_required"
    /// login: `response_type` is not `code`
    case loginUnsupportedResponseType = "login_unsupported_response_type"
    /// login: redirect URI missing, not absolute, with a fragment, or not the registered one
    case loginInvalidRedirectUri = "login_invalid_redirect_uri"
    /// login: the secure random source failed
    case loginRandomnessUnavailable = "login_randomness_unavailable"
    /// flow: a call that does not fit the flow's current step
    case flowWrongStep = "flow_wrong_step"
    /// flow: the security token is not a JWT, breaks a rule the partner's validator applies (its rules without keys: claims, `aud` holding the client and the partner, `exp`, `iat`, `azp`; the description names the rule), or expires too soon
    case flowUnusableSecurityToken = "flow_unusable_security_token"
    /// flow: the flow ended with an error; start a new one
    case flowAlreadyFailed = "flow_already_failed"
    /// flow: a saved flow is not valid JSON of this version, or lacks a secret it needs
    case flowInvalidSavedFlow = "flow_invalid_saved_flow"
    /// token: not a compact JWS (three base64url segments, JSON object header with a string `alg`, JSON object payload, no duplicate member names)
    case tokenMalformed = "token_malformed"
    /// token: the token is over the size limit
    case tokenTooLarge = "token_too_large"
    /// token: `alg` is not on the allow-list: `none`, HMAC without a configured shared secret, HS384/HS512, or an algorithm the caller did not allow
    case tokenAlgorithmRefused = "token_algorithm_refused"
    /// token: the header has `crit`; no JWS extension is understood (RFC 7515 §4.1.11)
    case tokenCritUnsupported = "token_crit_unsupported"
    /// token: no trusted key has the token's `kid` (or, without `kid`, fits its `alg`)
    case tokenUnknownKey = "token_unknown_key"
    /// token: the key named by `kid` is of the wrong type or curve for `alg`, is restricted to another `alg`, or is unsupported (e.g. RSA under 2048 bits)
    case tokenKeyMismatch = "token_key_mismatch"
    /// token: the key named by `kid` has `use` other than `sig` or `key_ops` without `verify`
    case tokenKeyNotForSignature = "token_key_not_for_signature"
    /// token: the signature does not verify (or has the wrong length)
    case tokenBadSignature = "token_bad_signature"
    /// token: `now` ≥ `exp` + leeway
    case tokenExpired = "token_expired"
    /// token: `now` + leeway < `nbf`
    case tokenNotYetValid = "token_not_yet_valid"
    /// token: `iat` > `now` + leeway
    case tokenIssuedInFuture = "token_issued_in_future"
    /// token: `iss` is not exactly the expected issuer (B.2.1.2)
    case tokenWrongIssuer = "token_wrong_issuer"
    /// token: `aud` does not contain the client_id (B.2.1.2)
    case tokenAudienceMissingClient = "token_audience_missing_client"
    /// token: `aud` does not contain the target IdMS address of a security token (B.2.1.2), or the configured audience of an access token
    case tokenAudienceMissingTarget = "token_audience_missing_target"
    /// token: `azp` is present and is not the client_id (OpenID Connect Core §3.1.3.7)
    case tokenAzpMismatch = "token_azp_mismatch"
    /// token: `nonce` is not the value sent in the authentication request
    case tokenNonceMismatch = "token_nonce_mismatch"
    /// token: the access token's `client_id` claim is not the expected client
    case tokenClientMismatch = "token_client_mismatch"
    /// token: `sub` is over 255 bytes of UTF-8 (B.2.1.2)
    case tokenSubjectTooLong = "token_subject_too_long"
    /// token: a required claim is absent (`iss`, `sub`, `aud`, `exp`, `iat`; `azp` of an ID token with several audiences; `nonce` when one was sent; `scope` and `client_id` of an access token)
    case tokenMissingClaim = "token_missing_claim"
    /// token: a claim has the wrong JSON type or value (empty `sub`, negative time, `scope` and `scp` both present…)
    case tokenInvalidClaim = "token_invalid_claim"
    /// token: `mcptt_id`, `mcvideo_id` or `mcdata_id` is absent for a service the caller requires
    case tokenMissingServiceId = "token_missing_service_id"
    /// token: the access token does not grant a required scope
    case tokenScopeMissing = "token_scope_missing"
    /// token: a JWK Set that is not RFC 7517 JSON, has too many keys, or holds a broken or private key
    case jwksMalformed = "jwks_malformed"
    /// token: the JWK Set is over the size limit
    case jwksTooLarge = "jwks_too_large"
    /// token: a clock leeway above 30 s was configured (B.2.1.2); refused, never clamped
    case leewayTooLarge = "leeway_too_large"
    /// token: unusable validation settings (empty issuer, target or client_id, HS256 without secret, secret under 32 bytes, empty allow-list)
    case validatorInvalid = "validator_invalid"
    /// token: unusable security token issuing settings (empty issuer, a lifetime of 0 s)
    case issuerInvalid = "issuer_invalid"
    /// token: a signing key that cannot be used (invalid scalar, short HMAC secret, header `alg` differs from the key; a key held by the host given to a call that signs in the library, not to `prepare`), or a host's signature of a security token whose length is not its algorithm's (ES256 as the 64-byte `R ‖ S` of RFC 7518 §3.4, never DER; EdDSA 64 bytes)
    case signingKeyInvalid = "signing_key_invalid"
    /// token: the caller's `now` is above 10^11 - 1 (the year 5138 in seconds): plainly milliseconds, not seconds since the epoch; refused by every validator, the migration flow and every other entry taking `now`
    case nowInMilliseconds = "now_in_milliseconds"
    /// token: `exp` - `iat` of a security token is above the maximum lifetime the validator was given (B.8: security tokens are short-lived)
    case tokenLifetimeTooLong = "token_lifetime_too_long"
    /// token: `finish` was called again on a security token prepared for a key held by the host: it takes one signature; prepare another token
    case securityTokenAlreadySigned = "security_token_already_signed"
}

extension McxConnectError {
    /// The code as an `ErrorCode`, or `nil` for a code this version does not know.
    public var errorCode: ErrorCode? { ErrorCode(rawValue: code) }
}
