// The fast path of `buildTokenExchangeRequest` and `buildJwtBearerRequest` (src/request.rs): the
// request's string members go into the wasm memory with one `TextEncoder.encodeInto`, and the
// built POST comes back as its `Authorization` value and the body bytes, instead of a JSON
// document each way (JSON.stringify, serde_json and JSON.parse were two thirds of a call).
//
// The read takes only the plain shape it can read exactly as the JSON path would: a plain object
// whose own enumerable members are the request's known members, each a string where a string is
// expected (an `undefined` member is absent, as JSON.stringify leaves it out). Anything else (an
// unknown member, a wrong type, `audience` or `actorToken`, a string with a lone surrogate, a
// class instance, a getter that throws) returns SLOW, and the caller reads the value the general
// way, which throws its precise error or accepts it: the fast path never decides what is valid.
// The Rust side checks what it is given again (lengths, UTF-8, the client's method) and goes the
// general way on any doubt.

const encoder = new TextEncoder();
/** The length written for an absent member. */
const ABSENT = 0xffffffff;
/** The request is not in the plain shape: read it the general way. */
const SLOW = -1;

const wellFormed =
  typeof String.prototype.isWellFormed === "function"
    ? (text) => text.isWellFormed()
    : (text) => !/[\uD800-\uDFFF]/.test(text);

/** A string to copy as it is, `undefined` for absent (`null` too where `nullable`), or SLOW. */
function text(value, nullable) {
  if (value === undefined || (nullable && value === null)) return undefined;
  return typeof value === "string" ? value : SLOW;
}

function isPlainObject(value) {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Reads a `ClientAuthentication` into `texts[at]` (clientId) and `texts[at + 1]` (clientSecret);
 * returns its method (0 none, 1 client_id, 2 client_secret_basic, 3 client_secret_post), or SLOW.
 */
function readClient(client, texts, at) {
  if (!isPlainObject(client)) return SLOW;
  let method;
  let id;
  let secret;
  for (const key in client) {
    const value = client[key];
    if (value === undefined) continue;
    if (key === "method") method = value;
    else if (key === "clientId") id = text(value, false);
    else if (key === "clientSecret") secret = text(value, false);
    else return SLOW;
  }
  if (id === SLOW || secret === SLOW) return SLOW;
  texts[at] = id;
  texts[at + 1] = secret;
  if (method === "none" && id === undefined && secret === undefined) return 0;
  if (method === "client_id" && id !== undefined && secret === undefined) return 1;
  if (id === undefined || secret === undefined) return SLOW;
  if (method === "client_secret_basic") return 2;
  if (method === "client_secret_post") return 3;
  return SLOW;
}

/**
 * Writes `texts` one after the other into `out` (UTF-8), each one's byte length into
 * `lengths[i]` (ABSENT for `undefined`) and `method` into `lengths[texts.length]`. Returns the bytes
 * written; when `out` may be too small, writes nothing and returns the size to retry with.
 */
function write(texts, method, out, lengths) {
  let all = "";
  for (const value of texts) if (value !== undefined) all += value;
  if (all.length * 3 > out.length) return all.length * 3;
  // One copy when every character is ASCII (a byte each); else one per member.
  let offset = encoder.encodeInto(all, out).written;
  const ascii = offset === all.length;
  if (!ascii) offset = 0;
  for (let i = 0; i < texts.length; i++) {
    const value = texts[i];
    if (value === undefined) {
      lengths[i] = ABSENT;
    } else if (ascii) {
      lengths[i] = value.length;
    } else {
      if (!wellFormed(value)) return SLOW;
      lengths[i] = encoder.encodeInto(value, out.subarray(offset)).written;
      offset += lengths[i];
    }
  }
  lengths[texts.length] = method;
  return offset;
}

/**
 * A `TokenExchangeRequest`: texts tokenEndpoint, resource, subjectToken, clientId, clientSecret,
 * scope, requestedTokenType; then the client method. Returns the bytes written, the size to retry
 * with, or SLOW.
 * @param {unknown} tokenEndpoint
 * @param {unknown} request
 * @param {Uint8Array} out
 * @param {Uint32Array} lengths
 * @returns {number}
 */
function readTokenExchange(tokenEndpoint, request, out, lengths) {
  if (!isPlainObject(request)) return SLOW;
  const texts = [text(tokenEndpoint, false), undefined, undefined, undefined, undefined, undefined, undefined];
  let method = 0;
  for (const key in request) {
    const value = request[key];
    if (value === undefined) continue;
    if (key === "resource") texts[1] = text(value, false);
    else if (key === "subjectToken") texts[2] = text(value, false);
    else if (key === "client") method = readClient(value, texts, 3);
    else if (key === "scope") texts[5] = text(value, true);
    else if (key === "requestedTokenType") texts[6] = text(value, true);
    else return SLOW;
  }
  if (method === SLOW || texts.includes(SLOW)) return SLOW;
  if (texts[0] === undefined || texts[1] === undefined || texts[2] === undefined) return SLOW;
  return write(texts, method, out, lengths);
}

/**
 * A `JwtBearerRequest`: texts tokenEndpoint, assertion, clientId, clientSecret, scope; then the
 * client method. Returns the bytes written, the size to retry with, or SLOW.
 * @param {unknown} tokenEndpoint
 * @param {unknown} request
 * @param {Uint8Array} out
 * @param {Uint32Array} lengths
 * @returns {number}
 */
function readJwtBearer(tokenEndpoint, request, out, lengths) {
  if (!isPlainObject(request)) return SLOW;
  const texts = [text(tokenEndpoint, false), undefined, undefined, undefined, undefined];
  let method = SLOW;
  for (const key in request) {
    const value = request[key];
    if (value === undefined) continue;
    if (key === "assertion") texts[1] = text(value, false);
    else if (key === "client") method = readClient(value, texts, 2);
    else if (key === "scope") texts[4] = text(value, false);
    else return SLOW;
  }
  if (method === SLOW || texts.includes(SLOW)) return SLOW;
  if (texts[0] === undefined || texts[1] === undefined || texts[4] === undefined) return SLOW;
  return write(texts, method, out, lengths);
}

/**
 * Reads a request of `shape` (0 `TokenExchangeRequest`, 1 `JwtBearerRequest`) with the
 * `tokenEndpoint` argument. Returns the bytes written, the size to retry with, or SLOW; never throws.
 * @param {number} shape
 * @param {unknown} tokenEndpoint
 * @param {unknown} request
 * @param {Uint8Array} out
 * @param {Uint32Array} lengths
 * @returns {number}
 */
export function readRequest(shape, tokenEndpoint, request, out, lengths) {
  try {
    return (shape === 0 ? readTokenExchange : readJwtBearer)(tokenEndpoint, request, out, lengths);
  } catch {
    return SLOW; // a getter threw: the general way refuses the value
  }
}

/** The form's media type (the core's `FORM_CONTENT_TYPE`, `constants().formContentType`). */
const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=UTF-8";

/**
 * The `HttpRequest` value of the usual built request: a form POST to `url`, with an
 * `Authorization` header when `authorization` is given; `body` is a view of the wasm memory, copied.
 * @param {string} url
 * @param {string | undefined} authorization
 * @param {Uint8Array} body
 */
export function formPost(url, authorization, body) {
  const headers = [["Content-Type", FORM_CONTENT_TYPE]];
  if (authorization !== undefined) headers.push(["Authorization", authorization]);
  return { method: "POST", url, headers, body: body.slice() };
}
