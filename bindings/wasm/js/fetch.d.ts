import type { HttpResponse } from "./mcx_connect.js";

/** What `fromFetchResponse` reads of a fetch `Response`; the WHATWG `Response` (browsers, Node ≥ 18) has all of it. */
export interface FetchResponseLike {
  readonly status: number;
  readonly headers: { forEach(callback: (value: string, name: string) => void): void };
  /** The body stream (`ReadableStream`), read chunk by chunk up to the limit; without it `arrayBuffer()` is used. */
  readonly body?: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> } } | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Options of `fromFetchResponse`. */
export interface FromFetchResponseOptions {
  /** Largest body read, in bytes (default 65536); a longer body throws `response_too_large`. */
  maxBodyBytes?: number;
}

/**
 * Reads a fetch `Response` into an `HttpResponse` (status, headers, body bytes) for
 * `readTokenResponse`, `readTokenExchangeResponse`, `readErrorResponse` or `MigrationFlow.handleResponse`.
 * Throws `McxConnectError`: `response_too_large` over the limit, `invalid_argument` for a value that is not a
 * Response or whose body was already read.
 */
export declare function fromFetchResponse(response: FetchResponseLike, options?: FromFetchResponseOptions): Promise<HttpResponse>;
