// Generated from the core's error registry (mcx_connect::error::ERROR_CODES) by tests/error_codes.rs; do not edit.
package org.mcxconnect

import org.mcxconnect.core.McxConnectException

/** The stable error codes: `error.errorCode == ErrorCode.SCOPE_COMMA`, or a `when` over them. A code this version does
 *  not know (from a newer core) has no entry; `code` still holds it. */
enum class ErrorCode(
    /** The code as every language writes it (`scope_comma`). */
    val code: String,
) {
    /** endpoint: not an absolute URI with a host, or it carries a fragment or user info */
    ENDPOINT_INVALID("endpoint_invalid"),
    /** endpoint: not `https` (plain `http` only for loopback and only when allowed) */
    ENDPOINT_INSECURE("endpoint_insecure"),
    /** scope: no scope value, or an empty value between delimiters */
    SCOPE_EMPTY("scope_empty"),
    /** scope: values separated by commas (RFC 6749 §3.3 requires spaces) */
    SCOPE_COMMA("scope_comma"),
    /** scope: a value listed twice */
    SCOPE_DUPLICATE("scope_duplicate"),
    /** scope: a character outside RFC 6749 §3.3 `NQCHAR` */
    SCOPE_INVALID_CHARACTER("scope_invalid_character"),
    /** scope: none of the twelve `3gpp:mc:` values B.7.4 lists where it requires one (the bare prefix `3gpp:mc:` never counts) */
    SCOPE_MISSING_MCX("scope_missing_mcx"),
    /** scope: the only `3gpp:mc:` values are ones this version does not know, and the caller did not opt in to count them (the parse option that accepts unknown MCX scopes) */
    SCOPE_UNKNOWN_MCX_ONLY("scope_unknown_mcx_only"),
    /** scope: a refresh asks for more than was granted (B.5), or a token exchange for more than its subject token grants (RFC 8693 §2.1) */
    SCOPE_WIDENED("scope_widened"),
    /** request: the token endpoint was called with a method other than POST */
    METHOD_NOT_ALLOWED("method_not_allowed"),
    /** request: body is not `application/x-www-form-urlencoded` (UTF-8) */
    UNSUPPORTED_CONTENT_TYPE("unsupported_content_type"),
    /** request: the body is over the configured limit */
    BODY_TOO_LARGE("body_too_large"),
    /** request: more parameters than the configured limit */
    TOO_MANY_PARAMETERS("too_many_parameters"),
    /** request: the body is not `application/x-www-form-urlencoded` (bad `%`, not UTF-8, raw whitespace, empty pair, no `=`) */
    MALFORMED_FORM("malformed_form"),
    /** request: a parameter appears more than once (RFC 6749 §3.2) */
    DUPLICATE_PARAMETER("duplicate_parameter"),
    /** request: a required parameter is absent */
    MISSING_PARAMETER("missing_parameter"),
    /** request: a required parameter is present but empty */
    EMPTY_PARAMETER("empty_parameter"),
    /** request: `grant_type` is not the one this endpoint handles */
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type"),
    /** request: `subject_token_type` is not `urn:ietf:params:oauth:token-type:jwt` (lenient parsing also reads `…:access_token`, and reports it) */
    UNSUPPORTED_TOKEN_TYPE("unsupported_token_type"),
    /** request: `resource` is not an absolute `https` URI without fragment */
    INVALID_RESOURCE("invalid_resource"),
    /** request: more than one `resource`: RFC 8693 §2.1 allows it, but a security token is for exactly one partner token endpoint */
    SEVERAL_RESOURCES("several_resources"),
    /** request: a parameter that was read but that this server does not honour (the security token issuer: `actor_token`, an `audience` other than the `resource`) */
    UNSUPPORTED_PARAMETER("unsupported_parameter"),
    /** request: `actor_token` without `actor_token_type`, or `actor_token_type` without `actor_token` (RFC 8693 §2.1) */
    ACTOR_TOKEN_UNPAIRED("actor_token_unpaired"),
    /** request: `assertion` or `subject_token` is not a compact JWS */
    MALFORMED_TOKEN("malformed_token"),
    /** request: the `Authorization: Basic` credentials cannot be read, or disagree with `client_id` */
    INVALID_CLIENT_AUTHENTICATION("invalid_client_authentication"),
    /** request: more than one client authentication method in one request (RFC 6749 §2.3) */
    MULTIPLE_CLIENT_AUTHENTICATION("multiple_client_authentication"),
    /** request: an HTTP/1.1 message given as text cannot be read */
    MALFORMED_HTTP("malformed_http"),
    /** request: HTTP text: `Content-Length` is not `1*DIGIT` (e.g. `+5`, `5, 5`; RFC 9110 §8.6, RFC 9112 §6.3) */
    HTTP_CONTENT_LENGTH_INVALID("http_content_length_invalid"),
    /** request: HTTP text: more than one `Content-Length` header field (RFC 9112 §6.3) */
    HTTP_CONTENT_LENGTH_REPEATED("http_content_length_repeated"),
    /** request: HTTP text: a `Transfer-Encoding` header field (no transfer codings are read; RFC 9112 §6.1, §6.3) */
    HTTP_TRANSFER_ENCODING_REFUSED("http_transfer_encoding_refused"),
    /** request: HTTP text: bytes after the body framed by `Content-Length`, beyond one final line break (RFC 9112 §6.3) */
    HTTP_BYTES_AFTER_BODY("http_bytes_after_body"),
    /** request: HTTP text: `Host` repeated or not `uri-host [":" port]` (RFC 9112 §3.2, RFC 3986 §3.2.2) */
    HTTP_HOST_INVALID("http_host_invalid"),
    /** response: an HTTP status that is neither 200 nor an RFC 6749 §5.2 error */
    UNEXPECTED_STATUS("unexpected_status"),
    /** response: the body is not the JSON object this response must be */
    MALFORMED_RESPONSE("malformed_response"),
    /** response: a required member is absent */
    MISSING_FIELD("missing_field"),
    /** response: a member has the wrong type or an unacceptable value */
    INVALID_FIELD("invalid_field"),
    /** response: the body is over the configured limit */
    RESPONSE_TOO_LARGE("response_too_large"),
    /** response: the server answered with an RFC 6749 §5.2 error (the error's RFC error code is the server's own) */
    ERROR_RESPONSE("error_response"),
    /** profile: the document is not well-formed XML or not UTF-8 (with line and column) */
    PROFILE_MALFORMED_XML("profile_malformed_xml"),
    /** profile: the document has a DOCTYPE (DTD or entity declarations are never read) */
    PROFILE_DTD_REFUSED("profile_dtd_refused"),
    /** profile: elements nest deeper than the profile limits' maximum depth */
    PROFILE_TOO_DEEP("profile_too_deep"),
    /** profile: more than 16 namespace declarations in scope at once (parsing stays linear in the document size) */
    PROFILE_TOO_MANY_NAMESPACES("profile_too_many_namespaces"),
    /** profile: more elements in one document than the profile limits' maximum (default 262 144; a flood of empty elements is refused, so reading stays within a small factor of a benign document of the same size) */
    PROFILE_TOO_MANY_ELEMENTS("profile_too_many_elements"),
    /** profile: the document is over the profile limits' maximum size */
    PROFILE_TOO_LARGE("profile_too_large"),
    /** profile: an encoding other than UTF-8 is declared or detected */
    PROFILE_UNSUPPORTED_ENCODING("profile_unsupported_encoding"),
    /** profile: the root is not a user profile or `mcptt-UE-initial-configuration` */
    PROFILE_UNKNOWN_ROOT("profile_unknown_root"),
    /** profile: a known element in the wrong XML namespace */
    PROFILE_WRONG_NAMESPACE("profile_wrong_namespace"),
    /** profile: a required element or attribute is absent (the error names its path, e.g. the token endpoint) */
    PROFILE_MISSING_ELEMENT("profile_missing_element"),
    /** profile: an element that may appear once appears again */
    PROFILE_DUPLICATE_ELEMENT("profile_duplicate_element"),
    /** profile: a value is not of its schema type */
    PROFILE_INVALID_VALUE("profile_invalid_value"),
    /** profile: an endpoint in the profile is not an absolute `https` URI (path and endpoint reason given) */
    PROFILE_ENDPOINT_INVALID("profile_endpoint_invalid"),
    /** profile: two partner systems with the same id in one profile */
    PROFILE_DUPLICATE_PARTNER("profile_duplicate_partner"),
    /** profile: two groups with the same id in one profile */
    PROFILE_DUPLICATE_GROUP("profile_duplicate_group"),
    /** profile: look-up: no partner system with that id */
    PROFILE_PARTNER_NOT_FOUND("profile_partner_not_found"),
    /** profile: look-up: no group with that id */
    PROFILE_GROUP_NOT_FOUND("profile_group_not_found"),
    /** profile: look-up: no user profile of that service was loaded */
    PROFILE_SERVICE_NOT_LOADED("profile_service_not_loaded"),
    /** login: the authorization response's `state` differs from the request's (CSRF) */
    LOGIN_STATE_MISMATCH("login_state_mismatch"),
    /** login: the authorization response's `iss` is not the expected issuer, or is missing where the IdMS sends it (RFC 9207 §2.4) */
    LOGIN_ISSUER_MISMATCH("login_issuer_mismatch"),
    /** login: a PKCE verifier is not 43-128 unreserved characters (RFC 7636 §4.1) */
    LOGIN_INVALID_VERIFIER("login_invalid_verifier"),
    /** login: `code_verifier` does not match the stored challenge (RFC 7636 §4.6) */
    LOGIN_PKCE_MISMATCH("login_pkce_mismatch"),
    /** login: no `code_challenge`, or a method other than `S256` (B.4) */
    LOGIN_PKCE_REQUIRED("login_pkce_required"),
    /** login: `response_type` is not `code` */
    LOGIN_UNSUPPORTED_RESPONSE_TYPE("login_unsupported_response_type"),
    /** login: redirect URI missing, not absolute, with a fragment, or not the registered one */
    LOGIN_INVALID_REDIRECT_URI("login_invalid_redirect_uri"),
    /** login: the secure random source failed */
    LOGIN_RANDOMNESS_UNAVAILABLE("login_randomness_unavailable"),
    /** flow: a call that does not fit the flow's current step */
    FLOW_WRONG_STEP("flow_wrong_step"),
    /** flow: the security token is not a JWT, breaks a rule the partner's validator applies (its rules without keys: claims, `aud` holding the client and the partner, `exp`, `iat`, `azp`; the description names the rule), or expires too soon */
    FLOW_UNUSABLE_SECURITY_TOKEN("flow_unusable_security_token"),
    /** flow: the flow ended with an error; start a new one */
    FLOW_ALREADY_FAILED("flow_already_failed"),
    /** flow: a saved flow is not valid JSON of this version, or lacks a secret it needs */
    FLOW_INVALID_SAVED_FLOW("flow_invalid_saved_flow"),
    /** token: not a compact JWS (three base64url segments, JSON object header with a string `alg`, JSON object payload, no duplicate member names) */
    TOKEN_MALFORMED("token_malformed"),
    /** token: the token is over the size limit */
    TOKEN_TOO_LARGE("token_too_large"),
    /** token: `alg` is not on the allow-list: `none`, HMAC without a configured shared secret, HS384/HS512, or an algorithm the caller did not allow */
    TOKEN_ALGORITHM_REFUSED("token_algorithm_refused"),
    /** token: the header has `crit`; no JWS extension is understood (RFC 7515 §4.1.11) */
    TOKEN_CRIT_UNSUPPORTED("token_crit_unsupported"),
    /** token: no trusted key has the token's `kid` (or, without `kid`, fits its `alg`) */
    TOKEN_UNKNOWN_KEY("token_unknown_key"),
    /** token: the key named by `kid` is of the wrong type or curve for `alg`, is restricted to another `alg`, or is unsupported (e.g. RSA under 2048 bits) */
    TOKEN_KEY_MISMATCH("token_key_mismatch"),
    /** token: the key named by `kid` has `use` other than `sig` or `key_ops` without `verify` */
    TOKEN_KEY_NOT_FOR_SIGNATURE("token_key_not_for_signature"),
    /** token: the signature does not verify (or has the wrong length) */
    TOKEN_BAD_SIGNATURE("token_bad_signature"),
    /** token: `now` ≥ `exp` + leeway */
    TOKEN_EXPIRED("token_expired"),
    /** token: `now` + leeway < `nbf` */
    TOKEN_NOT_YET_VALID("token_not_yet_valid"),
    /** token: `iat` > `now` + leeway */
    TOKEN_ISSUED_IN_FUTURE("token_issued_in_future"),
    /** token: `iss` is not exactly the expected issuer (B.2.1.2) */
    TOKEN_WRONG_ISSUER("token_wrong_issuer"),
    /** token: `aud` does not contain the client_id (B.2.1.2) */
    TOKEN_AUDIENCE_MISSING_CLIENT("token_audience_missing_client"),
    /** token: `aud` does not contain the target IdMS address of a security token (B.2.1.2), or the configured audience of an access token */
    TOKEN_AUDIENCE_MISSING_TARGET("token_audience_missing_target"),
    /** token: `azp` is present and is not the client_id (OpenID Connect Core §3.1.3.7) */
    TOKEN_AZP_MISMATCH("token_azp_mismatch"),
    /** token: `nonce` is not the value sent in the authentication request */
    TOKEN_NONCE_MISMATCH("token_nonce_mismatch"),
    /** token: the access token's `client_id` claim is not the expected client */
    TOKEN_CLIENT_MISMATCH("token_client_mismatch"),
    /** token: `sub` is over 255 bytes of UTF-8 (B.2.1.2) */
    TOKEN_SUBJECT_TOO_LONG("token_subject_too_long"),
    /** token: a required claim is absent (`iss`, `sub`, `aud`, `exp`, `iat`; `azp` of an ID token with several audiences; `nonce` when one was sent; `scope` and `client_id` of an access token) */
    TOKEN_MISSING_CLAIM("token_missing_claim"),
    /** token: a claim has the wrong JSON type or value (empty `sub`, negative time, `scope` and `scp` both present…) */
    TOKEN_INVALID_CLAIM("token_invalid_claim"),
    /** token: `mcptt_id`, `mcvideo_id` or `mcdata_id` is absent for a service the caller requires */
    TOKEN_MISSING_SERVICE_ID("token_missing_service_id"),
    /** token: the access token does not grant a required scope */
    TOKEN_SCOPE_MISSING("token_scope_missing"),
    /** token: a JWK Set that is not RFC 7517 JSON, has too many keys, or holds a broken or private key */
    JWKS_MALFORMED("jwks_malformed"),
    /** token: the JWK Set is over the size limit */
    JWKS_TOO_LARGE("jwks_too_large"),
    /** token: a clock leeway above 30 s was configured (B.2.1.2); refused, never clamped */
    LEEWAY_TOO_LARGE("leeway_too_large"),
    /** token: unusable validation settings (empty issuer, target or client_id, HS256 without secret, secret under 32 bytes, empty allow-list) */
    VALIDATOR_INVALID("validator_invalid"),
    /** token: unusable security token issuing settings (empty issuer, a lifetime of 0 s) */
    ISSUER_INVALID("issuer_invalid"),
    /** token: a signing key that cannot be used (invalid scalar, short HMAC secret, header `alg` differs from the key; a key held by the host given to a call that signs in the library, not to `prepare`), or a host's signature of a security token whose length is not its algorithm's (ES256 as the 64-byte `R ‖ S` of RFC 7518 §3.4, never DER; EdDSA 64 bytes) */
    SIGNING_KEY_INVALID("signing_key_invalid"),
    /** token: the caller's `now` is above 10^11 - 1 (the year 5138 in seconds): plainly milliseconds, not seconds since the epoch; refused by every validator, the migration flow and every other entry taking `now` */
    NOW_IN_MILLISECONDS("now_in_milliseconds"),
    /** token: `exp` - `iat` of a security token is above the maximum lifetime the validator was given (B.8: security tokens are short-lived) */
    TOKEN_LIFETIME_TOO_LONG("token_lifetime_too_long"),
    /** token: `finish` was called again on a security token prepared for a key held by the host: it takes one signature; prepare another token */
    SECURITY_TOKEN_ALREADY_SIGNED("security_token_already_signed"),
    ;

    companion object {
        /** The entry whose `code` is [code], or `null` for a code this version does not know. */
        fun of(code: String): ErrorCode? = values().firstOrNull { it.code == code }
    }
}

/** The code as an [ErrorCode], or `null` for a code this version does not know. */
val McxConnectException.errorCode: ErrorCode?
    get() = ErrorCode.of(code)
