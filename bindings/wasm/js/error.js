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

// wasm-bindgen's own refusals, in JavaScript's words (package.sh points the glue's
// `__wbindgen_throw` and `_assertClass` here). Not part of the API: index.js does not export it.
const misuse = {
  "null pointer passed to rust": "the object was freed (free(), or the end of its `using` block), or is not one of this package's objects",
  "recursive use of an object detected which would lead to unsafe aliasing in rust": "the object is already in use by a call that has not returned",
  "attempted to take ownership of Rust value while it was borrowed": "the object cannot be freed while a call into it runs",
};

/** @param {string} message wasm-bindgen's message @returns {McxConnectError} */
export function misuseError(message) {
  return new McxConnectError("invalid_argument", misuse[message] ?? message.replace(/^expected instance of /, "expected an instance of "));
}
