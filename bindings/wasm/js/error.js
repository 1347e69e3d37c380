// The one error class of the mcx-connect package. The Rust side constructs it (through a
// wasm-bindgen import of this file) for every failure, so callers can rely on
// `err instanceof McxConnectError` and on the stable `err.code`.
export class McxConnectError extends Error {
  /**
   * @param {string} code stable code (the core's `Error::code`, or `invalid_argument`)
   * @param {string} message human description (never quotes a secret)
   * @param {string | undefined} oauthError RFC 6749 / RFC 8693 error code, when one applies
   * @param {string | undefined} description the `error_description` a server would send
   * @param {number | undefined} status the HTTP status of the error response a server writes
   */
  constructor(code, message, oauthError, description, status) {
    super(message);
    this.name = "McxConnectError";
    this.code = code;
    this.oauthError = oauthError ?? null;
    this.description = description ?? null;
    this.status = status ?? null;
  }
}
