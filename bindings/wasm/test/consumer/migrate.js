// One migration against the demo server (web-demo/server), as a consumer project writes it
// with the published package: login with PKCE (B.4), then the MigrationFlow (B.7): token
// exchange at the primary, jwt-bearer request at the partner. Every request goes out with
// `fetch(request.url, request)` and every reply comes back through `fromFetchResponse`.
// Shared by the Node script (node.mjs) and the Vite-bundled browser page (main.js).
const POLICY = { allowLoopbackHttp: true };

export async function migrate(mcx, base) {
  const config = await (await fetch(`${base}/demo/config.json`)).json();
  const clientId = config.clients.find((c) => c.partners_accept).client_id;
  const partner = config.partners[0];
  const scope = mcx.scopeForService("ptt");

  // B.4: the authorization request, the demo's sign-in form submitted as a user would, the redirect read.
  const login = new mcx.AuthorizationRequest({
    authorizationEndpoint: config.primary.authorization_endpoint,
    clientId,
    redirectUri: config.redirect_uri,
    scope,
  });
  const authorizeUrl = new URL(login.url(POLICY));
  const form = new URLSearchParams({
    request: authorizeUrl.search.slice(1),
    username: config.user.username,
    password: config.user.password,
    action: "allow",
  });
  const redirected = await fetch(config.primary.authorization_endpoint, { method: "POST", body: form });
  const code = login.readResponse(redirected.url);
  const codeRequest = mcx.buildAuthorizationCodeRequest(
    config.primary.token_endpoint,
    login.codeRequest(code, { method: "client_id", clientId }),
    POLICY,
  );
  login.free();
  const primary = mcx.readTokenResponse(await mcx.fromFetchResponse(await fetch(codeRequest.url, codeRequest)));

  // B.7: the migration flow; the host does the I/O.
  const flow = new mcx.MigrationFlow(
    { primaryTokenEndpoint: config.primary.token_endpoint, clientId, scope, allowLoopbackHttp: true },
    { service: "ptt", partnerSystemId: partner.id, partnerTokenEndpoint: partner.token_endpoint },
    primary.accessToken,
  );
  const steps = [];
  for (let i = 0; i < 4 && !flow.isCompleted && flow.failure === null; i++) {
    const request = flow.nextRequest(Math.floor(Date.now() / 1000));
    const reply = await fetch(request.url, request);
    steps.push(flow.handleResponse(await mcx.fromFetchResponse(reply), Math.floor(Date.now() / 1000)));
  }
  const result = {
    steps,
    completed: flow.isCompleted,
    failure: flow.failure,
    partnerTokenType: flow.partnerTokens?.tokenType ?? null,
    partnerAccessToken: typeof flow.partnerTokens?.accessToken === "string" && flow.partnerTokens.accessToken.length > 0,
  };
  flow.free();
  return result;
}
