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
 * @param {{ status: number, headers: { forEach(callback: (value: string, name: string) => void): void }, body?: { getReader(): { read(): Promise<{ done: boolean, value?: Uint8Array }>, cancel(): Promise<void> } } | null, arrayBuffer(): Promise<ArrayBuffer> }} response
 * @param {{ maxBodyBytes?: number }} [options]
 * @returns {Promise<{ status: number, headers: [string, string][], body: Uint8Array }>}
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
