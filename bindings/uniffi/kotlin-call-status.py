#!/usr/bin/env python3
"""Reuses UniFFI's per-call status in the generated Kotlin instead of making a new one per call.

UniFFI 0.32's Kotlin makes a new `UniffiRustCallStatus` (a JNA `Structure` holding a second one,
its `RustBuffer`: two native memory blocks, each registered with JNA's Cleaner) for every native
call, and a method call makes several (the handle's clone, each argument's buffer, the method,
the result's free). The profile in tests/BENCHMARKS.md ("Where a Kotlin call's time goes") puts
most of a call in the life of those objects. This rewrites the one helper every call goes
through, `uniffiRustCallWithError`, so that it takes a status from a per-thread stack and puts it
back when the call returns (or throws); a call made while another is under way on the same thread
(freeing an error's buffer) takes a second one. Each status is reset before use: code 0 and an
empty buffer, as a new one is.

The helper is matched exactly: if UniFFI's template changes, this fails and says so, rather than
leave a file half rewritten. A file already rewritten is left as it is.

In the file that declares `McxConnectException` (the core's namespace), it also gives each of its
subclasses the `message` Python's `str(e)` and Swift's `localizedDescription` show, `code:
description`, in place of UniFFI's field dump (`code=…, description=…, oauthError=…`), for which
UniFFI has no setting; `toString()`, `localizedMessage` and a logged stack trace show it too.

Usage: kotlin-call-status.py FILE.kt...   (rewrites each file in place)
"""
import re
import sys

ORIGINAL = """private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    var status = UniffiRustCallStatus()
    val return_value = callback(status)
    uniffiCheckCallStatus(errorHandler, status)
    return return_value
}
"""

POOLED = """// mcx-connect (bindings/uniffi/kotlin-call-status.py): a call's status comes from a per-thread stack
// and goes back to it, instead of a new JNA Structure per call.
// (`initialValue` rather than `ThreadLocal.withInitial`, which Android has only from API level 26.)
private val uniffiCallStatuses = object : ThreadLocal<java.util.ArrayDeque<UniffiRustCallStatus>>() {
    override fun initialValue() = java.util.ArrayDeque<UniffiRustCallStatus>(4)
}

// Not inline: the helper below is inlined into every call site, these two are not.
private fun uniffiTakeCallStatus(): UniffiRustCallStatus {
    val status = uniffiCallStatuses.get().pollFirst() ?: UniffiRustCallStatus()
    status.code = UNIFFI_CALL_SUCCESS
    status.error_buf.capacity = 0
    status.error_buf.len = 0
    status.error_buf.data = null
    return status
}

private fun uniffiGiveBackCallStatus(status: UniffiRustCallStatus) {
    uniffiCallStatuses.get().addFirst(status)
}

private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    val status = uniffiTakeCallStatus()
    try {
        val return_value = callback(status)
        uniffiCheckCallStatus(errorHandler, status)
        return return_value
    } finally {
        uniffiGiveBackCallStatus(status)
    }
}
"""

# A variant's `message` as UniFFI writes it: its fields in order (`Rejected` adds `status`).
FIELD_DUMP = re.compile(r'get\(\) = "code=\$\{ `code` \}, description=\$\{ `description` \}, '
                        r'oauthError=\$\{ `oauthError` \}(, status=\$\{ `status` \})?"')
MESSAGE = 'get() = "${ `code` }: ${ `description` }"'


def readable_error_message(path, text):
    if "sealed class McxConnectException" not in text:
        return text
    text, count = FIELD_DUMP.subn(MESSAGE, text)
    if count == 0 and MESSAGE not in text or 'get() = "code=' in text:
        sys.exit(f"kotlin-call-status: {path}: McxConnectException's message is not UniFFI's field dump "
                 "(UniFFI's Kotlin template changed: review this rewrite)")
    return text


def main(paths):
    for path in paths:
        with open(path, encoding="utf-8") as file:
            text = file.read()
        text = readable_error_message(path, text)
        if ORIGINAL not in text and text.count(POOLED) == 1:
            pass  # already rewritten: running twice changes nothing
        elif (count := text.count(ORIGINAL)) != 1:
            sys.exit(f"kotlin-call-status: {path} holds UniFFI's call helper {count} times, not once "
                     "(UniFFI's Kotlin template changed: review this rewrite)")
        with open(path, "w", encoding="utf-8") as file:
            file.write(text.replace(ORIGINAL, POOLED))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
