// One header field of an `HttpRequest` / `HttpResponse` (the record `HttpHeaderField`, named
// `HttpHeader`): its description masks a credential header's value, so printing a request or a
// response (whose default description prints each header's `debugDescription`) never shows an
// `Authorization` or `Cookie` value.

extension HttpHeaderField: CustomStringConvertible, CustomDebugStringConvertible {
    /// The header with a credential header's value (`Authorization`, `Proxy-Authorization`, `Cookie`,
    /// `Set-Cookie`) shown as `[redacted]`, keeping an authorization scheme, by the core's one rule
    /// (`redactedHeaderValue`); `value` holds the value itself.
    public var description: String {
        "HttpHeader(name: \(name), value: \(redactedHeaderValue(name: name, value: value)))"
    }

    /// The same as `description`.
    public var debugDescription: String { description }
}
