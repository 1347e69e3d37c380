// The browser consumer, bundled by Vite: the package's browser entry, initialised once
// (Vite emits mcx_connect_bg.wasm as an asset and rewrites its URL).
import init, * as mcx from "mcx-connect";
import { migrate } from "./migrate.js";

const out = document.getElementById("out");
try {
  await init();
  out.textContent = JSON.stringify(await migrate(mcx, location.origin));
} catch (e) {
  out.textContent = JSON.stringify({ failed: `${e?.code ?? ""} ${e?.message ?? e}` });
}
