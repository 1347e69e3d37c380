//! Request building and parsing against a hand-written baseline measured in the same run.
//!
//! The baseline writes the same bytes with one `format!` from values known to need no
//! escaping — the least work any implementation can do. The ratio (ours / baseline) is the
//! figure to report; `make bench` prints it.

use criterion::{black_box, criterion_group, Criterion};
use mcx_connect::*;
use std::time::Duration;

const PRIMARY: &str = "https://idms.primary.example/as/token.oauth2";
const PARTNER: &str = "https://idms.partner.example/as/token.oauth2";
const PARTNER_ENCODED: &str = "https%3A%2F%2Fidms.partner.example%2Fas%2Ftoken.oauth2";
const ACCESS_TOKEN: &str = "eyJhbGciOiJFUzI1NiIsImtpZCI6InByaW1hcnkifQ.eyJpc3MiOiJodHRwczovL2lkbXMucHJpbWFyeS5leGFtcGxlIiwic3ViIjoiYWxpY2UifQ.MEUCIQDx";

fn hand_written_exchange() -> (String, Vec<(String, String)>, Vec<u8>) {
    let body = format!(
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&resource={PARTNER_ENCODED}&subject_token={ACCESS_TOKEN}&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt&client_id=mcptt-client"
    );
    (PRIMARY.to_owned(), vec![("Content-Type".to_owned(), FORM_CONTENT_TYPE.to_owned())], body.into_bytes())
}

fn hand_written_jwt_bearer() -> (String, Vec<(String, String)>, Vec<u8>) {
    let body = format!(
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion={ACCESS_TOKEN}&client_id=mcptt-client&scope=openid+3gpp%3Amc%3Aptt_service+3gpp%3Amc%3Aptt_key_management_service+3gpp%3Amc%3Aptt_config_management_service+3gpp%3Amc%3Aptt_group_management_service"
    );
    (PARTNER.to_owned(), vec![("Content-Type".to_owned(), FORM_CONTENT_TYPE.to_owned())], body.into_bytes())
}

fn ours_exchange() -> HttpRequest {
    TokenExchangeRequest::new(PARTNER, ACCESS_TOKEN)
        .with_client(ClientAuthentication::client_id("mcptt-client"))
        .build(PRIMARY, EndpointPolicy::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn ours_jwt_bearer() -> HttpRequest {
    JwtBearerRequest::new(
        ACCESS_TOKEN,
        ClientAuthentication::client_id("mcptt-client"),
        ScopeSet::for_service(McService::Ptt),
    )
    .build(PARTNER, EndpointPolicy::default())
    .unwrap_or_else(|e| panic!("{e}"))
}

fn requests(c: &mut Criterion) {
    assert_eq!(ours_exchange().body, hand_written_exchange().2, "the baseline must write the same bytes");
    assert_eq!(ours_jwt_bearer().body, hand_written_jwt_bearer().2, "the baseline must write the same bytes");
    let mut group = c.benchmark_group("requests");
    group.bench_function("exchange_build/baseline_format", |b| b.iter(|| black_box(hand_written_exchange())));
    group.bench_function("exchange_build/mcx_connect", |b| b.iter(|| black_box(ours_exchange())));
    group.bench_function("jwt_bearer_build/baseline_format", |b| b.iter(|| black_box(hand_written_jwt_bearer())));
    group.bench_function("jwt_bearer_build/mcx_connect", |b| b.iter(|| black_box(ours_jwt_bearer())));
    let exchange = ours_exchange();
    let jwt_bearer = ours_jwt_bearer();
    group.bench_function("exchange_parse_strict/mcx_connect", |b| {
        b.iter(|| black_box(TokenExchangeRequest::parse(black_box(&exchange), &ParseOptions::strict())))
    });
    group.bench_function("jwt_bearer_parse_strict/mcx_connect", |b| {
        b.iter(|| black_box(JwtBearerRequest::parse(black_box(&jwt_bearer), &ParseOptions::strict())))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2)).sample_size(30);
    targets = requests
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    print_ratios();
}

/// Reads criterion's estimates of this run and prints ours / baseline.
fn print_ratios() {
    let dir = std::path::Path::new(&std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()))
        .join("criterion/requests");
    let mean = |name: &str| -> Option<f64> {
        let path = dir.join(name.replace('/', "_")).join("new/estimates.json");
        let path = if path.exists() { path } else { dir.join(name).join("new/estimates.json") };
        let text = std::fs::read_to_string(path).ok()?;
        let value: serde_json::Value = serde_json::from_str(&text).ok()?;
        value.get("mean")?.get("point_estimate")?.as_f64()
    };
    for op in ["exchange_build", "jwt_bearer_build"] {
        match (mean(&format!("{op}/mcx_connect")), mean(&format!("{op}/baseline_format"))) {
            (Some(ours), Some(base)) => {
                println!("ratio {op}: mcx_connect {ours:.0} ns / format! {base:.0} ns = {:.2}x", ours / base)
            }
            _ => println!("ratio {op}: estimates not found under {}", dir.display()),
        }
    }
}
