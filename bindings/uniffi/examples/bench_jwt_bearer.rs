//! The Rust side of `bench.sh`: times building a jwt-bearer request through the core, the same
//! call the Kotlin loop makes through the bindings. Prints `rust_ns_per_call N`.

use mcx_connect::{ClientAuthentication, EndpointPolicy, JwtBearerRequest, McService, ScopeSet};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let iterations: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let assertion = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    let run = |n: u32| {
        let mut bytes = 0usize;
        for _ in 0..n {
            let request = JwtBearerRequest::new(
                black_box(assertion),
                ClientAuthentication::client_id("mcptt-client"),
                ScopeSet::for_service(McService::Ptt),
            );
            if let Ok(http) =
                request.build(black_box("https://idms.partner.example/as/token.oauth2"), EndpointPolicy::default())
            {
                bytes += http.body.len();
            }
        }
        bytes
    };
    black_box(run(iterations / 10));
    let start = Instant::now();
    black_box(run(iterations));
    let per_call = start.elapsed().as_nanos() / u128::from(iterations.max(1));
    println!("rust_ns_per_call {per_call}");
}
