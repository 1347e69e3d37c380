// Written by fetch-declarations.sh (tsc, from the JSDoc in fetch.js); do not edit.
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
export function fromFetchResponse(response: FetchResponseLike, options?: FromFetchResponseOptions): Promise<import("./mcx_connect.js").HttpResponse>;
/**
 * What `fromFetchResponse` reads of a fetch `Response`; the WHATWG `Response` (browsers, Node ≥ 18) has all of it.
 */
export type FetchResponseLike = {
    status: number;
    headers: {
        forEach(callback: (value: string, name: string) => void): void;
    };
    /**
     * The body stream (`ReadableStream`), read chunk by chunk up to the limit; without it `arrayBuffer()` is used.
     */
    body?: {
        getReader(): {
            read(): Promise<{
                done: boolean;
                value?: Uint8Array;
            }>;
            cancel(): Promise<void>;
        };
    } | null | undefined;
    arrayBuffer: () => Promise<ArrayBuffer>;
};
/**
 * Options of `fromFetchResponse`.
 */
export type FromFetchResponseOptions = {
    /**
     * Largest body read, in bytes (default 65536); a longer body throws `response_too_large`.
     */
    maxBodyBytes?: number | undefined;
};
