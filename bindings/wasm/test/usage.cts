// A CommonJS TypeScript file (.cts), type-checked by test.sh with `tsc --noEmit --strict` under
// `module: node16` against the installed package: `import … from "mcx-connect"` compiles to
// require(), so its types must come from the package's .d.cts declarations (test.sh checks
// that tsc read node/index.d.cts and web/index.d.cts and no ES module declaration of the package).
import {
  McxConnectError,
  buildJwtBearerRequest,
  fromFetchResponse,
  parseScope,
  readTokenResponse,
  scopeForService,
  MigrationFlow,
  type HttpRequest,
  type HttpResponse,
  type ScopeInfo,
  type TokenResponse,
} from "mcx-connect";
import init, { initSync, parseScope as parseScopeWeb } from "mcx-connect/web";
import node = require("mcx-connect/node");

const scope: ScopeInfo = parseScope("openid 3gpp:mc:ptt_service");
const request: HttpRequest = buildJwtBearerRequest("https://idms.partner.example/token", {
  assertion: "eyJhbGciOiJFUzI1NiJ9.e30.c2ln",
  client: { method: "client_id", clientId: "mcptt-client" },
  scope: scopeForService("ptt"),
});

function code(error: unknown): string | null {
  return error instanceof McxConnectError ? error.code : null;
}

// fetch: the README's line compiles from CommonJS too, and a fetch Response is read directly.
async function send(request: HttpRequest): Promise<TokenResponse> {
  const reply = await fetch(request.url, request);
  const response: HttpResponse = await fromFetchResponse(reply, { maxBodyBytes: 65536 });
  return readTokenResponse(response);
}

// The web build through require(): initialise with the wasm, then the same API.
async function browser(wasm: Uint8Array<ArrayBuffer>): Promise<boolean> {
  await init({ module_or_path: wasm });
  return parseScopeWeb("openid 3gpp:mc:video_service").hasMcx;
}
async function bareInit(): Promise<void> {
  // @ts-expect-error CommonJS has no import.meta.url to find the wasm by: the .d.cts makes init's argument required.
  await init();
}
function browserSync(wasm: WebAssembly.Module): boolean {
  initSync({ module: wasm });
  return parseScopeWeb("openid 3gpp:mc:data_service").hasMcx;
}

const sameEntry: typeof MigrationFlow = node.MigrationFlow;

export { scope, request, code, send, browser, bareInit, browserSync, sameEntry };
