// node --test: interop with independent libraries, through the packed and installed package.
//  * oauth4webapi (v3) builds token-exchange and jwt-bearer requests with its generic token
//    endpoint request (genericTokenEndpointRequest); a custom fetch captures them and our server-role parsers must accept them.
//  * oauth4webapi reads the token responses our server-role writers produce.
//  * jose signs the assertion, so the captured requests carry a real compact JWS.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as oauth from "oauth4webapi";
import * as jose from "jose";
import { importPackage } from "./install-package.mjs";

const api = await importPackage();
const primary = { issuer: "https://idms.primary.example", token_endpoint: "https://idms.primary.example/as/token.oauth2" };
const partner = { issuer: "https://idms.partner.example", token_endpoint: "https://idms.partner.example/as/token.oauth2" };
const client = { client_id: "mcptt-client" };

/** Runs an oauth4webapi generic grant request and returns what it sent, as our HttpRequest value. */
async function capture(as, clientAuth, grantType, parameters) {
  let sent;
  const stub = async (url, options) => {
    sent = {
      method: options.method,
      url: String(url),
      headers: [...new Headers(options.headers).entries()],
      body: options.body instanceof URLSearchParams ? options.body.toString() : String(options.body),
    };
    return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
  };
  await oauth.genericTokenEndpointRequest(as, client, clientAuth, grantType, new URLSearchParams(parameters), {
    [oauth.customFetch]: stub,
  });
  return sent;
}

async function securityToken() {
  const { privateKey } = await jose.generateKeyPair("ES256");
  return new jose.SignJWT({ sub: "alice@primary.example" })
    .setProtectedHeader({ alg: "ES256", kid: "primary-1" })
    .setIssuer(primary.issuer)
    .setAudience([client.client_id, partner.token_endpoint])
    .setIssuedAt()
    .setExpirationTime("2m")
    .sign(privateKey);
}

test("oauth4webapi token exchange (client_secret_basic) is accepted by parseTokenExchangeRequest (strict)", async () => {
  const sent = await capture(primary, oauth.ClientSecretBasic("s3cret:with/odd chars"), api.constants().grantTypeTokenExchange, {
    resource: partner.token_endpoint,
    subject_token: await securityToken(),
    subject_token_type: api.constants().tokenTypeJwt,
  });
  const parsed = api.parseTokenExchangeRequest(sent);
  assert.equal(parsed.value.resource, partner.token_endpoint);
  assert.deepEqual(parsed.value.client, { method: "client_secret_basic", clientId: "mcptt-client", clientSecret: "s3cret:with/odd chars" });
  assert.deepEqual(parsed.normalisations, []);
});

test("oauth4webapi token exchange (public client) is accepted by parseTokenExchangeRequest (strict)", async () => {
  const sent = await capture(primary, oauth.None(), api.constants().grantTypeTokenExchange, {
    resource: partner.token_endpoint,
    subject_token: "primary-access-token",
    subject_token_type: api.constants().tokenTypeJwt,
  });
  const parsed = api.parseTokenExchangeRequest(sent);
  assert.deepEqual(parsed.value.client, { method: "client_id", clientId: "mcptt-client" });
  assert.equal(parsed.value.subjectToken, "primary-access-token");
});

test("oauth4webapi jwt-bearer request with a jose-signed assertion is accepted by parseJwtBearerRequest (strict)", async () => {
  const assertion = await securityToken();
  const sent = await capture(partner, oauth.None(), api.constants().grantTypeJwtBearer, {
    assertion,
    scope: api.scopeForService("ptt"),
  });
  const parsed = api.parseJwtBearerRequest(sent);
  assert.equal(parsed.value.assertion, assertion);
  assert.deepEqual(parsed.value.client, { method: "client_id", clientId: "mcptt-client" });
  assert.equal(parsed.value.scope, api.scopeForService("ptt"));
});

test("oauth4webapi jwt-bearer with client_secret_basic and client_id in the body is accepted", async () => {
  const sent = await capture(partner, oauth.ClientSecretBasic("s3cret"), api.constants().grantTypeJwtBearer, {
    assertion: await securityToken(),
    client_id: client.client_id,
    scope: "openid 3gpp:mc:data_service",
  });
  const parsed = api.parseJwtBearerRequest(sent);
  assert.equal(parsed.value.client.method, "client_secret_basic");
});

test("oauth4webapi jwt-bearer with client_secret_basic only is refused: B.7.4 needs client_id in the body", async () => {
  const sent = await capture(partner, oauth.ClientSecretBasic("s3cret"), api.constants().grantTypeJwtBearer, {
    assertion: await securityToken(),
    scope: "openid 3gpp:mc:ptt_service",
  });
  assert.throws(
    () => api.parseJwtBearerRequest(sent),
    (e) => e instanceof api.McxConnectError && e.code === "missing_parameter" && e.oauthError === "invalid_request",
  );
});

test("our requests and oauth4webapi's carry the same parameters", async () => {
  const assertion = await securityToken();
  const scope = api.scopeForService("video");
  const theirs = await capture(partner, oauth.None(), api.constants().grantTypeJwtBearer, { assertion, scope });
  const ours = api.buildJwtBearerRequest(partner.token_endpoint, { assertion, client: { method: "client_id", clientId: client.client_id }, scope });
  const params = (body) => Object.fromEntries(new URLSearchParams(typeof body === "string" ? body : new TextDecoder().decode(body)));
  assert.deepEqual(params(ours.body), params(theirs.body));
});

test("oauth4webapi reads the token responses our server role writes", async () => {
  const written = api.writeTokenResponse({ accessToken: "partner-access", tokenType: "Bearer", expiresIn: 3600, scope: api.scopeForService("ptt") });
  const response = new Response(written.body, { status: written.status, headers: written.headers });
  const read = await oauth.processGenericTokenEndpointResponse(partner, client, response);
  assert.equal(read.access_token, "partner-access");
  assert.equal(read.token_type, "bearer");
  assert.equal(read.expires_in, 3600);

  const exchangeReply = api.writeTokenExchangeResponse({ accessToken: await securityToken(), issuedTokenType: api.constants().tokenTypeJwt, tokenType: "N_A", expiresIn: 120 });
  // RFC 8693's `N_A` is not an access token type oauth4webapi knows; it lets the caller recognise it.
  const exchanged = await oauth.processGenericTokenEndpointResponse(
    primary,
    client,
    new Response(exchangeReply.body, { status: 200, headers: exchangeReply.headers }),
    { recognizedTokenTypes: { n_a: () => {} } },
  );
  assert.equal(exchanged.issued_token_type, api.constants().tokenTypeJwt);
});

test("oauth4webapi reads the error responses our server role writes", async () => {
  let thrown;
  try {
    api.parseJwtBearerRequest({ method: "POST", url: partner.token_endpoint, headers: [["Content-Type", "application/x-www-form-urlencoded"]], body: "grant_type=password" });
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof api.McxConnectError);
  const written = api.writeErrorResponse({ error: thrown.oauthError, errorDescription: thrown.description });
  assert.equal(written.status, thrown.status);
  const response = new Response(written.body, { status: written.status, headers: written.headers });
  await assert.rejects(oauth.processGenericTokenEndpointResponse(partner, client, response), (e) => e.error === "unsupported_grant_type");
});

test("MigrationFlow: exchange, jose-signed security token, jwt-bearer accepted by our partner role, partner tokens", async () => {
  const now = Math.floor(Date.now() / 1000);
  const flow = new api.MigrationFlow(
    { primaryTokenEndpoint: primary.token_endpoint, clientId: client.client_id, clientSecret: "s3cret", scope: api.scopeForService("ptt") },
    { service: "ptt", partnerSystemId: "partner-a", partnerTokenEndpoint: partner.token_endpoint },
    "primary-access-token",
  );
  assert.equal(flow.step, "exchange_to_send");
  const exchange = flow.nextRequest(now);
  const atPrimary = api.parseTokenExchangeRequest(exchange); // our own server role reads it
  assert.equal(atPrimary.value.resource, partner.token_endpoint);
  const token = await securityToken();
  const reply = api.writeTokenExchangeResponse({ accessToken: token, issuedTokenType: api.constants().tokenTypeJwt, tokenType: "N_A", expiresIn: 120 });
  assert.equal(flow.handleResponse(reply, now), "partner_request_to_send");
  // The rules the flow applied, one by one: the signature is the partner's to check.
  const report = flow.securityTokenReport(now);
  assert.equal(report.passed, true);
  assert.equal(report.rules.find((rule) => rule.id === "signature").outcome, "not_checked");
  assert.throws(() => flow.securityTokenReport(Date.now()), (e) => e.code === "now_in_milliseconds");
  // Saved without secrets, restored with the access token: the exchange is redone.
  const saved = flow.save(false);
  assert.ok(!saved.includes("primary-access-token") && !saved.includes(token));
  const restored = api.MigrationFlow.restore(saved, { primaryAccessToken: "primary-access-token" });
  assert.equal(restored.step, "exchange_to_send");
  const partnerRequest = flow.nextRequest(now + 1);
  const atPartner = api.parseJwtBearerRequest(partnerRequest);
  assert.equal(atPartner.value.assertion, token);
  const tokens = api.writeTokenResponse({ accessToken: "partner-access", tokenType: "Bearer", expiresIn: 3600 });
  assert.equal(flow.handleResponse(tokens, now + 2), "completed");
  assert.equal(flow.partnerTokens.accessToken, "partner-access");
  assert.equal(flow.failure, null);

  const refused = new api.MigrationFlow(
    { primaryTokenEndpoint: primary.token_endpoint, clientId: client.client_id, scope: api.scopeForService("ptt") },
    { service: "ptt", partnerTokenEndpoint: partner.token_endpoint },
    "primary-access-token",
  );
  refused.nextRequest(now);
  assert.throws(
    () => refused.handleResponse(api.writeErrorResponse({ error: "invalid_target" }), now),
    (e) => e instanceof api.McxConnectError && e.code === "error_response" && e.oauthError === "invalid_target",
  );
  assert.equal(refused.step, "failed");
  assert.equal(refused.failure.oauthError, "invalid_target");
});

for (const alg of ["ES256", "RS256", "EdDSA", "PS256", "ES384"]) {
  test(`jose-signed ${alg} security tokens verify with validateSecurityToken and a SecurityTokenValidator (WebCrypto); tampering and expiry are refused`, async () => {
    const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true, ...(alg === "EdDSA" ? { crv: "Ed25519" } : {}) });
    const jwk = { ...(await jose.exportJWK(publicKey)), kid: "primary-1", alg };
    const iat = 1_700_000_000;
    const token = await new jose.SignJWT({ sub: "alice@primary.example", mcptt_id: "sip:alice@primary.example" })
      .setProtectedHeader({ alg, kid: "primary-1", typ: "JWT" })
      .setIssuer(primary.issuer)
      .setAudience([client.client_id, partner.token_endpoint])
      .setIssuedAt(iat)
      .setExpirationTime(iat + 300)
      .sign(privateKey);
    const options = { issuer: primary.issuer, target: partner.token_endpoint, jwks: { keys: [jwk] }, leeway: 30, services: ["ptt"] };
    const checked = await api.validateSecurityToken(options, token, client.client_id, iat + 60);
    assert.equal(checked.claims.sub, "alice@primary.example");
    assert.equal(checked.header.alg, alg);
    const validator = new api.SecurityTokenValidator(options);
    assert.deepEqual(await validator.validate(token, { clientId: client.client_id, now: iat + 60 }), checked);
    const [h, p, s] = token.split(".");
    const forged = `${h}.${p.slice(0, -2)}${p.slice(-2) === "AA" ? "BA" : "AA"}.${s}`;
    await assert.rejects(api.validateSecurityToken(options, forged, client.client_id, iat + 60), (e) => e instanceof api.McxConnectError && e.code.startsWith("token_"));
    const flipped = `${h}.${p}.${s.slice(0, 10)}${s[10] === "A" ? "B" : "A"}${s.slice(11)}`;
    await assert.rejects(validator.validate(flipped, { clientId: client.client_id, now: iat + 60 }), (e) => e.code === "token_bad_signature");
    await assert.rejects(api.validateSecurityToken(options, token, client.client_id, iat + 400), (e) => e.code === "token_expired");
    await assert.rejects(api.validateSecurityToken(options, token, "another-client", iat + 60), (e) => e instanceof api.McxConnectError);
    validator.free();
    // The same token arrives in an oauth4webapi jwt-bearer request and is verified by the partner role.
    const sent = await capture(partner, oauth.None(), api.constants().grantTypeJwtBearer, { assertion: token, scope: api.scopeForService("ptt") });
    const verified = await api.parseAndVerifyJwtBearerRequest(sent, undefined, options, iat + 60);
    assert.equal(verified.value.securityToken.claims.mcptt_id, "sip:alice@primary.example");
  });
}
