// The browser consumer, bundled by Vite: the package's browser entry, initialised once
// (Vite emits mcx_connect_bg.wasm as an asset and rewrites its URL).
import init, * as mcx from "mcx-connect";
import { migrate } from "./migrate.js";

// The result is shown, and posted to the test's collector when the page has a `report` parameter.
let result;
try {
  await init();
  result = await migrate(mcx, location.origin);
} catch (e) {
  result = { failed: `${e?.code ?? ""} ${e?.message ?? e}` };
}
document.getElementById("out").textContent = JSON.stringify(result);
const report = new URLSearchParams(location.search).get("report");
if (report) await fetch(report, { method: "POST", mode: "no-cors", body: JSON.stringify(result) });
