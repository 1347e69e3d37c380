// The JavaScript runner of the shared vectors (tests/vectors/README.md): the same operations
// as the Rust runner (tests/vector_ops/*.rs), through the npm package's API, answering the same way.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const FORM = "application/x-www-form-urlencoded; charset=UTF-8";
const decoder = new TextDecoder();

/** Runs `use` on a wasm-bindgen instance (awaiting what it answers) and frees the instance. */
async function withInstance(instance, use) {
  try {
    return await use(instance);
  } finally {
    instance.free();
  }
}

/** `{ ok: value }` or `{ error }` of a call, synchronous or not. */
async function outcome(run) {
  try {
    return { ok: await run() };
  } catch (error) {
    return { error };
  }
}

class BadCase extends Error {}

function str(input, key) {
  const value = input?.[key];
  if (typeof value !== "string") throw new BadCase(`input.${key} must be a string`);
  return value;
}
const optStr = (input, key) => (typeof input?.[key] === "string" ? input[key] : undefined);
const bool = (input, key) => input?.[key] === true;
const policy = (input) => ({ allowLoopbackHttp: bool(input, "allow_loopback_http") });

function parseOptions(input) {
  const mode = optStr(input, "mode") ?? "strict";
  if (mode !== "strict" && mode !== "lenient") throw new BadCase(`unknown mode \`${mode}\``);
  const limits = {};
  const given = input.limits ?? {};
  if (given.max_body_bytes !== undefined) limits.maxBodyBytes = given.max_body_bytes;
  if (given.max_parameters !== undefined) limits.maxParameters = given.max_parameters;
  if (given.max_token_bytes !== undefined) limits.maxTokenBytes = given.max_token_bytes;
  return {
    mode,
    limits,
    endpointPolicy: policy(input),
    acceptUnknownMcxScopes: bool(input, "accept_unknown_mcx_scopes"),
  };
}

function body(message) {
  if (typeof message.body === "string") return message.body;
  if (typeof message.body_base64 === "string") return Uint8Array.from(Buffer.from(message.body_base64, "base64"));
  return new Uint8Array();
}

function httpRequest(input) {
  const request = input.request;
  if (!request) throw new BadCase("input.request is required");
  return {
    method: optStr(request, "method") ?? "POST",
    url: optStr(request, "url") ?? "https://idms.example/as/token.oauth2",
    headers: request.headers ?? [["Content-Type", FORM]],
    body: body(request),
  };
}

function httpResponse(input) {
  const response = input.response;
  if (!response) throw new BadCase("input.response is required");
  return {
    status: typeof response.status === "number" ? response.status : 200,
    headers: response.headers ?? [["Content-Type", "application/json"]],
    body: body(response),
  };
}

function client(input) {
  const c = input.client;
  if (!c) return { method: "none" };
  const method = str(c, "method");
  switch (method) {
    case "none":
      return { method };
    case "client_id":
      return { method, clientId: str(c, "client_id") };
    case "client_secret_basic":
    case "client_secret_post":
      return { method, clientId: str(c, "client_id"), clientSecret: str(c, "client_secret") };
    default:
      throw new BadCase(`unknown client method \`${method}\``);
  }
}

const clientJson = (c) => ({ method: c.method, client_id: c.clientId ?? null, client_secret: c.clientSecret ?? null });
const codes = (normalisations) => normalisations.map((n) => n.code);
const requestJson = (r) => ({ method: r.method, url: r.url, headers: r.headers, body: decoder.decode(r.body) });
function responseJson(r) {
  let bodyJson = null;
  try {
    bodyJson = JSON.parse(decoder.decode(r.body));
  } catch {
    bodyJson = null;
  }
  return { status: r.status, headers: r.headers, body_json: bodyJson };
}
const optional = (input, key) => input[key] ?? null;
/** A token endpoint reply as read: the RFC 6749 §5.1 members both replies share, then the grant's own. */
const readJson = (read, own) => ({
  access_token: read.accessToken,
  token_type: read.tokenType,
  expires_in: read.expiresIn,
  scope: read.scope,
  refresh_token: read.refreshToken,
  scope_text: read.scopeText,
  normalisations: codes(read.normalisations),
  ...own,
});
/** A token endpoint reply to write, from the case's input: the members both replies share, then the grant's own. */
const replyInput = (input, defaultTokenType, own) => ({
  accessToken: str(input, "access_token"),
  tokenType: optStr(input, "token_type") ?? defaultTokenType,
  expiresIn: typeof input.expires_in === "number" ? input.expires_in : null,
  scope: optional(input, "scope"),
  refreshToken: optional(input, "refresh_token"),
  ...own,
});

/** The Rust runner's `authorization_request`: an AuthorizationRequest with the case's own state, nonce and verifier. */
function authorizationRequest(api, input) {
  const state = {
    authorizationEndpoint: str(input, "authorization_endpoint"),
    clientId: str(input, "client_id"),
    redirectUri: str(input, "redirect_uri"),
    scope: str(input, "scope"),
    acrValues: optStr(input, "acr_values") ?? null,
    issuer: optStr(input, "issuer") ?? null,
    state: str(input, "state"),
    nonce: str(input, "nonce"),
    codeVerifier: str(input, "code_verifier"),
  };
  return api.AuthorizationRequest.restore(state);
}

/** The vectors name members in snake_case; the package returns camelCase. */
function snakeKeys(value) {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase()), snakeKeys(v)]));
}

function profileOptions(input) {
  const limits = {};
  if (input.limits?.max_bytes !== undefined) limits.maxBytes = input.limits.max_bytes;
  if (input.limits?.max_depth !== undefined) limits.maxDepth = input.limits.max_depth;
  if (input.limits?.max_elements !== undefined) limits.maxElements = input.limits.max_elements;
  return { allowLoopbackHttp: bool(input, "allow_loopback_http"), limits };
}

function documentBytes(document) {
  if (typeof document === "string") return document;
  if (typeof document?.xml_base64 === "string") return Uint8Array.from(Buffer.from(document.xml_base64, "base64"));
  throw new BadCase('a document is a string or {"xml_base64": …}');
}

function oneDocument(api, input) {
  if (input.xml !== undefined) return api.UserProfile.parse(documentBytes(input.xml), profileOptions(input));
  if (input.xml_base64 !== undefined) return api.UserProfile.parse(documentBytes({ xml_base64: input.xml_base64 }), profileOptions(input));
  throw new BadCase("input.xml or input.xml_base64 is required");
}

function profiles(api, input) {
  if (!Array.isArray(input.profiles)) throw new BadCase("input.profiles must be an array");
  const all = new api.UserProfiles();
  for (const document of input.profiles) all.push(api.UserProfile.parse(documentBytes(document), profileOptions(input)));
  return all;
}

function service(input) {
  const name = str(input, "service");
  if (!["ptt", "video", "data", "mcptt", "mcvideo", "mcdata"].includes(name.toLowerCase())) throw new BadCase(`unknown service \`${name}\``);
  return name;
}

function nowOf(input) {
  if (typeof input.now !== "number") throw new BadCase("input.now must be a number");
  return input.now;
}

function hexBytes(text) {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) throw new BadCase("bad hex");
  return Uint8Array.from(Buffer.from(text, "hex"));
}

/** The Rust runner's verifier and validator inputs, as TokenValidatorOptions. */
function tokenOptions(input) {
  if (input.jwks === undefined) throw new BadCase("input.jwks is required");
  const options = { issuer: str(input, "issuer"), jwks: input.jwks, leeway: typeof input.leeway === "number" ? input.leeway : 0 };
  if (input.target !== undefined) options.target = str(input, "target");
  if (input.audience !== undefined) options.audience = str(input, "audience");
  if (input.expected_client_id !== undefined) options.clientId = str(input, "expected_client_id");
  if (input.scopes !== undefined) options.scopes = input.scopes;
  if (input.services !== undefined) options.services = input.services;
  if (input.algorithms !== undefined) options.algorithms = input.algorithms;
  if (input.shared_secret_hex !== undefined) options.sharedSecret = hexBytes(str(input, "shared_secret_hex"));
  if (input.max_token_bytes !== undefined) options.maxTokenBytes = input.max_token_bytes;
  if (input.max_lifetime !== undefined) options.maxLifetime = input.max_lifetime;
  return options;
}

/** A security-token report in the vectors' shape. */
function reportJson(report) {
  return {
    passed: report.passed,
    failure: report.failure,
    outcomes: Object.fromEntries(report.rules.map((rule) => [rule.id, rule.outcome])),
    exp: report.claims ? report.claims.exp : null,
  };
}

/**
 * The `[read, write]` operations of a token endpoint success reply: `own.read` gives the members
 * only this reply has in the vectors' shape, `own.write` the ones only it takes, `own.tokenType`
 * its default `token_type`.
 */
function replyOperations([readName, writeName], read, write, own) {
  return {
    [readName]: (input) => {
      const reply = read(httpResponse(input));
      return readJson(reply, own.read(reply));
    },
    [writeName]: (input) => responseJson(write(replyInput(input, own.tokenType, own.write(input)))),
  };
}

/** Every operation of tests/vectors/README.md, through the package API. */
export function operations(api) {
  return {
    "endpoint.check": (input) => {
      api.checkEndpoint(str(input, "url"), policy(input));
      return {};
    },
    "scope.require_mcx": (input) => {
      api.requireMcxScope(str(input, "scope"), bool(input, "accept_unknown"));
      return {};
    },
    "scope.parse": (input) => {
      const read = api.parseScope(str(input, "scope"), optStr(input, "mode") === "lenient" ? "lenient" : "strict");
      return {
        scope: read.scope,
        values: read.values,
        has_mcx: read.hasMcx,
        unknown_mcx: read.unknownMcx,
        normalisations: codes(read.normalisations),
      };
    },
    "exchange.build": (input) => {
      const request = { resource: str(input, "resource"), subjectToken: str(input, "subject_token"), client: client(input) };
      return requestJson(api.buildTokenExchangeRequest(str(input, "token_endpoint"), request, policy(input)));
    },
    "exchange.parse": (input) => {
      const parsed = api.parseTokenExchangeRequest(httpRequest(input), parseOptions(input));
      return {
        resource: parsed.value.resource,
        subject_token: parsed.value.subjectToken,
        client: clientJson(parsed.value.client),
        audience: parsed.value.audience,
        scope: parsed.value.scope,
        requested_token_type: parsed.value.requestedTokenType,
        actor_token: parsed.value.actorToken?.token ?? null,
        actor_token_type: parsed.value.actorToken?.tokenType ?? null,
        normalisations: codes(parsed.normalisations),
      };
    },
    ...replyOperations(["exchange_response.read", "exchange_response.write"], api.readTokenExchangeResponse, api.writeTokenExchangeResponse, {
      tokenType: "N_A",
      read: (read) => ({ issued_token_type: read.issuedTokenType }),
      write: (input) => ({ issuedTokenType: optStr(input, "issued_token_type") ?? api.constants().tokenTypeJwt }),
    }),
    "jwt_bearer.build": (input) => {
      const request = { assertion: str(input, "assertion"), client: client(input), scope: str(input, "scope") };
      return requestJson(api.buildJwtBearerRequest(str(input, "token_endpoint"), request, policy(input)));
    },
    "jwt_bearer.parse": (input) => {
      const parsed = api.parseJwtBearerRequest(httpRequest(input), parseOptions(input));
      return {
        assertion: parsed.value.assertion,
        client: clientJson(parsed.value.client),
        scope: parsed.value.scope,
        unknown_mcx: api.parseScope(parsed.value.scope).unknownMcx,
        normalisations: codes(parsed.normalisations),
      };
    },
    ...replyOperations(["token_response.read", "token_response.write"], api.readTokenResponse, api.writeTokenResponse, {
      tokenType: "Bearer",
      read: (read) => ({ id_token: read.idToken }),
      write: (input) => ({ idToken: optional(input, "id_token") }),
    }),
    "token_endpoint_response.read": (input) => {
      const { kind, response: read } = api.readTokenEndpointResponse(httpResponse(input));
      const own = kind === "token" ? { id_token: read.idToken } : { issued_token_type: read.issuedTokenType };
      return { kind, response: readJson(read, own) };
    },
    "pkce.challenge": (input) => ({ challenge: api.pkceFromVerifier(str(input, "verifier")).challenge }),
    "authorize.url": (input) => ({ url: authorizationRequest(api, input).url(policy(input)) }),
    "authorize.read_response": (input) => ({ code: authorizationRequest(api, input).readResponse(str(input, "redirect")) }),
    "authorize.parse": (input) => {
      const read = api.parseAuthorizationRequestUrl(str(input, "url"));
      return {
        client_id: read.clientId,
        redirect_uri: read.redirectUri,
        scope: read.scope,
        state: read.state,
        nonce: read.nonce,
        code_challenge: read.codeChallenge,
      };
    },
    "code_request.build": (input) => {
      const request = {
        code: str(input, "code"),
        redirectUri: str(input, "redirect_uri"),
        codeVerifier: str(input, "code_verifier"),
        client: client(input),
      };
      return requestJson(api.buildAuthorizationCodeRequest(str(input, "token_endpoint"), request, policy(input)));
    },
    "code_request.parse": (input) => {
      const parsed = api.parseAuthorizationCodeRequest(httpRequest(input), parseOptions(input)).value;
      const challenge = optStr(input, "code_challenge");
      if (challenge !== undefined) {
        api.verifyAuthorizationCodeRequest(parsed, challenge, optStr(input, "expected_redirect_uri") ?? parsed.redirectUri);
      }
      return {
        code: parsed.code,
        redirect_uri: parsed.redirectUri,
        code_verifier: parsed.codeVerifier,
        client_id: parsed.client.clientId ?? null,
      };
    },
    "refresh.build": (input) => {
      const scope = optStr(input, "scope");
      if (scope !== undefined) api.parseScope(scope); // the Rust runner reads the scope before the token
      const request = { refreshToken: str(input, "refresh_token"), scope: scope ?? null, client: client(input) };
      return requestJson(api.buildRefreshRequest(str(input, "token_endpoint"), request, policy(input)));
    },
    "token_request.parse": (input) => {
      const { value, normalisations } = api.parseTokenRequest(httpRequest(input), parseOptions(input));
      return { kind: value.kind, client_id: value.request.client.clientId ?? null, normalisations: codes(normalisations) };
    },
    "refresh.parse": (input) => {
      const parsed = api.parseRefreshRequest(httpRequest(input), parseOptions(input));
      const granted = optStr(input, "granted_scope");
      if (granted !== undefined) api.checkRefreshScope(parsed.value, granted);
      return {
        refresh_token: parsed.value.refreshToken,
        scope: parsed.value.scope,
        client_id: parsed.value.client.clientId ?? null,
        normalisations: codes(parsed.normalisations),
      };
    },
    "profile.parse": (input) => {
      const profile = oneDocument(api, input);
      // `rejected` from its getter, the rest from `toJSON()`.
      return snakeKeys({ ...profile.toJSON(), rejected: profile.rejected });
    },
    "profile.partner": (input) => snakeKeys(oneDocument(api, input).partner(str(input, "partner"))),
    "profile.partner_token_endpoint": (input) => ({ token_endpoint: oneDocument(api, input).partnerTokenEndpoint(str(input, "partner")) }),
    "profile.group": (input) => snakeKeys(oneDocument(api, input).group(str(input, "group"))),
    "profiles.partner": (input) => snakeKeys(profiles(api, input).partner(service(input), str(input, "partner"))),
    "profile.group_token_endpoint": (input) => ({ token_endpoint: oneDocument(api, input).groupTokenEndpoint(str(input, "group")) }),
    "profiles.partner_token_endpoint": (input) => ({
      token_endpoint: profiles(api, input).partnerTokenEndpoint(service(input), str(input, "partner")),
    }),
    "profiles.group_token_endpoint": (input) => ({
      token_endpoint: profiles(api, input).groupTokenEndpoint(service(input), str(input, "group")),
    }),
    "security_token.check": async (input) => {
      const [token, clientId, now] = [str(input, "token"), str(input, "client_id"), nowOf(input)];
      if (input.jwks !== undefined) {
        return reportJson(await withInstance(new api.SecurityTokenValidator(tokenOptions(input)), (v) => v.report(token, { clientId, now })));
      }
      const rules = { target: str(input, "target"), leeway: typeof input.leeway === "number" ? input.leeway : 0 };
      if (input.issuer !== undefined) rules.issuer = str(input, "issuer");
      if (input.services !== undefined) rules.services = input.services;
      if (input.max_lifetime !== undefined) rules.maxLifetime = input.max_lifetime;
      if (input.clock_skew !== undefined) rules.clockSkew = input.clock_skew;
      return reportJson(api.checkSecurityToken(token, rules, clientId, now));
    },
    "token.validate": async (input) => {
      const token = str(input, "token");
      const now = nowOf(input);
      // Each case runs through the one-call function and through the validator class made
      // once; both must give the same outcome.
      let viaFunction, viaClass;
      switch (str(input, "kind")) {
        case "security": {
          const [options, clientId] = [tokenOptions(input), str(input, "client_id")];
          viaFunction = () => api.validateSecurityToken(options, token, clientId, now);
          viaClass = () => withInstance(new api.SecurityTokenValidator(options), (v) => v.validate(token, { clientId, now }));
          break;
        }
        case "id": {
          const [options, nonce] = [{ ...tokenOptions(input), clientId: str(input, "client_id") }, optStr(input, "nonce") ?? null];
          viaFunction = () => api.validateIdToken(options, token, nonce, now);
          viaClass = () => withInstance(new api.IdTokenValidator(options), (v) => v.validate(token, { nonce, now }));
          break;
        }
        case "access": {
          const options = tokenOptions(input);
          viaFunction = () => api.validateAccessToken(options, token, now);
          viaClass = () => withInstance(new api.AccessTokenValidator(options), (v) => v.validate(token, { now }));
          break;
        }
        default:
          throw new BadCase(`unknown token kind \`${input.kind}\``);
      }
      const first = await outcome(viaFunction);
      const second = await outcome(viaClass);
      const same = "ok" in first
        ? "ok" in second && JSON.stringify(first.ok) === JSON.stringify(second.ok)
        : "error" in second && first.error?.code === second.error?.code && first.error?.message === second.error?.message;
      if (!same) throw new Error(`the validator class and the function disagree: ${JSON.stringify(first)} vs ${JSON.stringify(second)}`);
      if ("error" in first) throw first.error;
      return first.ok;
    },
    "token.inspect": (input) => {
      const read = api.inspectToken(str(input, "token"));
      return { header: read.header, claims: read.claims, signature_bytes: read.signatureBytes };
    },
    "token.sign": async (input) => {
      const secret = hexBytes(str(input, "secret_hex"));
      if (secret.length !== 32) throw new BadCase("secret_hex must be 32 bytes");
      if (!input.claims) throw new BadCase("input.claims is required");
      const kid = optStr(input, "kid");
      const { token, publicJwk } = await api.signToken({ alg: "ES256", secret }, input.claims, kid);
      const claims = input.claims;
      const checked = await api.validateSecurityToken(
        { issuer: claims.iss ?? "", target: claims.aud?.[1] ?? "", jwks: { keys: [publicJwk] } },
        token,
        claims.aud?.[0] ?? "",
        claims.iat ?? 0,
      );
      return { public_jwk: publicJwk, verified_claims: checked.claims };
    },
    "jwks.parse": async (input) => {
      const keys = await api.parseJwkSet(str(input, "jwks_text"));
      return {
        keys: keys.map((k) => ({ kid: k.kid, key_type: k.keyType })),
        ignored: keys.filter((k) => k.ignoredReason !== null).map((k) => ({ kid: k.kid, reason: k.ignoredReason })),
      };
    },
    "jwt_bearer.parse_and_verify": async (input) => {
      if (!input.validator) throw new BadCase("input.validator is required");
      const parsed = await api.parseAndVerifyJwtBearerRequest(httpRequest(input), parseOptions(input), tokenOptions(input.validator), nowOf(input));
      return { client_id: parsed.value.request.client.clientId ?? null, claims: parsed.value.securityToken.claims };
    },
    "exchange.parse_and_verify": async (input) => {
      if (!input.validator) throw new BadCase("input.validator is required");
      const parsed = await api.parseAndVerifyTokenExchangeRequest(httpRequest(input), parseOptions(input), tokenOptions(input.validator), nowOf(input));
      return { resource: parsed.value.request.resource, claims: parsed.value.subjectToken.claims, scope: parsed.value.subjectToken.scope };
    },
    "security_token.issue": async (input) => {
      if (!input.validator || !input.issuer) throw new BadCase("input.validator and input.issuer are required");
      const settings = input.issuer;
      const issuer = {
        issuer: str(settings, "issuer"),
        key: { alg: "ES256", secret: hexBytes(str(settings, "secret_hex")) },
        lifetime: settings.lifetime,
        kid: optStr(settings, "kid"),
        jti: optStr(settings, "jti"),
      };
      const response = await api.issueSecurityToken(httpRequest(input), parseOptions(input), tokenOptions(input.validator), issuer, nowOf(input));
      const seen = api.inspectToken(response.accessToken);
      return {
        token_type: response.tokenType,
        issued_token_type: response.issuedTokenType,
        expires_in: response.expiresIn,
        header: seen.header,
        claims: seen.claims,
      };
    },
    "error_response.write": (input) =>
      responseJson(api.writeErrorResponse({ error: str(input, "error"), errorDescription: optional(input, "error_description") })),
    "http.parse_request_text": (input) => {
      const parsed = api.parseHttpRequestText(str(input, "text"), parseOptions(input).mode);
      return { ...requestJson(parsed.value), normalisations: codes(parsed.normalisations) };
    },
    "http.parse_response_text": (input) => {
      const response = api.parseHttpResponseText(str(input, "text"));
      return { status: response.status, headers: response.headers, body: decoder.decode(response.body) };
    },
    "flow.run": (input) => flowRun(api, input),
    "flow.restore": (input) =>
      withInstance(
        api.MigrationFlow.restore(str(input, "saved"), {
          primaryAccessToken: optional(input, "access_token"),
          clientSecret: optional(input, "client_secret"),
        }),
        (flow) => flowJson(flow, []),
      ),
  };
}

/** The Rust runner's `flow_run`: the steps in order; a step with `error` must fail with that code. */
function flowRun(api, input) {
  const config = {
    primaryTokenEndpoint: str(input, "primary_token_endpoint"),
    clientId: str(input, "client_id"),
    clientSecret: optional(input, "client_secret"),
    scope: str(input, "scope"),
    allowLoopbackHttp: bool(input, "allow_loopback_http"),
  };
  if (typeof input.min_security_token_lifetime === "number") config.minSecurityTokenLifetime = input.min_security_token_lifetime;
  const target = {
    service: str(input, "service"),
    partnerSystemId: optional(input, "partner_system_id"),
    partnerTokenEndpoint: str(input, "partner_token_endpoint"),
  };
  if (!Array.isArray(input.steps)) throw new BadCase("input.steps is required");
  let flow = new api.MigrationFlow(config, target, str(input, "access_token"));
  try {
    const requests = [];
    input.steps.forEach((step, index) => {
      const now = (call) => {
        if (typeof call.now !== "number") throw new BadCase("each step needs `now`");
        return call.now;
      };
      const run = () => {
        if (step.next_request) requests.push(requestJson(flow.nextRequest(now(step.next_request))));
        else if (step.handle_response) flow.handleResponse(httpResponse(step.handle_response), now(step.handle_response));
        else if (step.save_and_restore) {
          const restored = api.MigrationFlow.restore(flow.save(true));
          flow.free();
          flow = restored;
        } else throw new BadCase(`step ${index}: unknown call`);
      };
      const expected = optStr(step, "error");
      if (expected === undefined) return run();
      let got = "success";
      try {
        run();
      } catch (error) {
        if (!(error instanceof api.McxConnectError)) throw error;
        got = error.code;
      }
      if (got !== expected) throw new BadCase(`step ${index}: expected error \`${expected}\`, got ${got}`);
    });
    return flowJson(flow, requests);
  } finally {
    flow.free();
  }
}

function flowJson(flow, requests) {
  const tokens = flow.partnerTokens;
  const failed = flow.failure;
  return {
    step: flow.step,
    requests,
    security_token_expires_at: flow.securityTokenExpiresAt ?? null,
    partner_tokens: tokens && {
      access_token: tokens.accessToken,
      token_type: tokens.tokenType,
      expires_in: tokens.expiresIn,
      scope: tokens.scope,
      normalisations: codes(tokens.normalisations),
    },
    failure: failed && { code: failed.code, oauth_error: failed.oauthError },
  };
}

function subset(expected, actual, path) {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
      throw new Error(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
    for (const [key, value] of Object.entries(expected)) subset(value, actual[key] ?? null, `${path}.${key}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || expected.length !== actual.length) {
      throw new Error(`${path}: expected ${expected.length} elements, got ${JSON.stringify(actual)}`);
    }
    expected.forEach((w, i) => subset(w, actual[i], `${path}[${i}]`));
    return;
  }
  if (expected !== actual) throw new Error(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function failure(error, McxConnectError) {
  if (error instanceof BadCase) return { code: "bad_vector", oauthError: null, status: null, description: error.message };
  if (!(error instanceof McxConnectError)) {
    return { code: "not_an_McxConnectError", oauthError: null, status: null, description: String(error?.stack ?? error) };
  }
  return { code: error.code, oauthError: error.oauthError, status: error.status, description: error.message };
}

function matchError(expected, f) {
  if (expected.code !== undefined && expected.code !== f.code) {
    throw new Error(`expected code \`${expected.code}\`, got \`${f.code}\`: ${f.description}`);
  }
  if (expected.oauth_error !== undefined && expected.oauth_error !== f.oauthError) {
    throw new Error(`expected oauth_error \`${expected.oauth_error}\`, got ${f.oauthError} (${f.description})`);
  }
  if (expected.status !== undefined && expected.status !== f.status) {
    throw new Error(`expected status ${expected.status}, got ${f.status}`);
  }
  if (expected.description_contains !== undefined && !f.description.includes(expected.description_contains)) {
    throw new Error(`description \`${f.description}\` does not contain \`${expected.description_contains}\``);
  }
}

/** Runs one case (operations may answer with a promise: the signature checks are WebCrypto's); rejects with the reason when it fails. */
export async function runCase(api, ops, testCase) {
  const op = ops[testCase.operation];
  if (!op) throw new Error(`unknown operation \`${testCase.operation}\``);
  const expect = testCase.expect;
  if (!expect) throw new Error("no `expect`");
  let outcome;
  try {
    outcome = { ok: await op(testCase.input ?? {}) };
  } catch (error) {
    outcome = { error: failure(error, api.McxConnectError) };
  }
  if (expect.ok !== undefined) {
    if (outcome.error) throw new Error(`expected success, got error \`${outcome.error.code}\`: ${outcome.error.description}`);
    subset(expect.ok, outcome.ok, "$");
  } else if (expect.error !== undefined) {
    if (!outcome.error) throw new Error(`expected an error, got success: ${JSON.stringify(outcome.ok)}`);
    matchError(expect.error, outcome.error);
  } else {
    throw new Error("`expect` has neither `ok` nor `error`");
  }
}

/** The vector folders: tests/vectors plus $MCX_CONNECT_VECTORS (colon-separated). */
export function vectorFolders(repoRoot) {
  const folders = [join(repoRoot, "tests", "vectors")];
  for (const extra of (process.env.MCX_CONNECT_VECTORS ?? "").split(":")) if (extra) folders.push(extra);
  return folders;
}

/** Every case of every `*.json` file of the folders, as `{ file, name, run }`; a file that cannot be read is a failing case. */
export function loadCases(folders) {
  const cases = [];
  for (const folder of folders) {
    let files;
    try {
      files = readdirSync(folder).filter((f) => f.endsWith(".json")).sort();
    } catch (error) {
      cases.push({ file: folder, name: "<folder>", broken: `cannot read ${folder}: ${error.message}` });
      continue;
    }
    for (const file of files) {
      let document;
      try {
        document = JSON.parse(readFileSync(join(folder, file), "utf8"));
      } catch (error) {
        cases.push({ file, name: "<file>", broken: `not JSON: ${error.message}` });
        continue;
      }
      if (!Array.isArray(document.cases)) {
        cases.push({ file, name: "<file>", broken: "no `cases` array" });
        continue;
      }
      for (const c of document.cases) cases.push({ file, name: c.name ?? "<unnamed>", case: c });
    }
  }
  return cases;
}
