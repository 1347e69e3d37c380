// node --test: the JavaScript conventions of the installed package (errors, bytes, classes, both
// entries, the package layout, fetch Request/Response).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { importPackage, installPackage } from "./install-package.mjs";

const api = await importPackage();

test("every failure is a McxConnectError (an Error subclass) with a stable code", () => {
  const cases = [
    () => api.parseScope("openid,3gpp:mc:ptt_service"),
    () => api.checkEndpoint("http://idms.example/token"),
    () => api.buildTokenExchangeRequest("https://a.example/t", { resource: "https://b.example/t", subjectToken: "" }),
    () => api.parseJwtBearerRequest({ method: "GET", url: "https://a.example/t", headers: [] }),
    () => api.parseScope(42),
    () => api.buildTokenExchangeRequest("https://a.example/t", { resource: "https://b.example/t", subject_token: "x" }),
    () => api.readTokenResponse({ status: 500, headers: [], body: "<html>" }),
    () => api.pkceFromVerifier("short"),
    () => api.AuthorizationRequest.restore({}),
  ];
  const codes = cases.map((run) => {
    try {
      run();
    } catch (e) {
      assert.ok(e instanceof api.McxConnectError, `not a McxConnectError: ${e}`);
      assert.ok(e instanceof Error);
      assert.equal(e.name, "McxConnectError");
      assert.equal(typeof e.message, "string");
      assert.ok(e.stack);
      return e.code;
    }
    assert.fail("no error");
  });
  assert.deepEqual(codes, [
    "scope_comma",
    "endpoint_insecure",
    "empty_parameter",
    "method_not_allowed",
    "invalid_argument",
    "invalid_argument",
    "unexpected_status",
    "login_invalid_verifier",
    "invalid_argument",
  ]);
});

test("server-role refusals carry oauthError, description and status; client-side errors do not invent them", () => {
  try {
    api.parseTokenExchangeRequest({
      method: "POST",
      url: "https://a.example/t",
      headers: [["Content-Type", "application/x-www-form-urlencoded"]],
      body: "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&resource=https%3A%2F%2Fp.example%2Ft%23frag&subject_token=x&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt",
    });
    assert.fail("accepted");
  } catch (e) {
    assert.equal(e.code, "invalid_resource");
    assert.equal(e.oauthError, "invalid_target");
    assert.equal(e.status, 400);
    assert.match(e.description, /resource/);
  }
  try {
    api.checkEndpoint("ftp://a.example/t");
  } catch (e) {
    assert.equal(e.oauthError, null);
    assert.equal(e.status, null);
  }
});

test("bodies come out as Uint8Array and go in as Uint8Array or string", () => {
  const built = api.buildJwtBearerRequest("https://p.example/t", {
    assertion: "eyJhbGciOiJFUzI1NiJ9.e30.c2ln",
    client: { method: "client_id", clientId: "c" },
    scope: "openid 3gpp:mc:ptt_service",
  });
  assert.ok(built.body instanceof Uint8Array);
  const fromBytes = api.parseJwtBearerRequest(built);
  const fromText = api.parseJwtBearerRequest({ ...built, body: new TextDecoder().decode(built.body) });
  assert.deepEqual(fromBytes, fromText);
  assert.deepEqual(fromBytes.value.client, { method: "client_id", clientId: "c" });
});

// buildTokenExchangeRequest and buildJwtBearerRequest read a plain request object on a fast path
// (js/request.js) and anything else the general way (JSON), as every request was read before. The
// same request as an instance of a class is never a plain object, so it shows what the general
// way does: both must give the same POST or the same error, code and message.
const readTheGeneralWay = (plain) => Object.assign(new (class Request {})(), plain);
function outcome(run) {
  try {
    return { request: run() };
  } catch (e) {
    assert.ok(e instanceof api.McxConnectError, `not a McxConnectError: ${e}`);
    return { code: e.code, message: e.message };
  }
}

test("request builders: the fast path and the general way give the same POST or the same error", () => {
  const primary = "https://idms.primary.example/as/token.oauth2";
  const partner = "https://idms.partner.example/as/token.oauth2";
  const assertion = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
  const scope = api.scopeForService("ptt");
  const long = "t".repeat(5000); // longer than the stack buffer: read into one of its size
  const clients = [
    undefined,
    { method: "none" },
    { method: "client_id", clientId: "mcptt-client" },
    { method: "client_secret_basic", clientId: "mcptt client/é", clientSecret: "s3cret:&=+" },
    { method: "client_secret_post", clientId: "mcptt-client", clientSecret: "s3cret" },
    { method: "client_id", clientId: "mcptt-client", clientSecret: undefined },
    null,
    { method: "client_secret_basic", clientId: "mcptt-client" },
    { method: "none", clientId: "mcptt-client" },
    { method: "password", clientId: "mcptt-client" },
    { method: "client_id", clientId: 7 },
    { method: "client_id", clientId: "mcptt-client", extra: "x" },
  ];
  const exchanges = [
    { resource: partner, subjectToken: "primary-access-token" },
    { resource: partner, subjectToken: "primary-access-token", scope, requestedTokenType: "urn:ietf:params:oauth:token-type:jwt" },
    { resource: partner, subjectToken: "primary-access-token", scope: null, requestedTokenType: null, audience: undefined },
    { resource: partner, subjectToken: "primary-access-token", audience: ["a", "b"], actorToken: { token: "t", tokenType: "x" } },
    { resource: partner, subjectToken: "tök€n 😀" },
    { resource: partner, subjectToken: long },
    { resource: partner, subjectToken: "€".repeat(2000) },
    { resource: partner, subjectToken: "" },
    { resource: partner, subjectToken: "lone \uD800 surrogate" },
    { resource: partner, subjectToken: "t", scope: "openid,3gpp:mc:ptt_service" },
    { resource: partner, subjectToken: "t", scope: "" },
    { resource: "http://idms.partner.example/token", subjectToken: "t" },
    { resource: partner },
    { resource: partner, subjectToken: 42 },
    { resource: partner, subjectToken: "t", subject_token: "t" },
    { resource: partner, subjectToken: "t", scope: 5 },
  ];
  const bearers = [
    { assertion, scope },
    { assertion, scope: "openid 3gpp:mc:future_service" },
    { assertion, scope: "openid" },
    { assertion, scope: "openid  3gpp:mc:ptt_service" },
    { assertion: long, scope },
    { assertion: "", scope },
    { assertion },
    { assertion, scope: null },
    { assertion, scope, audience: ["a"] },
  ];
  const cases = [];
  for (const client of clients) {
    for (const request of exchanges) cases.push(["buildTokenExchangeRequest", primary, client === undefined ? request : { ...request, client }]);
    for (const request of bearers) cases.push(["buildJwtBearerRequest", partner, client === undefined ? request : { ...request, client }]);
  }
  cases.push(["buildTokenExchangeRequest", "http://idms.primary.example/token", exchanges[0]]);
  cases.push(["buildJwtBearerRequest", 42, { assertion, scope, client: clients[2] }]);
  cases.push(["buildJwtBearerRequest", partner, Object.assign(Object.create(null), { assertion, scope, client: clients[2] })]);
  let built = 0;
  for (const [name, endpoint, request] of cases) {
    const fast = outcome(() => api[name](endpoint, request));
    assert.deepEqual(fast, outcome(() => api[name](endpoint, readTheGeneralWay(request))), `${name} ${JSON.stringify(request)?.slice(0, 200)}`);
    if (fast.request) built += 1;
  }
  assert.ok(built > 30 && built < cases.length, `${built} of ${cases.length} built: both outcomes are exercised`);
  // The policy argument and the form's media type, as the general way writes them.
  const loopback = api.buildTokenExchangeRequest("http://127.0.0.1:9031/token", { resource: "http://127.0.0.1:9032/token", subjectToken: "t" }, { allowLoopbackHttp: true });
  assert.deepEqual(loopback.headers, [["Content-Type", api.constants().formContentType]]);
  assert.equal(loopback.method, "POST");
  assert.equal(loopback.url, "http://127.0.0.1:9031/token");
});

test("request builders: a request whose getter throws is refused with invalid_argument, never the getter's error", () => {
  const request = {
    get assertion() {
      throw new Error("boom");
    },
    scope: "openid 3gpp:mc:ptt_service",
    client: { method: "client_id", clientId: "c" },
  };
  const refused = outcome(() => api.buildJwtBearerRequest("https://idms.partner.example/token", request));
  assert.equal(refused.code, "invalid_argument");
});

test("HTTP/1.1 text in and out", () => {
  const built = api.buildTokenExchangeRequest("https://idms.example:9031/as/token.oauth2", {
    resource: "https://p.example/t",
    subjectToken: "tok",
  });
  const text = api.httpRequestToText(built);
  assert.match(text, /^POST \/as\/token\.oauth2 HTTP\/1\.1\r\nHost: idms\.example:9031\r\n/);
  const again = api.parseHttpRequestText(text);
  assert.deepEqual(again.value.body, built.body);
  assert.equal(api.parseTokenExchangeRequest(again.value).value.subjectToken, "tok");
});

test("redactedRequest masks credentials as the core does: the Authorization value, every secret parameter", () => {
  const built = api.buildJwtBearerRequest("https://idms.partner.example/token", {
    assertion: "eyJhbGciOiJFUzI1NiJ9.e30.c2ln",
    scope: "openid 3gpp:mc:ptt_service",
    client: { method: "client_secret_basic", clientId: "c", clientSecret: "s3cret" },
  });
  const authorization = built.headers.find(([name]) => name === "Authorization")[1];
  const shown = api.redactedRequest(built);
  const text = JSON.stringify(shown.headers) + new TextDecoder().decode(shown.body);
  assert.ok(!text.includes(authorization.slice(6)) && !text.includes("eyJhbGciOiJFUzI1NiJ9"), text);
  assert.deepEqual(shown.headers.find(([name]) => name === "Authorization"), ["Authorization", "Basic [redacted]"]);
  assert.match(new TextDecoder().decode(shown.body), /assertion=\[redacted\]/);
  assert.equal(shown.url, built.url);
  assert.equal(outcome(() => api.redactedRequest(42)).code, "invalid_argument");
});

test("redactedHeaderValue masks a credential header's value by the same rule, whatever the name's case, and leaves the others", () => {
  assert.equal(api.redactedHeaderValue("authorization", "Basic YzpzM2NyZXQ="), "Basic [redacted]");
  assert.equal(api.redactedHeaderValue("Proxy-Authorization", "DPoP eyJhbGciOi.e30.c2ln"), "DPoP [redacted]");
  assert.equal(api.redactedHeaderValue("Authorization", "eyJhbGciOi.e30.c2ln"), "[redacted]"); // no scheme: nothing kept
  assert.equal(api.redactedHeaderValue("SET-COOKIE", "session=4f9a"), "[redacted]");
  assert.equal(api.redactedHeaderValue("Cache-Control", "no-store"), "no-store");
  assert.equal(outcome(() => api.redactedHeaderValue("Cookie", 42)).code, "invalid_argument");
});

/** What a new AuthorizationRequest of the tests below needs (state, nonce and verifier are drawn). */
const dataLogin = {
  authorizationEndpoint: "https://idms.primary.example/authorize",
  clientId: "mcptt-client",
  redirectUri: "com.example.mcptt:/callback",
  scope: api.scopeForService("data"),
};

test("login: AuthorizationRequest is a class that keeps its secrets and restores", () => {
  const request = new api.AuthorizationRequest(dataLogin);
  const other = new api.AuthorizationRequest(dataLogin);
  assert.notEqual(request.state, other.state);
  const restored = api.AuthorizationRequest.restore(request.save());
  assert.equal(restored.url(), request.url());
  const code = restored.readResponse(`com.example.mcptt:/callback?code=abc&state=${request.state}`);
  assert.equal(code, "abc");
  const http = api.buildAuthorizationCodeRequest("https://idms.primary.example/token", restored.codeRequest(code, { method: "client_id", clientId: "mcptt-client" }));
  const parsed = api.parseAuthorizationCodeRequest(http);
  api.verifyAuthorizationCodeRequest(parsed.value, request.codeChallenge, request.redirectUri);
  const refresh = api.buildRefreshRequest("https://idms.primary.example/token", { refreshToken: "r", scope: "openid 3gpp:mc:data_service" });
  const read = api.parseRefreshRequest(refresh);
  api.checkRefreshScope(read.value, api.scopeForService("data"));
  assert.throws(() => api.checkRefreshScope(read.value, "openid 3gpp:mc:ptt_service"), (e) => e.code === "scope_widened" && e.oauthError === "invalid_scope");
});

test("a value of the wrong shape is named by its member path, in JavaScript's words, with no position in a JSON text", () => {
  const refused = (call) => {
    try {
      call();
    } catch (e) {
      assert.ok(e instanceof api.McxConnectError && e.code === "invalid_argument", String(e));
      assert.doesNotMatch(e.message, /line \d+ column \d+|sequence|struct |allow_loopback_http|\b[ui](8|16|32|64|size)\b|\bf64\b/, e.message);
      return e.message;
    }
    assert.fail("not refused");
  };
  assert.equal(refused(() => new api.SecurityTokenValidator({ issuer: 5 })), "options.issuer: invalid type: integer `5`, expected a string");
  assert.match(refused(() => new api.SecurityTokenValidator({ issuer: "https://i", jwks: "", leway: 3 })), /^options: unknown field `leway`, expected one of `issuer`/);
  assert.equal(
    refused(() => api.buildTokenExchangeRequest("https://idms.primary.example/token", { resource: "https://p", subjectToken: "a.b.c", client: { method: "client_secret_basic", clientId: 7 } })),
    "request.client.clientId: invalid type: integer `7`, expected a string",
  );
  assert.equal(
    refused(() => new api.AccessTokenValidator({ issuer: "https://i", jwks: "", scopes: ["openid", 3] })),
    "options.scopes[1]: invalid type: integer `3`, expected a string",
  );
  assert.match(refused(() => api.AuthorizationRequest.restore([])), /^state: invalid type: array, expected object AuthorizationRequestState$/);
  // A token given where an object belongs (arguments swapped) is said to be a string, never shown.
  assert.equal(
    refused(() => new api.SecurityTokenValidator("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln")),
    "options: invalid type: a string, expected object TokenValidatorOptions",
  );
  // A number is told in JavaScript's words, never by the Rust type it is read into (`u64`, `u16`).
  assert.equal(
    refused(() => api.parseJwtBearerRequest({ method: "POST", url: "https://a.example/t", headers: [], body: "" }, { limits: { maxBodyBytes: -1 } })),
    "options.limits.maxBodyBytes: invalid value: integer `-1`, expected a non-negative integer",
  );
  assert.equal(
    refused(() => new api.SecurityTokenValidator({ issuer: "https://i", jwks: "", maxLifetime: 1.5 })),
    "options.maxLifetime: invalid type: floating point `1.5`, expected a non-negative integer",
  );
  // The shared secret's own reader refuses without quoting the value, at its member.
  assert.equal(
    refused(() => new api.SecurityTokenValidator({ issuer: "https://i", jwks: "", target: "https://t", sharedSecret: [1, 300] })),
    "options.sharedSecret: the shared secret is not bytes (a Uint8Array) or a string",
  );
});

test("an argument typed as an object is read from an object only, never by position from an array", () => {
  const request = new api.AuthorizationRequest(dataLogin);
  const saved = request.save();
  assert.equal(api.AuthorizationRequest.restore(saved).url(), request.url());
  assert.throws(
    () => api.AuthorizationRequest.restore(Object.values(saved)),
    (e) => e instanceof api.McxConnectError && e.code === "invalid_argument" && /invalid type: array, expected object/.test(e.message),
  );
});

test("the browser build (web) works too once initialised, on the same module as the Node entry", async () => {
  const folder = installPackage();
  const web = await import(pathToFileURL(join(folder, "node_modules", "mcx-connect", "web", "index.js")).href);
  const wasm = readFileSync(join(folder, "node_modules", "mcx-connect", "web", "mcx_connect_bg.wasm"));
  await web.default({ module_or_path: wasm });
  assert.equal(web.parseScope("openid 3gpp:mc:ptt_service").hasMcx, true);
  assert.throws(() => web.parseScope("a,b"), (e) => e instanceof web.McxConnectError && e.code === "scope_comma");
  // The Node entry instantiates the web module: one error class, one wasm instance.
  assert.equal(web.McxConnectError, api.McxConnectError);
  assert.equal(web.fromFetchResponse, api.fromFetchResponse);
});

test("the package ships the wasm module once, and its repository, bugs, license and version", () => {
  const root = join(installPackage(), "node_modules", "mcx-connect");
  const listed = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listed(join(dir, e.name)) : [join(dir, e.name)]));
  const wasms = listed(root).filter((f) => f.endsWith(".wasm"));
  assert.deepEqual(wasms, [join(root, "web", "mcx_connect_bg.wasm")]);
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  assert.match(manifest.version, /^\d+\.\d+\.\d+/);
  assert.notEqual(manifest.version, "0.0.0-set-by-build");
  assert.equal(manifest.license, "Apache-2.0");
  assert.ok(manifest.repository.url && manifest.bugs.url && manifest.homepage);
  assert.match(readFileSync(join(root, "LICENSE"), "utf8"), /Apache License/);
});

test("an HttpRequest is a fetch RequestInit as it is: new Request(request.url, request) carries method, headers, body", async () => {
  const request = api.buildJwtBearerRequest("https://idms.partner.example/token", {
    assertion: "eyJhbGciOiJFUzI1NiJ9.e30.c2ln",
    client: { method: "client_secret_basic", clientId: "mcptt-client", clientSecret: "s3cret" },
    scope: api.scopeForService("ptt"),
  });
  const built = new Request(request.url, request);
  assert.equal(built.method, "POST");
  assert.equal(built.url, "https://idms.partner.example/token");
  for (const [name, value] of request.headers) assert.equal(built.headers.get(name), value);
  assert.deepEqual(new Uint8Array(await built.arrayBuffer()), request.body);
  assert.ok(request.body.buffer instanceof ArrayBuffer);
});

test("fromFetchResponse reads a fetch Response (status, headers, body) for the reply readers", async () => {
  const json = '{"access_token":"partner-access","token_type":"Bearer","expires_in":3600}';
  const reply = new Response(json, { status: 200, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  const response = await api.fromFetchResponse(reply);
  assert.equal(response.status, 200);
  assert.ok(response.body instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(response.body), json);
  assert.deepEqual(
    response.headers.filter(([name]) => name === "content-type"),
    [["content-type", "application/json"]],
  );
  const tokens = api.readTokenResponse(response);
  assert.equal(tokens.accessToken, "partner-access");
  assert.equal(tokens.expiresIn, 3600);

  const refused = await api.fromFetchResponse(
    new Response('{"error":"invalid_grant","error_description":"expired"}', { status: 400, headers: { "content-type": "application/json" } }),
  );
  assert.throws(() => api.readTokenResponse(refused), (e) => e.code === "error_response" && e.oauthError === "invalid_grant");

  const empty = await api.fromFetchResponse(new Response(null, { status: 204 }));
  assert.equal(empty.status, 204);
  assert.equal(empty.body.length, 0);
});

test("fromFetchResponse stops reading at maxBodyBytes (response_too_large) and refuses a value that is not a Response", async () => {
  const big = new Response(new Uint8Array(70000), { status: 200 });
  await assert.rejects(api.fromFetchResponse(big), (e) => e instanceof api.McxConnectError && e.code === "response_too_large");
  const small = await api.fromFetchResponse(new Response("12345", { status: 200 }), { maxBodyBytes: 5 });
  assert.equal(small.body.length, 5);
  await assert.rejects(
    api.fromFetchResponse(new Response("123456", { status: 200 }), { maxBodyBytes: 5 }),
    (e) => e.code === "response_too_large",
  );
  // A body streamed in several chunks is cut off as soon as the total passes the limit.
  let pulled = 0;
  const endless = new ReadableStream({
    pull(controller) {
      pulled += 1;
      controller.enqueue(new Uint8Array(1024));
    },
  });
  await assert.rejects(api.fromFetchResponse(new Response(endless), { maxBodyBytes: 4096 }), (e) => e.code === "response_too_large");
  assert.ok(pulled < 16, `read ${pulled} chunks`);
  for (const bad of [null, "HTTP/1.1 200 OK", { status: 200 }, { status: "200", headers: new Headers() }]) {
    await assert.rejects(api.fromFetchResponse(bad), (e) => e instanceof api.McxConnectError && e.code === "invalid_argument");
  }
  await assert.rejects(api.fromFetchResponse(new Response("x"), { maxBodyBytes: -1 }), (e) => e.code === "invalid_argument");
  const read = new Response("already read");
  await read.text();
  await assert.rejects(api.fromFetchResponse(read), (e) => e instanceof api.McxConnectError && e.code === "invalid_argument");
});

test("profiles: UserProfile and UserProfiles classes read partner and group token endpoints", () => {
  const xml = `<up:mcptt-user-profile xmlns:up="urn:3gpp:mcptt:user-profile:1.0" XUI-URI="sip:alice@ptt.primary.example" user-profile-index="1"><up:OnNetwork><up:anyExt><up:MigratablePartnerMCPTTSystemInfo><up:PartnerMCPTTSystemId>urn:mc:partner-a:ptt</up:PartnerMCPTTSystemId><up:AccessInformationForPartnerMCPTTSystem><ic:mcptt-UE-initial-configuration xmlns:ic="urn:3gpp:mcptt:mcpttUEinitConfig:1.0" domain="partner-a.example"><ic:on-network><ic:App-Server-Info><ic:idms-token-endpoint>https://idms.partner-a.example/token</ic:idms-token-endpoint></ic:App-Server-Info></ic:on-network></ic:mcptt-UE-initial-configuration></up:AccessInformationForPartnerMCPTTSystem></up:MigratablePartnerMCPTTSystemInfo></up:anyExt></up:OnNetwork></up:mcptt-user-profile>`;
  const profile = api.UserProfile.parse(new TextEncoder().encode(xml));
  assert.equal(profile.service, "ptt");
  assert.equal(profile.xuiUri, "sip:alice@ptt.primary.example");
  assert.equal(profile.partnerTokenEndpoint("urn:mc:partner-a:ptt"), "https://idms.partner-a.example/token");
  const [partner] = profile.partners;
  assert.equal(partner.id, "urn:mc:partner-a:ptt");
  assert.equal(partner.shape, "access_information");
  assert.equal(partner.initialConfiguration.appServerInfo.idmsAuthEndpoint, null);
  assert.deepEqual(profile.toJSON().kind, { kind: "user_profile", service: "ptt" });
  const all = new api.UserProfiles();
  all.push(profile);
  all.push(profile);
  assert.equal(profile.partners.length, 1); // push copies: the profile stays usable
  assert.throws(() => all.partnerTokenEndpoint("video", "urn:mc:partner-a:ptt"), (e) => e instanceof api.McxConnectError && e.code === "profile_service_not_loaded");
  assert.throws(() => all.partnerTokenEndpoint("ptt", "urn:mc:nobody"), (e) => e.code === "profile_partner_not_found");
  assert.throws(() => api.UserProfile.parse("<!DOCTYPE x [<!ENTITY a 'b'>]><x/>"), (e) => e instanceof api.McxConnectError && e.code.startsWith("profile_"));
  assert.throws(() => api.UserProfile.parse(42), (e) => e.code === "invalid_argument");
});

test("a saved flow is the snake_case JSON every language writes and reads, never the npm package's camelCase names", () => {
  const flow = new api.MigrationFlow(
    { primaryTokenEndpoint: "http://127.0.0.1:8080/token", clientId: "mcptt-client", scope: "openid 3gpp:mc:ptt_service", allowLoopbackHttp: true },
    { service: "ptt", partnerSystemId: "urn:mc:partner-a:ptt", partnerTokenEndpoint: "http://127.0.0.1:8081/token" },
    "the-primary-access-token",
  );
  const saved = flow.save(false);
  assert.equal(saved.includes("the-primary-access-token"), false);
  const json = JSON.parse(saved);
  assert.deepEqual(json.config.endpoint_policy, { allow_loopback_http: true });
  assert.deepEqual(json.config.limits, { max_body_bytes: 65536, max_parameters: 32, max_token_bytes: 16384 });
  assert.deepEqual(json.target, { service: "ptt", partner_system_id: "urn:mc:partner-a:ptt", partner_token_endpoint: "http://127.0.0.1:8081/token" });
  const restored = api.MigrationFlow.restore(saved, { primaryAccessToken: "the-primary-access-token" });
  assert.equal(restored.step, "exchange_to_send");
  assert.deepEqual(restored.target, { service: "ptt", partnerSystemId: "urn:mc:partner-a:ptt", partnerTokenEndpoint: "http://127.0.0.1:8081/token" });
  flow.free();
  restored.free();
});

// A class of the package owns wasm memory until free() (or the end of a `using` block, through
// Symbol.dispose). Misusing one is a JavaScript mistake, told as one: invalid_argument, never
// wasm-bindgen's "null pointer passed to rust" in a plain Error.
test("an object used after free() is refused with invalid_argument, and free() or Symbol.dispose twice does nothing", async () => {
  const freedObject = (e) =>
    e instanceof api.McxConnectError && e.code === "invalid_argument" && /freed/.test(e.message) && !/rust|pointer/i.test(e.message);
  const login = new api.AuthorizationRequest(dataLogin);
  login[Symbol.dispose]();
  login.free();
  login[Symbol.dispose]();
  assert.throws(() => login.url(), freedObject);
  assert.throws(() => login.state, freedObject);
  const validator = new api.AccessTokenValidator({ issuer: "https://idms.primary.example", jwks: { keys: [] } });
  validator.free();
  assert.throws(() => validator.validate("a.b.c", { now: 1_900_000_000 }), freedObject);
  // A method called on something that is not the class's object is refused the same way.
  assert.throws(() => api.AuthorizationRequest.prototype.url.call({}), (e) => e instanceof api.McxConnectError && e.code === "invalid_argument");
  // A class argument of the wrong kind, or a freed one.
  const profiles = new api.UserProfiles();
  assert.throws(() => profiles.push({}), (e) => e instanceof api.McxConnectError && e.code === "invalid_argument" && /UserProfile/.test(e.message));
  const profile = api.UserProfile.parse('<mcptt-user-profile xmlns="urn:3gpp:mcptt:user-profile:1.0"/>');
  profile.free();
  assert.throws(() => profiles.push(profile), freedObject);
  profiles.free();
});

test("a validator freed while its validate promises are pending still settles them; concurrent validate calls on one validator each get their own answer", async () => {
  const now = 1_900_000_000;
  const secret = new Uint8Array(32).fill(7);
  const claims = { iss: "https://idms.primary.example", sub: "alice@primary.example", aud: "mcptt-client", client_id: "mcptt-client", scope: "openid 3gpp:mc:ptt_service", iat: now, exp: now + 300 };
  const { token } = await api.signToken({ alg: "HS256", secret }, claims);
  const validator = new api.AccessTokenValidator({ issuer: "https://idms.primary.example", jwks: { keys: [] }, sharedSecret: secret, algorithms: ["HS256"] });
  const pending = Array.from({ length: 8 }, (_, i) => validator.validate(i % 2 ? token : `${token}x`, { now }));
  validator.free();
  const settled = await Promise.allSettled(pending);
  assert.deepEqual(
    settled.map((s) => (s.status === "fulfilled" ? s.value.claims.sub : s.reason.code)),
    Array.from({ length: 8 }, (_, i) => (i % 2 ? "alice@primary.example" : "token_bad_signature")),
  );
});

test("signToken: claims that are not a JSON object are invalid_argument, as its @throws says, and the token is never signed", async () => {
  const key = { alg: "HS256", secret: new Uint8Array(32).fill(1) };
  for (const claims of ["alice", [1, 2], 5, null]) {
    await assert.rejects(api.signToken(key, claims), (e) => e instanceof api.McxConnectError && e.code === "invalid_argument" && /^claims: /.test(e.message), JSON.stringify(claims));
  }
});

// The wasm memory outlives a call, so what the package wipes must be gone once JavaScript has its
// copy: the token and client secret of a built POST (its body and Authorization value, on the fast
// path and the general way), and the token of an HTTP message read or written.
test("a token request built, a token reply read or written, a request parsed and a token inspected or validated leave no copy of their token or client secret in the wasm memory", async () => {
  const folder = installPackage();
  const web = await import(pathToFileURL(join(folder, "node_modules", "mcx-connect", "web", "index.js")).href);
  const memory = web.initSync({ module: new Uint8Array(0) }).memory; // the instance the Node entry made
  const copies = (text) => {
    const [bytes, needle] = [Buffer.from(memory.buffer), Buffer.from(text)];
    let found = 0;
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) found++;
    return found;
  };
  const secret = (name) => `${name}-${Math.random().toString(36).slice(2)}-secret`;
  const basic = (clientSecret) => Buffer.from(`mcptt-client:${clientSecret}`).toString("base64");
  const json = [["Content-Type", "application/json"]];
  const cases = {
    "token exchange, fast path": (s) => api.buildTokenExchangeRequest("https://a.example/t", { resource: "https://b.example/t", subjectToken: s }),
    "token exchange, the general way": (s) => api.buildTokenExchangeRequest("https://a.example/t", { resource: "https://b.example/t", subjectToken: s, audience: ["https://b.example/t"] }),
    "jwt-bearer, client_secret_post": (s) => api.buildJwtBearerRequest("https://a.example/t", { assertion: "a.b.c", scope: "openid 3gpp:mc:ptt_service", client: { method: "client_secret_post", clientId: "mcptt-client", clientSecret: s } }),
    "refresh": (s) => api.buildRefreshRequest("https://a.example/t", { refreshToken: s, client: { method: "client_id", clientId: "mcptt-client" } }),
    "token reply read": (s) => api.readTokenResponse({ status: 200, headers: json, body: new TextEncoder().encode(JSON.stringify({ access_token: s, token_type: "Bearer" })) }),
    "token reply written": (s) => api.writeTokenResponse({ accessToken: s, tokenType: "Bearer" }),
    "token exchange parsed": (s) =>
      api.parseTokenExchangeRequest(api.buildTokenExchangeRequest("https://a.example/t", { resource: "https://b.example/t", subjectToken: `${s}.b.c` })),
  };
  // A token handed in: its text, and the claims decoded from it, gone once the call returns (or throws).
  const now = Math.floor(Date.now() / 1000);
  const key = { alg: "HS256", secret: new Uint8Array(32).fill(7) };
  const [issuer, target] = ["https://idms.primary.example", "https://idms.partner.example/token"];
  const hs256 = { issuer, jwks: { keys: [] }, sharedSecret: key.secret, algorithms: ["HS256"] };
  const signed = async (s) =>
    (await api.signToken(key, { iss: issuer, sub: s, aud: ["mcptt-client", target], client_id: "mcptt-client", azp: "mcptt-client", scope: "openid 3gpp:mc:ptt_service", nonce: "n-1", iat: now, exp: now + 300 })).token;
  const tokenCases = {
    "token inspected": (t) => api.inspectToken(t),
    "security token validated": (t) => new api.SecurityTokenValidator({ ...hs256, target }).validate(t, { clientId: "mcptt-client", now }),
    "security token checked rule by rule": (t) => api.checkSecurityToken(t, { target }, "mcptt-client", now),
    "ID token validated": (t) => new api.IdTokenValidator({ ...hs256, clientId: "mcptt-client" }).validate(t, { nonce: "n-1", now }),
    "access token validated": (t) => new api.AccessTokenValidator(hs256).validate(t, { now }),
  };
  const left = [];
  for (const [name, call] of Object.entries(cases)) {
    const s = secret(name.split(" ")[0]);
    call(s);
    if (copies(s) > 0) left.push(name);
  }
  for (const [name, call] of Object.entries(tokenCases)) {
    const s = secret(name.split(" ")[0]);
    const token = await signed(s);
    try {
      await call(token);
    } catch {
      // A token refused leaves no copy either.
    }
    if (copies(s) > 0 || copies(token.split(".")[1]) > 0) left.push(name);
  }
  const s = secret("basic");
  api.buildTokenExchangeRequest("https://a.example/t", { resource: "https://b.example/t", subjectToken: "x", client: { method: "client_secret_basic", clientId: "mcptt-client", clientSecret: s } });
  if (copies(basic(s).slice(0, 24)) > 0) left.push("token exchange, client_secret_basic (its Authorization value)");
  assert.deepEqual(left, []);
});

// The objects read member by member (a validator's check, an issuer, a signing key) refuse a member
// they do not know, as the options objects do: a misspelt `nonce` would otherwise turn the ID
// token's nonce check off without a word.
test("a check, issuer or signing key object with a member it does not know (a misspelt nonce) is invalid_argument naming that member", async () => {
  const now = Math.floor(Date.now() / 1000);
  const key = { alg: "HS256", secret: new Uint8Array(32).fill(3) };
  const [issuer, target] = ["https://idms.primary.example", "https://idms.partner.example/token"];
  const hs256 = { issuer, jwks: { keys: [] }, sharedSecret: key.secret, algorithms: ["HS256"] };
  const { token } = await api.signToken(key, { iss: issuer, sub: "alice", aud: ["mcptt-client", target], azp: "mcptt-client", client_id: "mcptt-client", nonce: "n-1", iat: now, exp: now + 300 });
  const names = (member) => (e) => e instanceof api.McxConnectError && e.code === "invalid_argument" && e.message.startsWith(`${member}: `);
  const id = new api.IdTokenValidator({ ...hs256, clientId: "mcptt-client" });
  await assert.rejects(id.validate(token, { Nonce: "n-2", now }), names("check.Nonce"));
  await assert.rejects(id.validate(token, { nonce: "n-2", now }), (e) => e.code === "token_nonce_mismatch");
  const security = new api.SecurityTokenValidator({ ...hs256, target });
  await assert.rejects(security.validate(token, { clientID: "mcptt-client", now }), names("check.clientID"));
  await assert.rejects(security.report(token, { clientId: "mcptt-client", now, leeway: 30 }), names("check.leeway"));
  // An undefined member is no member, as JSON.stringify leaves it out of the options objects.
  assert.equal((await security.validate(token, { clientId: "mcptt-client", now, leeway: undefined })).claims.sub, "alice");
  const access = new api.AccessTokenValidator(hs256);
  await assert.rejects(access.validate(token, { now, clientId: "mcptt-client" }), names("check.clientId"));
  await assert.rejects(api.signToken({ ...key, kid: "k1" }, { sub: "alice" }), names("key.kid"));
  const request = api.buildTokenExchangeRequest("https://idms.primary.example/token", { resource: target, subjectToken: token });
  await assert.rejects(api.issueSecurityToken(request, undefined, hs256, { issuer, key, lifetime: 300, lifeTime: 60 }, now), names("issuer.lifeTime"));
  for (const validator of [id, security, access]) validator.free();
});

test("a time or duration of the wrong kind is named by its own member (issuer.lifetime, check.now), never as another", async () => {
  const key = { alg: "HS256", secret: new Uint8Array(32).fill(2) };
  const request = api.buildTokenExchangeRequest("https://idms.primary.example/token", { resource: "https://idms.partner.example/token", subjectToken: "a.b.c" });
  const validator = { issuer: "https://idms.primary.example", jwks: { keys: [] }, sharedSecret: key.secret, algorithms: ["HS256"] };
  await assert.rejects(
    api.issueSecurityToken(request, undefined, validator, { issuer: "https://idms.primary.example", key, lifetime: "300" }, 1_900_000_000),
    (e) => e instanceof api.McxConnectError && e.code === "invalid_argument" && /^issuer\.lifetime: /.test(e.message),
  );
  const security = new api.SecurityTokenValidator({ issuer: "https://idms.primary.example", target: "https://idms.partner.example/token", jwks: { keys: [] } });
  await assert.rejects(security.validate("a.b.c", { clientId: "mcptt-client" }), (e) => e.code === "invalid_argument" && /^check\.now: /.test(e.message));
  await assert.rejects(security.report("a.b.c", { clientId: "mcptt-client", now: 1.5 }), (e) => e.code === "invalid_argument" && /^check\.now: /.test(e.message));
  security.free();
  assert.throws(() => api.checkSecurityToken("a.b.c", { target: "https://idms.partner.example/token" }, "mcptt-client", "now"), (e) => e.code === "invalid_argument" && /^now: /.test(e.message));
});
