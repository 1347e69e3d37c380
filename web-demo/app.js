// The migration console: every request is built, and every reply read, by the mcx-connect npm
// package (its web build, served under /pkg/). This file only moves bytes and draws the page.
import init, * as mcx from "/pkg/index.js";

const POLICY = { allowLoopbackHttp: true };
const SERVICE_NAMES = { ptt: "MCPTT (push to talk)", video: "MCVideo", data: "MCData" };
const LOGIN_KEY = "mcx-demo-login";
const SESSION_KEY = "mcx-demo-session";
const $ = (id) => document.getElementById(id);

let config = null;
let profile = null; // { xml, partners: PartnerSystem[], unusable: { label, error: RejectedEntry }[], xui }
let session = null; // { clientId, partner, tokens }
let migration = null; // { step, flow: mcx.MigrationFlow, claims, partnerVerdict }
const secrets = new Set();

// ---- helpers -------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child != null) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The device's clock, which the migration flow runs on, in whole seconds. */
function deviceSeconds() {
  return Math.floor(Date.now() / 1000);
}

/** The console's clock: the device's, shifted by the clock-skew control (the partner's arrival time). */
function nowSeconds() {
  return deviceSeconds() + skew();
}

function skew() {
  return Number($("clock-skew").value) || 0;
}

function remember(...values) {
  for (const value of values) if (value && value.length >= 8) secrets.add(value);
}

/** Text with every known secret replaced by a button that reveals it. */
function masked(text) {
  const fragment = document.createDocumentFragment();
  const list = [...secrets].sort((a, b) => b.length - a.length);
  if (list.length === 0) {
    fragment.append(text);
    return fragment;
  }
  const pattern = new RegExp(list.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    fragment.append(text.slice(last, match.index));
    fragment.append(secretButton(match[0]));
    last = match.index + match[0].length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

function secretButton(value) {
  const hidden = `${value.slice(0, 6)}…[${value.length} characters hidden]`;
  const button = el("button", { type: "button", class: "secret", "aria-pressed": "false", title: "Show or hide this secret" }, hidden);
  button.addEventListener("click", () => {
    const shown = button.getAttribute("aria-pressed") === "true";
    button.setAttribute("aria-pressed", String(!shown));
    button.textContent = shown ? hidden : value;
  });
  return button;
}

async function send(request, extraHeaders = []) {
  const headers = [...request.headers, ...extraHeaders];
  const shown = { ...request, headers };
  let reply;
  try {
    reply = await fetch(request.url, { method: request.method, headers, body: request.body, redirect: "manual" });
  } catch (e) {
    return { request: shown, response: null, networkError: e };
  }
  const response = { status: reply.status, headers: [...reply.headers], body: new Uint8Array(await reply.arrayBuffer()) };
  return { request: shown, response };
}

// ---- errors in words --------------------------------------------------------------------------

const OAUTH_WORDS = {
  unauthorized_client: "The partner system does not accept this console application. Ask your administrator to register it with the partner.",
  invalid_target: "Your home system has no agreement with this partner system.",
  invalid_client: "This console application is not known to the identity server.",
  invalid_scope: "The requested services are not allowed for you.",
  invalid_request: "The identity server did not understand the request.",
  unsupported_grant_type: "The identity server does not support this kind of request.",
  access_denied: "Sign-in was cancelled.",
  server_error: "The identity server had an internal problem. Try again later.",
  temporarily_unavailable: "The identity server is busy. Try again in a moment.",
};

function explain(oauthError, description, code) {
  const text = `${description ?? ""} ${code ?? ""}`;
  if (oauthError === "invalid_grant") {
    if (/expired/i.test(text)) {
      return "The partner refused the security token because it had expired: it arrived more than 30 seconds after its expiry time. Get a new security token and try again.";
    }
    if (/authorization code/i.test(text)) return "The sign-in could not be completed (the one-time sign-in code was not accepted). Sign in again.";
    return "The partner could not verify the security token issued by your home system.";
  }
  if (oauthError && OAUTH_WORDS[oauthError]) return OAUTH_WORDS[oauthError];
  if (code === "profile_missing_element" && /token-endpoint/i.test(text)) {
    return "This profile is incomplete: a partner system has no token endpoint (idms-token-endpoint), so the console cannot know where to ask for partner credentials.";
  }
  if (code === "profile_missing_element") return "This profile is incomplete: a required entry is missing.";
  if (code === "profile_endpoint_invalid") return "An address in this profile is not a secure (https) address, so it cannot be used.";
  if (code === "profile_malformed_xml") return "This is not a well-formed XML document.";
  if (code && code.startsWith("profile_")) return "This user profile cannot be used.";
  if (code === "login_state_mismatch") return "The sign-in answer does not belong to this console's request (possible forgery). Sign in again.";
  if (code === "network") return "The server could not be reached.";
  return "Something went wrong.";
}

function errorBox(oauthError, description, code) {
  return el(
    "div",
    { class: "error", role: "alert" },
    el("p", { class: "words" }, explain(oauthError, description, code)),
    el(
      "p",
      { class: "codes" },
      oauthError ? ["RFC error ", el("code", { class: "rfc-code" }, oauthError)] : null,
      // `error_response` only says the server answered with an error: its RFC code says more.
      code && code !== "error_response" ? [oauthError ? " · cause " : "cause ", el("code", { class: "cause-code" }, code)] : null,
    ),
    description ? el("p", { class: "detail" }, description) : null,
  );
}

function errorFrom(e) {
  if (e && typeof e === "object" && "code" in e) return errorBox(e.oauthError ?? null, e.description ?? e.message, e.code);
  return errorBox(null, String(e), null);
}

// ---- profile --------------------------------------------------------------------------------

const PROFILE_URLS = {
  sample: "/profiles/sample.xml",
  broken: "/profiles/one-broken-partner.xml",
  missing: "/profiles/missing-token-endpoint.xml",
};

async function loadSource(source) {
  const url = PROFILE_URLS[source];
  if (!url) {
    $("profile-xml").value = "";
    $("profile-xml").focus();
    return;
  }
  $("profile-xml").value = await (await fetch(url)).text();
  readProfile();
}

function readProfile() {
  const out = $("profile-result");
  out.replaceChildren();
  profile = null;
  const xml = $("profile-xml").value;
  try {
    profile = { xml, ...readUserProfile(xml) };
  } catch (e) {
    out.append(errorFrom(e));
  }
  if (profile) {
    const { partners, unusable, xui } = profile;
    const usable = unusable.length ? `${partners.length} of ${partners.length + unusable.length} partner systems usable` : `${partners.length} partner system(s)`;
    out.append(el("p", { class: "ok" }, `Profile read: ${SERVICE_NAMES[partners[0]?.service] ?? "MC"} user ${xui ?? ""}, ${usable}.`));
    if (unusable.length) out.append(el("p", { class: "hint" }, "Why the others cannot be used is shown with the partner systems below."));
  }
  renderPartners();
}

/**
 * The core reads the profile: the usable partner systems, and the ones it could not use (no token
 * endpoint, an address that is not https), each with the error code and words of its refusal
 * (`rejected`). One broken partner never hides the others; a document with none usable is refused.
 */
function readUserProfile(xml) {
  const parsed = mcx.UserProfile.parse(xml, POLICY);
  const unusable = parsed.rejected
    .filter((entry) => entry.kind === "partner_system")
    .map((entry, index) => ({ label: entry.id ?? `partner system ${index + 1}`, error: entry }));
  const result = { partners: parsed.partners, unusable, xui: parsed.xuiUri };
  parsed.free();
  return result;
}

function renderPartners(selectedId) {
  const box = $("partners");
  box.replaceChildren(el("legend", {}, "Partner systems per service"));
  if (!profile || profile.partners.length === 0) {
    box.disabled = true;
    box.append(el("p", { class: "hint" }, profile ? "This profile names no partner system." : "Read a usable profile first."));
    $("login").disabled = true;
    return;
  }
  box.disabled = false;
  const byService = new Map();
  for (const partner of profile.partners) {
    if (!byService.has(partner.service)) byService.set(partner.service, []);
    byService.get(partner.service).push(partner);
  }
  let first = true;
  for (const [service, partners] of byService) {
    box.append(el("h3", {}, SERVICE_NAMES[service] ?? service));
    const list = el("ul", { class: "partners" });
    for (const partner of partners) {
      const id = `partner-${service}-${partner.id}`.replace(/[^A-Za-z0-9_-]/g, "_");
      const input = el("input", { type: "radio", name: "partner", id, value: `${service} ${partner.id}` });
      if ((selectedId && partner.id === selectedId) || (!selectedId && first)) input.checked = true;
      first = false;
      list.append(
        el(
          "li",
          {},
          input,
          el(
            "label",
            { for: id },
            el("strong", {}, partner.initialConfiguration.domain),
            el("span", { class: "muted" }, ` ${partner.id}`),
            el("br"),
            el("span", { class: "endpoint" }, `token endpoint ${partner.tokenEndpoint}`),
          ),
        ),
      );
    }
    box.append(list);
  }
  if (profile.unusable.length) {
    box.append(el("h3", {}, "Not usable"));
    const list = el("ul", { class: "unusable" });
    for (const { label, error } of profile.unusable) list.append(el("li", {}, el("strong", {}, label), errorFrom(error)));
    box.append(list);
  }
  $("login").disabled = false;
}

function selectedPartner() {
  const input = document.querySelector('input[name="partner"]:checked');
  if (!input || !profile) return null;
  const [service, ...rest] = input.value.split(" ");
  const id = rest.join(" ");
  return profile.partners.find((p) => p.service === service && p.id === id) ?? null;
}

// ---- login (B.4) ------------------------------------------------------------------------------

function startLogin() {
  const partner = selectedPartner();
  if (!partner) return;
  const clientId = $("client-id").value;
  try {
    const request = new mcx.AuthorizationRequest({
      authorizationEndpoint: config.primary.authorization_endpoint,
      clientId,
      redirectUri: config.redirect_uri,
      scope: mcx.scopeForService(partner.service),
      // The home IdM server sends `iss` in its redirects (RFC 9207): a redirect from any other is refused.
      issuer: config.primary.issuer,
    });
    const url = request.url(POLICY);
    sessionStorage.setItem(LOGIN_KEY, JSON.stringify({ auth: request.save(), authUrl: url, clientId, partner, xml: profile.xml, source: $("profile-source").value }));
    request.free();
    $("login-status").textContent = "Opening the home system's sign-in page…";
    location.assign(url);
  } catch (e) {
    $("login-status").replaceChildren(errorFrom(e));
  }
}

async function finishLogin() {
  const saved = JSON.parse(sessionStorage.getItem(LOGIN_KEY) ?? "null");
  const redirect = location.href;
  history.replaceState(null, "", "/");
  if (!saved) return;
  sessionStorage.removeItem(LOGIN_KEY);
  restoreProfile(saved);
  const step = addStep("Sign in at the home system", "Authorization code with PKCE (TS 33.180 B.4): the code from the redirect is redeemed at the primary token endpoint.");
  let request;
  try {
    request = mcx.AuthorizationRequest.restore(saved.auth);
    remember(saved.auth.codeVerifier, saved.auth.state, saved.auth.nonce);
    const code = request.readResponse(redirect);
    remember(code);
    showRedirects(step, saved.authUrl, redirect);
    const http = mcx.buildAuthorizationCodeRequest(
      config.primary.token_endpoint,
      request.codeRequest(code, { method: "client_id", clientId: saved.clientId }),
      POLICY,
    );
    const exchange = await send(http);
    showExchange(step, exchange);
    const tokens = mcx.readTokenResponse(exchange.response);
    remember(tokens.accessToken, tokens.refreshToken, tokens.idToken);
    refreshMasks();
    session = { clientId: saved.clientId, partner: saved.partner, tokens };
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    step.append(el("p", { class: "ok" }, `Signed in as ${mcx.inspectToken(tokens.accessToken).claims.sub} (scope ${tokens.scope}).`));
    markStep(step, "passed");
    $("login-status").textContent = `Signed in with ${saved.clientId}. Ready to migrate to ${saved.partner.initialConfiguration.domain}.`;
    migration = newMigration();
    updateButtons();
    $("next-step").focus();
  } catch (e) {
    step.append(errorFrom(e));
    markStep(step, "failed");
    // Said next to the sign-in button, where the user acts next, and brought into view.
    $("login-status").replaceChildren(errorFrom(e));
    $("login-status").scrollIntoView({ block: "center" });
  } finally {
    request?.free();
  }
}

function restoreProfile(saved) {
  $("profile-source").value = saved.source ?? "own";
  $("profile-xml").value = saved.xml;
  readProfile();
  renderPartners(saved.partner.id);
  $("client-id").value = saved.clientId;
}

// ---- migration steps (B.7) ------------------------------------------------------------------

const MIGRATION_STEPS = [tokenExchange, inspectSecurityToken, partnerRequest];

async function nextStep() {
  if (!session || !migration || migration.step >= MIGRATION_STEPS.length || migration.busy) return;
  migration.busy = true;
  updateButtons();
  try {
    const ok = await MIGRATION_STEPS[migration.step]();
    migration.step = ok ? migration.step + 1 : MIGRATION_STEPS.length;
  } finally {
    migration.busy = false;
    updateButtons();
  }
}

async function runAll() {
  while (session && migration && migration.step < MIGRATION_STEPS.length) await nextStep();
}

/**
 * A migration of this session: the core's `MigrationFlow` (B.7) yields each request and reads each
 * reply; this page only sends them and draws them. Its clock is the device's own: the skew control
 * delays the security token's arrival at the partner, it does not change when the console sends it.
 */
function newMigration() {
  const { partner, clientId, tokens } = session;
  const flow = new mcx.MigrationFlow(
    {
      primaryTokenEndpoint: config.primary.token_endpoint,
      clientId,
      scope: mcx.scopeForService(partner.service),
      allowLoopbackHttp: POLICY.allowLoopbackHttp,
    },
    { service: partner.service, partnerSystemId: partner.id, partnerTokenEndpoint: partner.tokenEndpoint },
    tokens.accessToken,
  );
  return { step: 0, flow };
}

/** One round of the flow: its next request sent, the reply shown, then handed back to the flow. */
async function flowRound(step, extraHeaders = []) {
  const exchange = await send(migration.flow.nextRequest(deviceSeconds()), extraHeaders);
  if (!exchange.response) throw { code: "network", message: String(exchange.networkError) };
  showExchange(step, exchange);
  return migration.flow.handleResponse(exchange.response, deviceSeconds());
}

async function tokenExchange() {
  const step = addStep("Token exchange at the home system", "RFC 8693 (B.7.2): the primary access token is exchanged for a security token for the partner, named by its token endpoint in resource.");
  try {
    await flowRound(step);
    const securityToken = migration.flow.securityToken;
    remember(securityToken);
    refreshMasks();
    const lifetime = migration.flow.securityTokenExpiresAt - deviceSeconds();
    step.append(el("p", { class: "ok" }, `Security token received and checked by the core's flow (valid ${lifetime} s).`));
    markStep(step, "passed");
    return true;
  } catch (e) {
    return failStep(step, e);
  }
}

/** A failed step: the error in words on the step, and as the outcome. */
function failStep(step, e) {
  step.append(errorFrom(e));
  markStep(step, "failed");
  setOutcome("failed", e.oauthError ?? null, e.description ?? e.message, e.code);
  return false;
}

async function inspectSecurityToken() {
  const step = addStep("The security token", "Its claims, and the rules the partner applies (B.7.4). Evaluated here with this console's clock; the partner decides with its own.");
  const { header, claims } = mcx.inspectToken(migration.flow.securityToken);
  migration.claims = { header, claims };
  const table = el("table", { class: "claims" }, el("caption", {}, "Claims (decoded, not a decision)"));
  table.append(el("tr", {}, el("th", { scope: "col" }, "claim"), el("th", { scope: "col" }, "value")));
  const time = (v) => `${v} (${new Date(v * 1000).toISOString().replace(".000Z", "Z")})`;
  table.append(el("tr", {}, el("th", { scope: "row" }, "header"), el("td", {}, JSON.stringify(header))));
  for (const [name, value] of Object.entries(claims)) {
    const shown = name === "exp" || name === "iat" ? time(value) : JSON.stringify(value);
    table.append(el("tr", {}, el("th", { scope: "row" }, name), el("td", {}, shown)));
  }
  step.append(table, el("div", { id: "rules" }));
  renderRules();
  markStep(step, "passed");
  return true;
}

/**
 * The security-token rules (B.2.1.2, B.7.4, B.8) at this console's (shifted) clock, as the core
 * checks them (`checkSecurityToken`: the same rules and claim reader as the partner's validator
 * and the migration flow). The console has no keys: the core reports the signature "not
 * checked", and the console shows the partner's verdict on it once the partner has answered.
 */
function securityTokenReport() {
  const { partner, clientId } = session;
  const rules = { target: partner.tokenEndpoint, issuer: config.primary.issuer, leeway: config.leeway_seconds };
  return mcx.checkSecurityToken(migration.flow.securityToken, rules, clientId, nowSeconds());
}

const RULE_STATUS = { pass: "passed", fail: "failed", not_checked: "not-checked" };
const RULE_MARK = { passed: "✓", failed: "✗", pending: "…", "not-checked": "–" };

function renderRules() {
  const box = document.getElementById("rules");
  if (!box || !migration?.claims) return;
  let report;
  try {
    report = securityTokenReport();
  } catch (e) {
    box.replaceChildren(errorFrom(e));
    return;
  }
  const verdict = migration.partnerVerdict;
  const list = el("ul", { class: "rules", "aria-label": "Validation rules" });
  for (const rule of report.rules) {
    let status = RULE_STATUS[rule.outcome];
    let detail = rule.detail;
    if (rule.id === "signature" && rule.outcome === "not_checked") {
      // The partner checks it against the primary's JWKS: show its verdict once known.
      const refusedForKey = verdict && !verdict.ok && /signature|key/i.test(verdict.description ?? "");
      status = verdict == null ? "pending" : refusedForKey ? "failed" : "passed";
      detail = verdict == null ? `${detail} (awaiting the partner)` : `checked by the partner: ${refusedForKey ? "refused" : "accepted"}`;
    }
    list.append(el("li", { class: `rule ${status}`, "data-status": status, "data-rule": rule.id },
      el("span", { class: "mark", "aria-hidden": "true" }, RULE_MARK[status]), el("span", { class: "sr" }, `${status}: `),
      rule.clause, el("span", { class: "detail" }, ` — ${detail}`)));
  }
  const verdictText = report.passed ? "no rule fails at this clock" : `fails: ${report.failure}`;
  box.replaceChildren(el("p", { class: "hint" }, `Console clock: ${skew() >= 0 ? "+" : ""}${skew()} s; ${verdictText}.`), list);
}

async function partnerRequest() {
  const { partner } = session;
  const step = addStep(`Partner token request at ${partner.initialConfiguration.domain}`, "RFC 7523 (B.7.4): the security token is the assertion; the partner verifies it and answers with its own tokens (B.7.5).");
  try {
    const extra = skew() !== 0 ? [[config.clock_skew_header, String(skew())]] : [];
    try {
      await flowRound(step, extra);
    } catch (e) {
      migration.partnerVerdict = { ok: false, description: e.description ?? e.message };
      renderRules();
      throw e;
    }
    migration.partnerVerdict = { ok: true };
    renderRules();
    const tokens = migration.flow.partnerTokens;
    remember(tokens.accessToken, tokens.refreshToken, tokens.idToken);
    refreshMasks();
    const list = el("dl", { class: "tokens" });
    list.append(el("dt", {}, "access token"), el("dd", {}, secretButton(tokens.accessToken)));
    if (tokens.idToken) {
      const id = mcx.inspectToken(tokens.idToken).claims;
      list.append(el("dt", {}, "ID token"), el("dd", {}, secretButton(tokens.idToken), ` issuer ${id.iss}, subject ${id.sub}`));
    }
    if (tokens.refreshToken) list.append(el("dt", {}, "refresh token"), el("dd", {}, secretButton(tokens.refreshToken)));
    list.append(el("dt", {}, "scope"), el("dd", {}, tokens.scope ?? "(as requested)"), el("dt", {}, "expires in"), el("dd", {}, `${tokens.expiresIn ?? "?"} s`));
    step.append(el("h4", {}, "Partner tokens"), list);
    markStep(step, "passed");
    setOutcome("success", null, `Migrated to ${partner.initialConfiguration.domain}: partner tokens received.`);
    return true;
  } catch (e) {
    return failStep(step, e);
  }
}

// ---- drawing ----------------------------------------------------------------------------------

function addStep(title, description) {
  const item = el("li", { class: "step", "data-status": "running" }, el("h3", {}, title), el("p", { class: "hint" }, description));
  $("steps").append(item);
  item.scrollIntoView({ block: "nearest" });
  return item;
}

function markStep(item, status) {
  item.dataset.status = status;
  item.querySelector("h3").append(el("span", { class: `badge ${status}` }, status === "passed" ? " done" : " failed"));
}

function showExchange(step, { request, response }) {
  const pair = el("div", { class: "exchange" });
  const requestText = mcx.httpRequestToText(request);
  pair.append(el("details", { open: "" }, el("summary", {}, `Request: ${request.method} ${request.url}`), el("pre", { class: "http", "data-text": requestText }, masked(requestText))));
  if (response) {
    let responseText = mcx.httpResponseToText(response);
    const json = new TextDecoder().decode(response.body);
    try {
      const pretty = JSON.stringify(JSON.parse(json), null, 2);
      responseText = responseText.slice(0, responseText.length - json.length) + pretty;
    } catch {
      // not JSON: shown as sent
    }
    pair.append(el("details", { open: "" }, el("summary", {}, `Response: ${response.status}`), el("pre", { class: "http", "data-text": responseText }, masked(responseText))));
  }
  step.append(pair);
}

/** The browser half of the login: the authorization request opened, and the redirect back. */
function showRedirects(step, authUrl, redirect) {
  if (!authUrl) return;
  const lines = (url) => url.replace(/[?&]/g, (m) => `${m}\n    `);
  const pair = el("div", { class: "exchange" });
  const out = `GET ${lines(authUrl)}`;
  const back = `303 See Other\nLocation: ${lines(redirect)}`;
  pair.append(el("details", {}, el("summary", {}, "Authorization request (opened in the browser, PKCE S256 challenge)"), el("pre", { class: "http", "data-text": out }, masked(out))));
  pair.append(el("details", {}, el("summary", {}, "Redirect back with the one-time code"), el("pre", { class: "http", "data-text": back }, masked(back))));
  step.append(pair);
}

/** Masks secrets learnt after a message was drawn (e.g. the tokens inside the response itself). */
function refreshMasks() {
  for (const pre of document.querySelectorAll("pre.http")) pre.replaceChildren(masked(pre.dataset.text));
}

function setOutcome(kind, oauthError, description, code) {
  const box = $("outcome");
  box.className = kind;
  box.dataset.outcome = kind;
  box.replaceChildren(kind === "success" ? el("p", { class: "ok big" }, description) : errorBox(oauthError, description, code));
  box.scrollIntoView({ block: "nearest" });
}

function updateButtons() {
  const ready = !!session && !!migration && migration.step < MIGRATION_STEPS.length && !migration.busy;
  $("next-step").disabled = !ready;
  $("run-all").disabled = !ready;
  $("again").disabled = !session || !migration || migration.busy || migration.step === 0;
  const names = ["Next step: token exchange", "Next step: check the security token", "Next step: ask the partner"];
  $("next-step").textContent = migration && migration.step < names.length ? names[migration.step] : "Next step";
}

/** Keeps the sign-in and starts the migration again (a fresh security token). */
function again() {
  if (!session) return;
  migration?.flow.free();
  migration = newMigration();
  $("outcome").replaceChildren();
  $("outcome").className = "";
  delete $("outcome").dataset.outcome;
  updateButtons();
  $("next-step").focus();
}

function reset() {
  session = null;
  migration?.flow.free();
  migration = null;
  sessionStorage.removeItem(SESSION_KEY);
  $("steps").replaceChildren();
  $("outcome").replaceChildren();
  $("outcome").className = "";
  delete $("outcome").dataset.outcome;
  $("login-status").textContent = "";
  updateButtons();
}

// ---- start ------------------------------------------------------------------------------------

async function main() {
  try {
    await init();
    config = await (await fetch("/demo/config.json")).json();
  } catch (e) {
    $("loading").replaceChildren(errorBox(null, `The console could not load the mcx-connect package: ${e}`, null));
    return;
  }
  for (const client of config.clients) {
    const label = client.partners_accept ? `${client.client_id}` : `${client.client_id} (not registered with the partners)`;
    $("client-id").append(el("option", { value: client.client_id }, label));
  }
  $("profile-source").addEventListener("change", (e) => loadSource(e.target.value));
  $("read-profile").addEventListener("click", readProfile);
  $("profile-file").addEventListener("change", async (e) => {
    const file = e.target.files?.[0];
    if (file) loadFile(file);
  });
  const area = $("profile-xml");
  area.addEventListener("dragover", (e) => {
    e.preventDefault();
    area.classList.add("drop");
  });
  area.addEventListener("dragleave", () => area.classList.remove("drop"));
  area.addEventListener("drop", (e) => {
    e.preventDefault();
    area.classList.remove("drop");
    const file = e.dataTransfer?.files?.[0];
    if (file) loadFile(file);
  });
  $("login").addEventListener("click", startLogin);
  $("next-step").addEventListener("click", nextStep);
  $("run-all").addEventListener("click", runAll);
  $("reset").addEventListener("click", reset);
  $("again").addEventListener("click", again);
  $("clock-skew").addEventListener("input", () => {
    $("clock-skew-value").textContent = `${skew() > 0 ? "+" : ""}${skew()} s`;
    renderRules();
  });
  const params = new URLSearchParams(location.search);
  if (params.has("code") || params.has("error")) {
    await finishLogin();
  } else {
    await loadSource("sample");
  }
  $("loading").textContent = `Ready. Home system ${config.primary.issuer}; demo user ${config.user.username} / ${config.user.password}.`;
  document.body.dataset.ready = "true";
}

async function loadFile(file) {
  $("profile-source").value = "own";
  $("profile-xml").value = await file.text();
  readProfile();
}

main();
