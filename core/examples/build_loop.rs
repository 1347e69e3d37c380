//! A tight loop over request building, for instruction-count profiling:
//! `valgrind --tool=callgrind target/release/examples/build_loop [exchange|jwt-bearer]`.

use mcx_connect::*;

const ASSERTION: &str = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";

fn main() -> Result<(), Error> {
    let jwt_bearer = std::env::args().nth(1).as_deref() == Some("jwt-bearer");
    let mut total = 0usize;
    for _ in 0..10_000 {
        let request = if jwt_bearer {
            JwtBearerRequest::new(
                ASSERTION,
                ClientAuthentication::client_id("mcptt-client"),
                ScopeSet::for_service(McService::Ptt),
            )
            .build("https://idms.partner.example/as/token.oauth2", EndpointPolicy::default())?
        } else {
            TokenExchangeRequest::new("https://idms.partner.example/as/token.oauth2", ASSERTION)
                .with_client(ClientAuthentication::client_id("mcptt-client"))
                .build("https://idms.primary.example/as/token.oauth2", EndpointPolicy::default())?
        };
        total += request.body.len();
    }
    println!("{total}");
    Ok(())
}
