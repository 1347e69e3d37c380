//! Peak memory and instruction counts of reading the benchmark profiles. Run it under
//! `/usr/bin/time -v` twice:
//!
//! ```text
//! cargo build --release --example profile_memory
//! /usr/bin/time -v target/release/examples/profile_memory generate   # document only
//! /usr/bin/time -v target/release/examples/profile_memory parse      # document + parse
//! ```
//!
//! The difference of "Maximum resident set size" is what parsing costs. (A counting global
//! allocator would need `unsafe`, which the workspace forbids in every target.)
//!
//! Under `valgrind --tool=callgrind` the same modes count instructions; an optional second
//! argument repeats the pass (`parse 3`), so that `parse 3` minus `generate` is three
//! extractions. `bare` is a bare quick-xml `NsReader` pass over the same document. The
//! benchmark's 3.85 MB documents (hostile against benign, `benches/profile.rs`) are read with
//! `large`, `attributes`, `duplicate`, `elements` and `declarations`; subtract the same mode
//! prefixed with `generate-` (`generate-attributes`), which builds the document and reads nothing.

use mcx_connect::{EndpointPolicy, UserProfile};

#[path = "../benches/support/profile_doc.rs"]
mod profile_doc;

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "parse".to_owned());
    // An optional second argument repeats the pass (for callgrind or `perf record`).
    let rounds: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(1);
    // `generate-<mode>` builds the document of `<mode>` and reads nothing.
    let (generate_only, shape) = match mode.strip_prefix("generate-") {
        Some(shape) => (true, shape),
        None => (mode == "generate", mode.as_str()),
    };
    let xml = match shape {
        "generate" | "parse" | "bare" => profile_doc::large_profile(400, 5_000),
        _ => {
            let large = profile_doc::large_profile(600, 7_500);
            match shape {
                "large" => large,
                _ => match profile_doc::hostile_profile(shape, large.len()) {
                    Some(xml) => xml,
                    None => {
                        eprintln!("unknown mode `{mode}`");
                        std::process::exit(2);
                    }
                },
            }
        }
    };
    println!("document: {} bytes", xml.len());
    if generate_only {
        return;
    }
    if shape == "bare" {
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
    } else {
        for _ in 0..rounds {
            match UserProfile::parse(xml.as_bytes(), EndpointPolicy::default()) {
                Ok(profile) => println!("partners: {}, groups: {}", profile.partners().len(), profile.groups().len()),
                Err(err) => println!("refused: {}", err.code()),
            }
        }
    }
}
