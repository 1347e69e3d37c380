// node --test: the JavaScript conventions of the installed package (errors, bytes, classes, both builds).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
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

test("login: AuthorizationRequest is a class that keeps its secrets and restores", () => {
  const request = new api.AuthorizationRequest({
    authorizationEndpoint: "https://idms.primary.example/authorize",
    clientId: "mcptt-client",
    redirectUri: "com.example.mcptt:/callback",
    scope: api.scopeForService("data"),
  });
  const other = new api.AuthorizationRequest({
    authorizationEndpoint: "https://idms.primary.example/authorize",
    clientId: "mcptt-client",
    redirectUri: "com.example.mcptt:/callback",
    scope: api.scopeForService("data"),
  });
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

test("the browser build (web) works too once initialised", async () => {
  const folder = installPackage();
  const web = await import(pathToFileURL(join(folder, "node_modules", "mcx-connect", "web", "index.js")).href);
  const wasm = readFileSync(join(folder, "node_modules", "mcx-connect", "web", "mcx_connect_bg.wasm"));
  await web.default({ module_or_path: wasm });
  assert.equal(web.parseScope("openid 3gpp:mc:ptt_service").hasMcx, true);
  assert.throws(() => web.parseScope("a,b"), (e) => e instanceof web.McxConnectError && e.code === "scope_comma");
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
