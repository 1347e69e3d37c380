// Installs the packed npm tarball of mcx-connect into a fresh temporary folder, as a user
// would, and imports it from there (Node resolves the package's `exports` map: the `node`
// entry). The tarball is $MCX_CONNECT_TARBALL, or the one build.sh recorded last in
// $MCX_NPM_DIR (default $CARGO_TARGET_DIR/npm, $CARGO_TARGET_DIR defaulting as in build.sh).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir, homedir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export function tarballPath() {
  if (process.env.MCX_CONNECT_TARBALL) return process.env.MCX_CONNECT_TARBALL;
  const target = process.env.CARGO_TARGET_DIR || join(homedir(), ".cache", "mcx-connect", "target");
  const recorded = join(process.env.MCX_NPM_DIR || join(target, "npm"), "LATEST");
  return readFileSync(recorded, "utf8").trim();
}

const installed = new Map();

/**
 * Installs the tarball once per process and project `type` ("module", or "commonjs" for a
 * CommonJS project); returns the folder that holds node_modules/mcx-connect.
 */
export function installPackage({ type = "module" } = {}) {
  if (installed.has(type)) return installed.get(type);
  const folder = mkdtempSync(join(tmpdir(), "mcx-connect-npm-"));
  writeFileSync(join(folder, "package.json"), JSON.stringify({ name: "consumer", private: true, type }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarballPath()], {
    cwd: folder,
    stdio: ["ignore", "ignore", "inherit"],
  });
  installed.set(type, folder);
  return folder;
}

/** Imports the installed package the way a consumer in `folder` would (`import "mcx-connect"`). */
export async function importPackage() {
  const folder = installPackage();
  // A tiny module inside the consumer folder resolves the bare specifier through node_modules.
  const shim = join(folder, "load.mjs");
  writeFileSync(shim, 'export * as api from "mcx-connect";\n');
  return (await import(pathToFileURL(shim).href)).api;
}
