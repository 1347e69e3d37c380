// The one error interface of the Swift package (shipped beside the generated code): every
// McxConnectError, whatever its concept, has `code`, `oauthError`, `description` and `status`;
// `"\(error)"` is the description, and `String(reflecting:)` and `localizedDescription` (UniFFI's
// `errorDescription`, a reflection dump before) are `code: description`.
import Foundation

extension McxConnectError: CustomStringConvertible, CustomDebugStringConvertible {
    private var parts: (code: String, description: String, oauthError: String?) {
        switch self {
        case .Endpoint(let c, let d, let o), .Scope(let c, let d, let o), .Request(let c, let d, let o),
             .Response(let c, let d, let o), .ErrorResponse(let c, let d, let o), .Login(let c, let d, let o),
             .Flow(let c, let d, let o), .Profile(let c, let d, let o), .Token(let c, let d, let o),
             .Rejected(let c, let d, let o, _), .Other(let c, let d, let o):
            return (c, d, o)
        }
    }

    /// The stable code (the table in the core's `error` module; the same string in every language).
    public var code: String { parts.code }
    /// The RFC 6749 / RFC 8693 `error` a server answers this cause with, or the server's own; `nil` when none applies.
    public var oauthError: String? { parts.oauthError }
    /// The description, for people (never a token, secret, code or verifier).
    public var description: String { parts.description }
    /// The HTTP status of the error response a server writes for a refusal (`Rejected`); `nil` otherwise.
    public var status: UInt16? {
        if case .Rejected(_, _, _, let status) = self { return status }
        return nil
    }
    /// `code: description`, what `String(reflecting:)` and `localizedDescription` show.
    public var debugDescription: String { "\(code): \(description)" }
}
