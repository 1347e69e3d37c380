/** Every failure of the mcx-connect package is thrown as this class. */
export declare class McxConnectError extends Error {
  constructor(code: string, message: string, oauthError?: string, description?: string, status?: number);
  readonly name: "McxConnectError";
  /** Stable code: the core's error code (see the README's table), or `invalid_argument` for a value of the wrong shape. */
  readonly code: string;
  /** RFC 6749 / RFC 8693 error code: the server's own for `error_response`, the refusal's for a server-role rejection, else the code a server would answer this cause with; `null` when none applies. */
  readonly oauthError: string | null;
  /** The `error_description`: the server's text for `error_response`, the cause for a server-role rejection; `null` otherwise. */
  readonly description: string | null;
  /** The HTTP status of the error response a server writes for a server-role rejection; `null` otherwise. */
  readonly status: number | null;
}
