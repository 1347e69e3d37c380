//! The examples every `--help` ends with.

/// Examples for `--help`.
pub(crate) const PROFILE_EXAMPLES: &str = "Examples:
  mcx-connect profile mcptt-user-profile.xml
  mcx-connect profile mcptt.xml mcvideo.xml --service ptt --partner urn:mc:partner-a:ptt --token-endpoint
  mcx-connect profile mcptt.xml --group sip:fire-ops@ptt.primary.example --json";

/// Examples for `--help`.
pub(crate) const INSPECT_EXAMPLES: &str = "Examples:
  mcx-connect token inspect - < security-token.jwt
  mcx-connect token inspect eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln --now 1900000000 --json";

/// Examples for `--help`.
pub(crate) const VERIFY_EXAMPLES: &str = "Examples:
  mcx-connect token verify - --jwks primary-jwks.json --issuer https://idms.primary.example \\
      --client-id mcptt-client --target https://idms.partner.example/token < security-token.jwt
  mcx-connect token verify - --kind id --jwks jwks.json --issuer https://idms.primary.example \\
      --client-id mcptt-client --nonce n-1 --service ptt < id-token.jwt";

/// Examples for `--help`.
pub(crate) const REQUEST_CHECK_EXAMPLES: &str = "Examples:
  mcx-connect request check captured.http
  mcx-connect request check --lenient tests/spec-examples/b_7_4_token_request_example_1.http --json
  mcx-connect request check captured.http --jwks primary-jwks.json --issuer https://idms.primary.example";

/// Examples for `--help`.
pub(crate) const RESPONSE_CHECK_EXAMPLES: &str = "Examples:
  mcx-connect response check reply.http
  curl -si -X POST … | mcx-connect response check - --json";

/// Examples for `--help`.
pub(crate) const EXCHANGE_BUILD_EXAMPLES: &str = "Examples:
  mcx-connect request build exchange --token-endpoint https://idms.primary.example/token \\
      --resource https://idms.partner.example/token --subject-token - --client-id mcptt-client < at.txt";

/// Examples for `--help`.
pub(crate) const JWTBEARER_BUILD_EXAMPLES: &str = "Examples:
  mcx-connect request build jwt-bearer --token-endpoint https://idms.partner.example/token \\
      --assertion - --client-id mcptt-client --service ptt < security-token.jwt";

/// Examples for `--help`.
pub(crate) const AUTHORIZE_BUILD_EXAMPLES: &str = "Examples:
  mcx-connect request build authorize --authorization-endpoint https://idms.primary.example/authorize \\
      --client-id mcptt-client --redirect-uri com.example.mcptt:/callback --service ptt";

/// Examples for `--help`.
pub(crate) const CODE_BUILD_EXAMPLES: &str = "Examples:
  mcx-connect request build code --token-endpoint https://idms.primary.example/token --code - \\
      --redirect-uri com.example.mcptt:/callback --code-verifier VERIFIER --client-id mcptt-client < code.txt";

/// Examples for `--help`.
pub(crate) const REFRESH_BUILD_EXAMPLES: &str = "Examples:
  mcx-connect request build refresh --token-endpoint https://idms.primary.example/token \\
      --refresh-token - --client-id mcptt-client < refresh.txt";

/// Examples for `--help`.
pub(crate) const LOGIN_EXAMPLES: &str = "Examples:
  mcx-connect login --issuer https://idms.primary.example --client-id mcptt-client --service ptt \\
      --save alice.json --save-secrets
  mcx-connect login --authorization-endpoint http://127.0.0.1:8080/primary/authorize \\
      --token-endpoint http://127.0.0.1:8080/primary/token --client-id mcx-console --service ptt \\
      --allow-loopback-http";

/// Examples for `--help`.
pub(crate) const MIGRATE_EXAMPLES: &str = "Examples:
  mcx-connect migrate --profile mcptt.xml --service ptt --partner urn:mc:partner-a:ptt \\
      --session alice.json
  mcx-connect migrate --partner-token-endpoint https://idms.partner.example/token --service ptt \\
      --token-endpoint https://idms.primary.example/token --client-id mcptt-client --access-token - < at.txt
  mcx-connect migrate --resume flow.json --access-token - < at.txt";

/// Examples for `--help`.
pub(crate) const PROBE_PARTNER_EXAMPLES: &str = "Examples:
  mcx-connect probe partner --token-endpoint https://idms.partner.example/token --client-id mcptt-client \\
      --service ptt --primary-token-endpoint https://idms.primary.example/token --session alice.json \\
      --other-target https://idms.partner-b.example/token --expired-assertion - < expired.jwt
  mcx-connect probe partner --token-endpoint https://idms.partner.example/token --client-id c --service ptt \\
      --assertion - --json < security-token.jwt";

/// Examples for `--help`.
pub(crate) const PROBE_PRIMARY_EXAMPLES: &str = "Examples:
  mcx-connect probe primary --token-endpoint https://idms.primary.example/token --client-id mcptt-client \\
      --resource https://idms.partner.example/token --session alice.json \\
      --issuer https://idms.primary.example --jwks-uri https://idms.primary.example/jwks.json";

/// Examples for `--help`.
pub(crate) const BUILD_EXAMPLES: &str = "Examples:
  mcx-connect request build exchange --token-endpoint https://idms.primary.example/token \\
      --resource https://idms.partner.example/token --subject-token - --client-id mcptt-client < at.txt
  mcx-connect request build --curl --show-secrets jwt-bearer --token-endpoint https://idms.partner.example/token \\
      --assertion - --client-id mcptt-client --service ptt < security-token.jwt | sh";
