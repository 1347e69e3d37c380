// The Kotlin side of bindings/uniffi/bench.sh: the jwt-bearer build of examples/bench_jwt_bearer.rs,
// through the bindings. Prints `kotlin_build_ns N` and `kotlin_full_ns N`.
package org.mcxconnect.test

import org.mcxconnect.*
import org.mcxconnect.core.*

private const val BENCH_ASSERTION = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl"
private const val BENCH_ENDPOINT = "https://idms.partner.example/as/token.oauth2"

// Nanoseconds per call: the best of five rounds after a warm-up round, as in the Rust example.
private fun timePerCall(iterations: Int, call: () -> Int): Long {
    val round = maxOf(iterations / 5, 1)
    var bytes = 0L
    repeat(round) { bytes += call() }
    var best = Long.MAX_VALUE
    repeat(5) {
        val start = System.nanoTime()
        repeat(round) { bytes += call() }
        best = minOf(best, (System.nanoTime() - start) / round)
    }
    if (bytes == 42L) println()
    return best
}

fun benchMain(iterations: Int) {
    val client = ClientAuthentication.ClientId("mcptt-client")
    val policy = EndpointPolicy()
    val prepared = JwtBearerRequest(Secret(BENCH_ASSERTION), client, ScopeSet.forService(McService.PTT))
    // JIT warm-up on top of the measured loops' own warm-up tenth.
    timePerCall(iterations) { prepared.build(BENCH_ENDPOINT, policy).body.size }
    println("kotlin_build_ns ${timePerCall(iterations) { prepared.build(BENCH_ENDPOINT, policy).body.size }}")
    val full = {
        Secret(BENCH_ASSERTION).use { assertion ->
            ScopeSet.forService(McService.PTT).use { scope ->
                JwtBearerRequest(assertion, client, scope).use { it.build(BENCH_ENDPOINT, policy).body.size }
            }
        }
    }
    timePerCall(iterations, full)
    println("kotlin_full_ns ${timePerCall(iterations, full)}")
}
