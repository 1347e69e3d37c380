//! Profile extraction against a bare quick-xml tokenising pass over the same bytes.
//!
//! `cargo bench --bench profile -- --warm-up-time 1 --measurement-time 3`
//!
//! Before criterion runs, a short interleaved measurement prints the throughput of each and
//! the ratio extraction / bare pass (the aim is at least 75 %).

// A benchmark must stop loudly when its document is refused.
#![allow(clippy::panic)]

use criterion::{black_box, Criterion, Throughput};
use mcx_connect::{EndpointPolicy, UserProfile};
use quick_xml::events::Event;
use quick_xml::{NsReader, Reader};
use std::time::{Duration, Instant};

#[path = "support/profile_doc.rs"]
mod profile_doc;

const PARTNERS: usize = 400;
const GROUPS: usize = 5_000;

/// What the profile reader does.
fn extract(xml: &[u8]) -> usize {
    match UserProfile::parse(xml, EndpointPolicy::default()) {
        Ok(profile) => profile.partners().len() + profile.groups().len(),
        Err(err) => panic!("benchmark document refused: {err}"),
    }
}

/// The floor: every event with namespace resolution (what the reader needs), nothing kept.
fn bare_ns_pass(xml: &[u8]) -> usize {
    let mut reader = NsReader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut events = 0;
    loop {
        match reader.read_resolved_event() {
            Ok((_, Event::Eof)) => return events,
            Ok(_) => events += 1,
            Err(err) => panic!("bare pass failed: {err}"),
        }
    }
}

/// Events only, no namespace resolution.
fn bare_pass(xml: &[u8]) -> usize {
    let mut reader = Reader::from_reader(xml);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return events,
            Ok(_) => events += 1,
            Err(err) => panic!("bare pass failed: {err}"),
        }
    }
}

fn best_of(rounds: usize, mut run: impl FnMut() -> usize) -> Duration {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            black_box(run());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn report_ratio(xml: &[u8]) {
    let mb = xml.len() as f64 / 1e6;
    let (mut extraction, mut ns_pass, mut pass) = (Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        extraction = extraction.min(best_of(4, || extract(xml)));
        ns_pass = ns_pass.min(best_of(4, || bare_ns_pass(xml)));
        pass = pass.min(best_of(4, || bare_pass(xml)));
    }
    let rate = |d: Duration| mb / d.as_secs_f64();
    println!("profile document: {} bytes, {PARTNERS} partners, {GROUPS} groups", xml.len());
    println!("  extraction (UserProfile::parse):        {:7.1} MB/s", rate(extraction));
    println!("  bare quick-xml NsReader pass:           {:7.1} MB/s", rate(ns_pass));
    println!("  bare quick-xml Reader pass (no ns):     {:7.1} MB/s", rate(pass));
    println!(
        "  ratio extraction / NsReader pass:       {:7.1} %",
        100.0 * ns_pass.as_secs_f64() / extraction.as_secs_f64()
    );
    println!(
        "  ratio extraction / Reader pass:         {:7.1} %",
        100.0 * pass.as_secs_f64() / extraction.as_secs_f64()
    );
}

fn main() {
    let xml = profile_doc::large_profile(PARTNERS, GROUPS);
    let xml = xml.as_bytes();
    report_ratio(xml);
    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("profile");
    group.throughput(Throughput::Bytes(xml.len() as u64));
    group.bench_function("extraction", |b| b.iter(|| extract(black_box(xml))));
    group.bench_function("bare_nsreader_pass", |b| b.iter(|| bare_ns_pass(black_box(xml))));
    group.bench_function("bare_reader_pass", |b| b.iter(|| bare_pass(black_box(xml))));
    group.finish();
    criterion.final_summary();
}
