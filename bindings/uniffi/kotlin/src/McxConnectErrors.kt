// The one error interface of the Kotlin package (shipped in the jar beside the generated code):
// every McxConnectException, whatever its concept, has `code`, `oauthError`, `description` and
// `status`, so a caller reads them without matching the subclass. UniFFI declares the fields on
// each subclass only; these properties read them from the base class.
package org.mcxconnect

import org.mcxconnect.core.McxConnectException

/** The stable code (the table in the core's `error` module; the same string in every language). */
val McxConnectException.code: String
    get() = parts().first

/** The RFC 6749 / RFC 8693 `error` a server answers this cause with, or the server's own; `null` when none applies. */
val McxConnectException.oauthError: String?
    get() = parts().second

/** The description, for people (never a token, secret, code or verifier). */
val McxConnectException.description: String
    get() = parts().third

/** The HTTP status of the error response a server writes for a refusal (`Rejected`); `null` otherwise. A
 *  `UShort`, as `Rejected`'s own `status` and `HttpResponse.status`. */
val McxConnectException.status: UShort?
    get() = (this as? McxConnectException.Rejected)?.status

private fun McxConnectException.parts(): Triple<String, String?, String> = when (this) {
    is McxConnectException.Endpoint -> Triple(code, oauthError, description)
    is McxConnectException.Scope -> Triple(code, oauthError, description)
    is McxConnectException.Request -> Triple(code, oauthError, description)
    is McxConnectException.Response -> Triple(code, oauthError, description)
    is McxConnectException.ErrorResponse -> Triple(code, oauthError, description)
    is McxConnectException.Login -> Triple(code, oauthError, description)
    is McxConnectException.Flow -> Triple(code, oauthError, description)
    is McxConnectException.Profile -> Triple(code, oauthError, description)
    is McxConnectException.Token -> Triple(code, oauthError, description)
    is McxConnectException.Rejected -> Triple(code, oauthError, description)
    is McxConnectException.Other -> Triple(code, oauthError, description)
}
