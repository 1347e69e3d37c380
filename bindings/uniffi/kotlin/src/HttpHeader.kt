// One header field of an `HttpRequest` / `HttpResponse` (shipped in the jar beside the generated code).
// It crosses the FFI as the record `HttpHeaderField` (core/uniffi.toml maps it here). Its `toString`
// masks a credential header's value, so printing a request or a response (data classes, which print
// their headers with it) never shows an `Authorization` or `Cookie` value. Its own package, so that
// the alias `org.mcxconnect.core.HttpHeader` callers import is the one name they see.
package org.mcxconnect.http

import org.mcxconnect.redactedHeaderValue

/**
 * One header field: the name as written, and the value. `toString` shows the value of a credential
 * header (`Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`) as `[redacted]`, keeping an
 * authorization scheme, by the core's one rule ([redactedHeaderValue]); [value] holds the value itself. The
 * members are `var`, as in the other records UniFFI generates.
 */
data class HttpHeader(var name: String, var value: String) {
    override fun toString(): String = "HttpHeader(name=$name, value=${redactedHeaderValue(name, value)})"
}
