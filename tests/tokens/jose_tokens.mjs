// Signs the interop tokens with `jose` (an independent JOSE library for JavaScript).
// Reads keys.json, writes jose_tokens.json. Run by generate.sh; see README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { SignJWT, importJWK } from 'jose';

const here = new URL('.', import.meta.url);
const keys = JSON.parse(readFileSync(new URL('keys.json', here), 'utf8'));
const claims = JSON.parse(readFileSync(new URL('claims.json', here), 'utf8'));
const version = JSON.parse(readFileSync(new URL('node_modules/jose/package.json', here), 'utf8')).version;

const jobs = [
  ['p256-1', 'ES256'],
  ['p384-1', 'ES384'],
  ['rsa-1', 'RS256'],
  ['rsa-1', 'PS256'],
  ['ed-1', 'EdDSA'],
];

const tokens = [];
for (const [kid, alg] of jobs) {
  const jwk = keys.private.find((k) => k.kid === kid);
  const key = await importJWK(jwk, alg);
  const token = await new SignJWT(claims.security).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(key);
  tokens.push({ library: `jose ${version}`, alg, kid, token });
}
writeFileSync(new URL('jose_tokens.json', here), JSON.stringify({ generator: `jose ${version} (npm), node ${process.version}`, tokens }, null, 1) + '\n');
console.log(`jose ${version}: ${tokens.length} tokens`);
