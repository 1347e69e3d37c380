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
    let mode = std::env::args().nth(1).unwrap_or_else(|| "parse".to_owned());
    let xml = profile_doc::large_profile(400, 5_000);
    println!("document: {} bytes", xml.len());
    // An optional second argument repeats the parse (for profilers such as `perf record`).
    let rounds: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(1);
    if mode == "bare" {
        // A bare quick-xml pass with namespace resolution, for comparison under a profiler.
        for _ in 0..rounds {
            let mut reader = quick_xml::NsReader::from_reader(xml.as_bytes());
            reader.config_mut().expand_empty_elements = true;
            let mut events = 0usize;
            while let Ok((_, event)) = reader.read_resolved_event() {
                if let quick_xml::events::Event::Eof = event {
                    break;
                }
                events += 1;
            }
            println!("events: {events}");
        }
    }
    if mode == "parse" {
        for _ in 0..rounds {
            match UserProfile::parse(xml.as_bytes(), EndpointPolicy::default()) {
                Ok(profile) => println!("partners: {}, groups: {}", profile.partners().len(), profile.groups().len()),
                Err(err) => println!("refused: {err}"),
            }
        }
    }
}
