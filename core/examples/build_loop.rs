//! A tight loop over request building, for instruction-count profiling
//! (`valgrind --tool=callgrind target/release/examples/build_loop`).

use mcx_connect::*;

fn main() -> Result<(), Error> {
    let mut total = 0usize;
    for _ in 0..10_000 {
        let request = TokenExchangeRequest::new(
            "https://idms.partner.example/as/token.oauth2",
            "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln",
        )
        .with_client(ClientAuthentication::client_id("mcptt-client"))
        .build("https://idms.primary.example/as/token.oauth2", EndpointPolicy::default())?;
        total += request.body.len();
    }
    println!("{total}");
    Ok(())
}
