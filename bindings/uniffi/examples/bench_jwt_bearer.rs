//! The Rust side of `bench.sh`: times building a B.7.4 jwt-bearer request through the core, the
//! same calls the Kotlin loop makes through the bindings, and prints
//! `rust_build_ns N` (build of a prepared request) and `rust_full_ns N` (scope set, request and
//! build, as an app does it).

use mcx_connect::{ClientAuthentication, EndpointPolicy, JwtBearerRequest, McService, ScopeSet};
use std::hint::black_box;
use std::time::Instant;

const ASSERTION: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
const ENDPOINT: &str = "https://idms.partner.example/as/token.oauth2";

fn full() -> usize {
    let request = JwtBearerRequest::new(
        black_box(ASSERTION),
        ClientAuthentication::client_id("mcptt-client"),
        ScopeSet::for_service(McService::Ptt),
    );
    request.build(black_box(ENDPOINT), EndpointPolicy::default()).map_or(0, |http| http.body.len())
}

/// Nanoseconds per call: the best of five rounds (the machine is shared; the minimum is the
/// figure least disturbed by other load), after a warm-up round.
fn time_per_call(iterations: u32, mut call: impl FnMut() -> usize) -> u128 {
    let round = (iterations / 5).max(1);
    let mut bytes = 0usize;
    for _ in 0..round {
        bytes += call();
    }
    let mut best = u128::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        for _ in 0..round {
            bytes += call();
        }
        best = best.min(start.elapsed().as_nanos() / u128::from(round));
    }
    black_box(bytes);
    best
}

fn main() {
    let iterations: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let prepared = JwtBearerRequest::new(
        ASSERTION,
        ClientAuthentication::client_id("mcptt-client"),
        ScopeSet::for_service(McService::Ptt),
    );
    let build = || prepared.build(black_box(ENDPOINT), EndpointPolicy::default()).map_or(0, |http| http.body.len());
    println!("rust_build_ns {}", time_per_call(iterations, build));
    println!("rust_full_ns {}", time_per_call(iterations, full));
}
