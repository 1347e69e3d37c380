// The fast path of buildTokenExchangeRequest and buildJwtBearerRequest: src/request.rs says what
// it reads and why. Any value it does not read exactly as the JSON path would gives SLOW, and the
// caller reads it the general way, which accepts it or throws its precise error. Members are read
// as JSON.stringify reads them: own enumerable string keys (Object.keys).

const encoder = new TextEncoder();
const ABSENT = 0xffffffff;
const SLOW = -1;

const wellFormed =
  typeof String.prototype.isWellFormed === "function"
    ? (text) => text.isWellFormed()
    : (text) => !/[\uD800-\uDFFF]/.test(text);

// A string, `undefined` when absent (`null` too where `nullable`), or SLOW.
function text(value, nullable) {
  if (value === undefined || (nullable && value === null)) return undefined;
  return typeof value === "string" ? value : SLOW;
}

function isPlainObject(value) {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

// A ClientAuthentication into texts[at] (clientId) and texts[at + 1] (clientSecret); returns its
// method (0 none, 1 client_id, 2 client_secret_basic, 3 client_secret_post) or SLOW.
function readClient(client, texts, at) {
  if (!isPlainObject(client)) return SLOW;
  let method;
  let id;
  let secret;
  for (const key of Object.keys(client)) {
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

// Writes texts one after the other into out (UTF-8), each one's byte length into lengths[i]
// (ABSENT for undefined) and method after them. Returns the bytes written, or, when out may be
// too small, the size to retry with (nothing written).
function write(texts, method, out, lengths) {
  let all = "";
  for (const value of texts) if (value !== undefined) all += value;
  if (all.length * 3 > out.length) return all.length * 3;
  // One copy when every character is ASCII (a byte each; no lone surrogate); else one per member.
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

// texts: tokenEndpoint, resource, subjectToken, clientId, clientSecret, scope, requestedTokenType.
function readTokenExchange(tokenEndpoint, request, out, lengths) {
  if (!isPlainObject(request)) return SLOW;
  const texts = [text(tokenEndpoint, false), undefined, undefined, undefined, undefined, undefined, undefined];
  let method = 0;
  for (const key of Object.keys(request)) {
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

// texts: tokenEndpoint, assertion, clientId, clientSecret, scope.
function readJwtBearer(tokenEndpoint, request, out, lengths) {
  if (!isPlainObject(request)) return SLOW;
  const texts = [text(tokenEndpoint, false), undefined, undefined, undefined, undefined];
  let method = SLOW;
  for (const key of Object.keys(request)) {
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

// Reads a request of shape 0 (TokenExchangeRequest) or 1 (JwtBearerRequest); never throws.
export function readRequest(shape, tokenEndpoint, request, out, lengths) {
  try {
    return (shape === 0 ? readTokenExchange : readJwtBearer)(tokenEndpoint, request, out, lengths);
  } catch {
    return SLOW; // a getter threw: the general way refuses the value
  }
}

// The core's FORM_CONTENT_TYPE (constants().formContentType; the tests compare them).
const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=UTF-8";

// The HttpRequest of a form POST to url (body: a view of the wasm memory, copied). The copy is made
// into a new array with `set`, not with `slice`: a quarter less time in V8 for a body of this size.
export function formPost(url, authorization, body) {
  const headers =
    authorization === undefined
      ? [["Content-Type", FORM_CONTENT_TYPE]]
      : [["Content-Type", FORM_CONTENT_TYPE], ["Authorization", authorization]];
  const copy = new Uint8Array(body.length);
  copy.set(body);
  return { method: "POST", url, headers, body: copy };
}
