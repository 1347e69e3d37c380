//! Peak memory of reading the large benchmark profile. Run it under `/usr/bin/time -v` twice:
//!
//! ```text
//! cargo build --release --example profile_memory
//! /usr/bin/time -v target/release/examples/profile_memory generate   # document only
//! /usr/bin/time -v target/release/examples/profile_memory parse      # document + parse
//! ```
//!
//! The difference of "Maximum resident set size" is what parsing costs. (A counting global
//! allocator would need `unsafe`, which the workspace forbids in every target.)

use mcx_connect::{EndpointPolicy, UserProfile};

#[path = "../benches/support/profile_doc.rs"]
mod profile_doc;

fn main() {
    let mode = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "parse".to_owned());
    let xml = profile_doc::large_profile(400, 5_000);
    println!("document: {} bytes", xml.len());
    if mode == "parse" {
        match UserProfile::parse(xml.as_bytes(), EndpointPolicy::default()) {
            Ok(profile) => println!(
                "partners: {}, groups: {}",
                profile.partners().len(),
                profile.groups().len()
            ),
            Err(err) => println!("refused: {err}"),
        }
    }
}
