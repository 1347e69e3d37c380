// Type-checked with `tsc --noEmit --strict` against the installed package (test.sh): every
// shape below must come from the package's own declarations, with no `any` in between.
import {
  AuthorizationRequest,
  inspectToken,
  checkSecurityToken,
  validateSecurityToken,
  SecurityTokenValidator,
  buildRefreshRequest,
  checkRefreshScope,
  parseRefreshRequest,
  MigrationFlow,
  UserProfile,
  UserProfiles,
  McxConnectError,
  type ErrorCode,
  buildJwtBearerRequest,
  buildTokenExchangeRequest,
  constants,
  parseJwtBearerRequest,
  parseScope,
  parseTokenExchangeRequest,
  readTokenExchangeResponse,
  readTokenResponse,
  fromFetchResponse,
  scopeForService,
  writeErrorResponse,
  type ClientAuthentication,
  type FlowFailure,
  type SecurityToken,
  type UnverifiedToken,
  type PartnerSystem,
  type UserProfileData,
  type MigrationStep,
  type HttpRequest,
  type HttpResponse,
  type JwtBearerRequest,
  type Normalisation,
  type Parsed,
  type ScopeInfo,
  type TokenExchangeResponse,
  type TokenResponse,
  type SecurityTokenReport,
  type RuleOutcome,
} from "mcx-connect";
import init, { parseScope as parseScopeWeb } from "mcx-connect/web";

const client: ClientAuthentication = { method: "client_secret_basic", clientId: "mcptt-client", clientSecret: "s3cret" };

// Client role: token exchange at the primary, jwt-bearer at the partner.
const exchange: HttpRequest = buildTokenExchangeRequest(
  "https://idms.primary.example/token",
  { resource: "https://idms.partner.example/token", subjectToken: "primary-access-token", client },
  { allowLoopbackHttp: false },
);
const body: Uint8Array = exchange.body;
const securityToken: TokenExchangeResponse = readTokenExchangeResponse({
  status: 200,
  headers: [["Content-Type", "application/json"]],
  body: new TextEncoder().encode('{"access_token":"eyJ.eyJ.sig","issued_token_type":"urn:ietf:params:oauth:token-type:jwt","token_type":"N_A"}'),
});
const partner: HttpRequest = buildJwtBearerRequest("https://idms.partner.example/token", {
  assertion: securityToken.accessToken,
  client: { method: "client_id", clientId: "mcptt-client" },
  scope: scopeForService("ptt"),
});
const tokens: TokenResponse = readTokenResponse({ status: 200, headers: [], body: new Uint8Array() }, { maxBodyBytes: 4096 });
const expires: number | null = tokens.expiresIn;
// Every optional member read leniently is reported, with the scope as sent.
const readLeniently: Normalisation[] = [...tokens.normalisations, ...securityToken.normalisations];
const scopeAsSent: string | null = tokens.scopeText;
void readLeniently;
void scopeAsSent;
// The security-token rules one by one, without keys (the core's one home of B.2.1.2 / B.7.4 / B.8).
const report: SecurityTokenReport = checkSecurityToken(
  securityToken.accessToken,
  { target: "https://idms.partner.example/token", leeway: 30, maxLifetime: 300 },
  "mcptt-client",
  Math.floor(Date.now() / 1000),
);
const firstOutcome: RuleOutcome | undefined = report.rules[0]?.outcome;
const reportFailure: string | null = report.failure;
void firstOutcome;
void reportFailure;

// Server role: parse, refuse with the RFC error.
function serve(request: HttpRequest): HttpResponse {
  try {
    const parsed: Parsed<JwtBearerRequest> = parseJwtBearerRequest(request, { mode: "lenient" });
    const repaired: Normalisation[] = parsed.normalisations;
    void repaired;
    return writeErrorResponse({ error: "invalid_grant", errorDescription: "not yet" });
  } catch (e) {
    if (e instanceof McxConnectError) {
      const code: string = e.code;
      // The codes are a typed union (written from the core's registry): a typo does not compile.
      const known: ErrorCode = "scope_comma";
      // @ts-expect-error "scope_coma" is not a code
      const typo: ErrorCode = "scope_coma";
      void typo;
      if (e.code === known) void known;
      // @ts-expect-error a typo in a comparison with the thrown code does not compile either
      if (e.code === "scope_coma") void known;
      const oauth: string | null = e.oauthError;
      const status: number | null = e.status;
      void code;
      void status;
      return writeErrorResponse({ error: oauth ?? "invalid_request", errorDescription: e.description });
    }
    throw e;
  }
}
const exchanged = parseTokenExchangeRequest(exchange, { limits: { maxTokenBytes: 8192 } });
const resource: string = exchanged.value.resource;
const clientMethod: ClientAuthentication["method"] = exchanged.value.client.method;

// Login: the request is a class that keeps its secrets until the redirect comes back.
const login = new AuthorizationRequest({
  authorizationEndpoint: "https://idms.primary.example/authorize",
  clientId: "mcptt-client",
  redirectUri: "com.example.mcptt:/callback",
  scope: "openid 3gpp:mc:ptt_service",
});
const url: string = login.url({});
const saved = login.save();
const again: AuthorizationRequest = AuthorizationRequest.restore(saved);
const code: string = again.readResponse("com.example.mcptt:/callback?code=c&state=" + saved.state);
const info: ScopeInfo = parseScope("openid 3gpp:mc:ptt_service", "strict");
const grant: string = constants().grantTypeJwtBearer;

// Refresh (B.5), both roles.
const refresh = parseRefreshRequest(buildRefreshRequest("https://idms.primary.example/token", { refreshToken: "r", scope: null }));
const refreshScope: string | null = refresh.value.scope;
checkRefreshScope(refresh.value, scopeForService("ptt"));

// Migration flow: a class; the host does the I/O and passes the time in.
const flow = new MigrationFlow(
  { primaryTokenEndpoint: "https://idms.primary.example/token", clientId: "mcptt-client", scope: scopeForService("video") },
  { service: "video", partnerTokenEndpoint: "https://idms.partner.example/token" },
  "primary-access-token",
);
const next: HttpRequest = flow.nextRequest(Math.floor(Date.now() / 1000));
const step: MigrationStep = flow.handleResponse({ status: 200, headers: [], body: new TextEncoder().encode("{}") }, 0);
const failure: FlowFailure | null = flow.failure;
const partnerTokens: TokenResponse | null = flow.partnerTokens;
const restoredFlow: MigrationFlow = MigrationFlow.restore(flow.save(false), { primaryAccessToken: "primary-access-token" });

// Profiles: the partner token endpoint comes from the user profile (TS 24.482 6.2.3 a).
const profile = UserProfile.parse("<mcptt-user-profile/>", { allowLoopbackHttp: false, limits: { maxBytes: 1 << 20 } });
const partners: PartnerSystem[] = profile.partners;
const data: UserProfileData = profile.toJSON();
const all = new UserProfiles();
all.push(profile);
const partnerEndpoint: string = all.partnerTokenEndpoint("ptt", partners[0]?.id ?? "urn:none");
const groupEndpoint: string = profile.groupTokenEndpoint("sip:fire-ops@ptt.primary.example");

// Tokens: the partner IdMS authenticates the security token with the primary's JWK Set.
const seen: UnverifiedToken = inspectToken("eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
const verified: SecurityToken = await validateSecurityToken(
  { issuer: "https://idms.primary.example", target: "https://idms.partner.example/token", jwks: { keys: [] }, leeway: 30 },
  "eyJhbGciOiJFUzI1NiJ9.e30.c2ln",
  "mcptt-client",
  Math.floor(Date.now() / 1000),
);
const subject: string = verified.claims.sub;
// The same rules with the JWK Set read once, for a token endpoint that validates many tokens.
const partnerValidator = new SecurityTokenValidator({
  issuer: "https://idms.primary.example",
  target: "https://idms.partner.example/token",
  jwks: { keys: [] },
});
// The signature is checked with the platform's WebCrypto: validate answers a promise.
const verifiedOnce: SecurityToken = await partnerValidator.validate("eyJhbGciOiJFUzI1NiJ9.e30.c2ln", {
  clientId: "mcptt-client",
  now: 1_900_000_000,
});
partnerValidator.free();
const subjectOnce: string = verifiedOnce.claims.sub;

// The thrown code is a closed union (the core's ErrorCode and the binding's invalid_argument),
// so a switch over it is checked: a misspelt case does not compile, and a default that leaves no
// code unhandled narrows to never.
type ThrownCode = McxConnectError["code"];
const closedUnion: string extends ThrownCode ? "open" : "closed" = "closed";
function explain(e: McxConnectError): string {
  switch (e.code) {
    case "invalid_argument":
      return "a JavaScript value of the wrong shape";
    case "token_expired":
      return "ask the primary IdMS for a new token";
    // @ts-expect-error "token_expird" is not a code
    case "token_expird":
      return "never";
    default:
      return e.code;
  }
}
function exhaustive(code: Exclude<ThrownCode, ErrorCode>): "binding" {
  switch (code) {
    case "invalid_argument":
      return "binding";
    default: {
      const none: never = code;
      return none;
    }
  }
}

// `using` frees a validator (or any class of the package) at the end of its block.
async function scoped(token: string): Promise<string> {
  using validator = new SecurityTokenValidator({ issuer: "https://idms.primary.example", target: "https://idms.partner.example/token", jwks: { keys: [] } });
  return (await validator.validate(token, { clientId: "mcptt-client", now: 1_900_000_000 })).claims.sub;
}

// fetch: a built request is a RequestInit as it is (the README's line), and a fetch Response is read directly.
async function send(request: HttpRequest): Promise<TokenResponse> {
  const reply = await fetch(request.url, request);
  const response: HttpResponse = await fromFetchResponse(reply, { maxBodyBytes: 65536 });
  return readTokenResponse(response);
}

// Browser build: initialise once, then the same API.
async function browser(): Promise<boolean> {
  await init();
  return parseScopeWeb("openid 3gpp:mc:video_service").hasMcx;
}

export { seen, subject, subjectOnce, refreshScope, data, partnerEndpoint, groupEndpoint, next, step, failure, partnerTokens, restoredFlow, body, partner, expires, serve, resource, clientMethod, url, code, info, grant, browser, send, closedUnion, explain, exhaustive, scoped };
