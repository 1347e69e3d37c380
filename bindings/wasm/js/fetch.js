// Reads a fetch `Response` into the package's `HttpResponse` value, so a reply can go
// straight from `fetch` to `readTokenResponse`, `readTokenExchangeResponse` or
// `MigrationFlow.handleResponse`. The body is read up to `maxBodyBytes` (default 65536,
// the core's response limit); a longer body is refused with `response_too_large` and its
// stream cancelled, so a hostile server cannot make the client buffer an unbounded reply.
import { McxConnectError } from "./error.js";

const DEFAULT_MAX_BODY_BYTES = 65536;

function tooLarge() {
  return new McxConnectError("response_too_large", "the response body is over the configured limit");
}

function invalid(why) {
  return new McxConnectError("invalid_argument", `response: ${why}`);
}

/**
 * What `fromFetchResponse` reads of a fetch `Response`; the WHATWG `Response` (browsers, Node ≥ 18) has all of it.
 * @typedef {object} FetchResponseLike
 * @property {number} status
 * @property {{ forEach(callback: (value: string, name: string) => void): void }} headers
 * @property {{ getReader(): { read(): Promise<{ done: boolean, value?: Uint8Array }>, cancel(): Promise<void> } } | null} [body]
 *   The body stream (`ReadableStream`), read chunk by chunk up to the limit; without it `arrayBuffer()` is used.
 * @property {() => Promise<ArrayBuffer>} arrayBuffer
 */

/**
 * Options of `fromFetchResponse`.
 * @typedef {object} FromFetchResponseOptions
 * @property {number} [maxBodyBytes] Largest body read, in bytes (default 65536); a longer body throws `response_too_large`.
 */

/**
 * Reads a fetch `Response` into an `HttpResponse` (status, headers, body bytes) for
 * `readTokenResponse`, `readTokenExchangeResponse`, `readErrorResponse` or `MigrationFlow.handleResponse`.
 * Throws `McxConnectError`: `response_too_large` over the limit, `invalid_argument` for a value that is not a
 * Response or whose body was already read.
 * @param {FetchResponseLike} response
 * @param {FromFetchResponseOptions} [options]
 * @returns {Promise<import("./mcx_connect.js").HttpResponse>}
 */
export async function fromFetchResponse(response, options = {}) {
  if (response === null || typeof response !== "object") throw invalid("expected a fetch Response");
  if (!Number.isInteger(response.status)) throw invalid("status is not an integer");
  if (response.headers === null || typeof response.headers?.forEach !== "function") {
    throw invalid("headers is not a Headers object");
  }
  if (response.bodyUsed === true) throw invalid("the body was already read");
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(limit) || limit < 0) throw invalid("maxBodyBytes is not a non-negative integer");

  /** @type {[string, string][]} */
  const headers = [];
  response.headers.forEach((value, name) => headers.push([name, value]));
  return { status: response.status, headers, body: await readBody(response, limit) };
}

async function readBody(response, limit) {
  const stream = response.body;
  if (stream === null || stream === undefined) {
    if (typeof response.arrayBuffer !== "function") return new Uint8Array(0);
    const whole = new Uint8Array(await response.arrayBuffer());
    if (whole.length > limit) throw tooLarge();
    return whole;
  }
  const reader = stream.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}
