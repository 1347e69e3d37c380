//! The `mcx-connect` binary run as a user runs it: arguments, files, standard input, exit status
//! (0 valid, 1 invalid input, 2 usage error), `--json` shapes and redaction.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "support/run.rs"]
mod run;

use run::{run, run_stdin, run_with, Run};
use serde_json::Value;
use std::path::PathBuf;

/// The path of `name` in the repository's `tests/{folder}`, checked to exist.
fn test_file(folder: &str, name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "..", "tests", folder, name].iter().collect();
    assert!(path.exists(), "{}", path.display());
    path.to_string_lossy().into_owned()
}

fn spec_example(name: &str) -> String {
    test_file("spec-examples", name)
}

/// What the case `name` of the shared vectors `tests/vectors/spec_examples.json` expects of a
/// request read successfully (`expect.ok`).
fn spec_vector(name: &str) -> Value {
    let text = std::fs::read_to_string(test_file("vectors", "spec_examples.json")).unwrap();
    let vectors: Value = serde_json::from_str(&text).unwrap();
    let case = vectors["cases"].as_array().unwrap().iter().find(|case| case["name"] == name);
    case.unwrap_or_else(|| panic!("no vector {name}"))["expect"]["ok"].clone()
}

fn codes(report: &Value) -> Vec<String> {
    report["normalisations"].as_array().unwrap().iter().map(|n| n["code"].as_str().unwrap().to_owned()).collect()
}

const B_7_2: &str = "b_7_2_token_exchange_example.http";
const B_7_4_1: &str = "b_7_4_token_request_example_1.http";
const B_7_4_2: &str = "b_7_4_token_request_example_2.http";
/// The signature segment of B.7.4 EXAMPLE 1's assertion: never printed without --show-secrets.
const B_7_4_1_SIGNATURE: &str = "MXgnpvPMo0nhcePwnQbunD2gw_pDyCFASaobl6gyLAdyPbaALFuAOyFc4XTWaPEnHV_LGmXklSTpz0yC7hlSQ";
const JWT: &str = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyQGV4YW1wbGUifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

// ---------------------------------------------------------------- the specification's examples

#[test]
fn b_7_2_example_strict_is_malformed_http_and_still_identified_as_token_exchange() {
    let out = run(&["request", "check", &spec_example(B_7_2), "--json"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let report = out.json();
    assert_eq!(report["kind"], "token_exchange");
    assert_eq!(report["mode"], "strict");
    assert_eq!(report["valid"], false);
    assert_eq!(report["error"]["code"], "malformed_http");
    assert!(report["error"]["description"].as_str().unwrap().contains("blank line between header fields at line 2"));
    assert!(report["error"].get("oauth_error").is_none(), "unreadable HTTP has no RFC 6749 error");
}

#[test]
fn b_7_2_example_lenient_is_invalid_client_because_its_basic_credential_is_garbage() {
    let out = run(&["request", "check", "--lenient", &spec_example(B_7_2), "--json"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let report = out.json();
    assert_eq!(report["kind"], "token_exchange");
    assert_eq!(report["error"]["code"], "invalid_client_authentication");
    assert_eq!(report["error"]["oauth_error"], "invalid_client");
    assert_eq!(report["error"]["http_status"], 401);
    assert!(codes(&report).contains(&"blank_line_between_headers".to_owned()), "{:?}", codes(&report));
    assert_eq!(report["url"], "https://IdM.server.com:9031/as/token.oauth2");
}

#[test]
fn b_7_4_examples_strict_are_malformed_form_invalid_request() {
    for name in [B_7_4_1, B_7_4_2] {
        let out = run(&["request", "check", &spec_example(name), "--json"]);
        assert_eq!(out.code, 1, "{name}: {}", out.stdout);
        let report = out.json();
        assert_eq!(report["kind"], "jwt_bearer", "{name}");
        assert_eq!(report["grant_type"], "urn:ietf:params:oauth:grant-type:jwt-bearer");
        assert_eq!(report["error"]["code"], "malformed_form", "{name}");
        assert_eq!(report["error"]["oauth_error"], "invalid_request", "{name}");
        assert_eq!(report["error"]["http_status"], 400, "{name}");
        assert!(report["error"]["description"].as_str().unwrap().contains("whitespace after `&`"));
    }
}

#[test]
fn b_7_4_example_1_lenient_is_valid_listing_every_normalisation() {
    let out = run(&["request", "check", "--lenient", &spec_example(B_7_4_1), "--json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let report = out.json();
    assert_eq!(report["valid"], true);
    assert_eq!(report["mode"], "lenient");
    // Every repair, as the shared vector requires of every language.
    let expected = spec_vector("b_7_4_example_1_as_printed_lenient_is_accepted_and_reports_every_repair");
    assert_eq!(Value::from(codes(&report)), expected["normalisations"]);
    assert_eq!(report["request"]["scope"], expected["scope"]);
    assert_eq!(report["request"]["client"]["client_id"], expected["client"]["client_id"]);
    assert_eq!(report["request"]["client"]["authentication"], "client_id");
    assert!(report.get("error").is_none());
    let assertion = report["request"]["assertion"].as_str().unwrap();
    assert!(assertion.starts_with("eyJhbGciOi…[redacted, "), "{assertion}");
    assert!(!out.stdout.contains(B_7_4_1_SIGNATURE));
}

#[test]
fn b_7_4_example_2_lenient_is_valid_with_the_comma_separated_scope_repaired() {
    let out = run(&["request", "check", "--lenient", &spec_example(B_7_4_2), "--json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let report = out.json();
    assert!(codes(&report).contains(&"comma_separated_scope".to_owned()));
    assert_eq!(
        report["request"]["scope"],
        "openid 3gpp:mc:ptt_service 3gpp:mc:ptt_key_management_service 3gpp:mc:ptt_config_management_service 3gpp:mc:ptt_group_management_service"
    );
}

#[test]
fn human_report_lists_repairs_and_redacts_unless_show_secrets() {
    let out = run(&["request", "check", "--lenient", &spec_example(B_7_4_1)]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("jwt_bearer: TS 33.180 B.7.4"), "{}", out.stdout);
    assert!(out.stdout.contains("valid"));
    assert!(out.stdout.contains("normalisations (6)"));
    assert!(out.stdout.contains("no_break_space_in_scope"));
    assert!(!out.stdout.contains(B_7_4_1_SIGNATURE));
    assert!(!out.stdout.contains('\u{1b}'), "no colour when standard output is not a terminal");

    let shown = run(&["request", "check", "--lenient", "--show-secrets", &spec_example(B_7_4_1)]);
    assert!(shown.stdout.contains(B_7_4_1_SIGNATURE), "{}", shown.stdout);
}

#[test]
fn human_report_of_a_refusal_names_code_rfc_error_and_status() {
    let out = run(&["request", "check", &spec_example(B_7_4_1)]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("malformed_form"), "{}", out.stdout);
    assert!(out.stdout.contains("invalid_request (HTTP 400)"), "{}", out.stdout);
    assert!(out.stdout.contains("--lenient"), "a strict refusal hints at lenient mode");
}

#[test]
fn request_check_reads_standard_input() {
    let text = std::fs::read_to_string(spec_example(B_7_4_1)).unwrap();
    let out = run_stdin(&["request", "check", "-", "--lenient", "--json"], &text);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(out.json()["kind"], "jwt_bearer");
}

// ---------------------------------------------------------------- request check, other inputs

#[test]
fn unknown_grant_type_gets_unsupported_grant_type() {
    let text = "POST /token HTTP/1.1\nHost: idms.example\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=password&username=u&password=p\n";
    let out = run_stdin(&["--json", "request", "check", "-"], text);
    assert_eq!(out.code, 1);
    let report = out.json();
    assert_eq!(report["kind"], Value::Null);
    assert_eq!(report["error"]["code"], "unsupported_grant_type");
    assert_eq!(report["error"]["oauth_error"], "unsupported_grant_type");
    assert_eq!(report["error"]["http_status"], 400);
}

#[test]
fn missing_grant_type_is_invalid_request() {
    let text = "POST /token HTTP/1.1\nHost: idms.example\nContent-Type: application/x-www-form-urlencoded\n\ncode=x\n";
    let report = run_stdin(&["--json", "request", "check", "-"], text).json();
    assert_eq!(
        (report["error"]["code"].as_str(), report["error"]["oauth_error"].as_str()),
        (Some("missing_parameter"), Some("invalid_request"))
    );
}

#[test]
fn input_that_is_not_utf8_is_invalid_input() {
    let out = run_with(&["request", "check", "-", "--json"], Some(b"POST /t HTTP/1.1\n\xff\xfe\n"), &[]);
    assert_eq!(out.code, 1);
    assert_eq!(out.json()["error"]["code"], "malformed_http");
}

// ---------------------------------------------------------------- request build

/// `request build KIND --token-endpoint TOKEN_ENDPOINT`, then `options`.
fn build_args<'a>(kind: &'a str, token_endpoint: &'a str, options: &[&'a str]) -> Vec<&'a str> {
    [&["request", "build", kind, "--token-endpoint", token_endpoint][..], options].concat()
}

fn build_exchange(extra: &[&str]) -> Run {
    build_exchange_of(JWT, extra)
}

fn build_exchange_of(subject_token: &str, extra: &[&str]) -> Run {
    let options = [
        "--resource",
        "https://idms.partner.example/as/token.oauth2",
        "--subject-token",
        subject_token,
        "--client-id",
        "mcptt-client",
        "--client-secret",
        "s3cret-value",
    ];
    run(&build_args("exchange", "https://idms.primary.example/as/token.oauth2", &[&options[..], extra].concat()))
}

#[test]
fn build_exchange_prints_http_text_with_secrets_redacted() {
    let out = build_exchange(&[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("POST /as/token.oauth2 HTTP/1.1\r\nHost: idms.primary.example\r\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Authorization: Basic [redacted]"));
    assert!(out.stdout.contains("subject_token=eyJhbGciOi…[redacted, "));
    assert!(!out.stdout.contains("c2lnbmF0dXJl") && !out.stdout.contains("s3cret"), "{}", out.stdout);
    assert!(out.stderr.contains("--show-secrets"));
}

#[test]
fn build_exchange_with_show_secrets_round_trips_through_request_check() {
    let built = build_exchange(&["--show-secrets"]);
    assert_eq!(built.code, 0);
    assert!(built.stdout.contains(JWT));
    let checked = run_stdin(&["request", "check", "-", "--json"], &built.stdout);
    assert_eq!(checked.code, 0, "{}", checked.stdout);
    let report = checked.json();
    assert_eq!(report["kind"], "token_exchange");
    assert_eq!(report["request"]["resource"], "https://idms.partner.example/as/token.oauth2");
    assert_eq!(report["request"]["client"]["authentication"], "client_secret_basic");
    assert_eq!(report["request"]["client"]["client_secret"], "[redacted]");
    assert_eq!(codes(&report), Vec::<String>::new());
}

#[test]
fn build_json_shape() {
    let out = build_exchange(&["--json"]);
    assert_eq!(out.code, 0);
    let doc = out.json();
    assert_eq!(doc["kind"], "token_exchange");
    assert_eq!(doc["grant_type"], "urn:ietf:params:oauth:grant-type:token-exchange");
    assert_eq!(doc["secrets_redacted"], true);
    assert_eq!(doc["request"]["method"], "POST");
    assert_eq!(doc["request"]["url"], "https://idms.primary.example/as/token.oauth2");
    let headers = doc["request"]["headers"].as_array().unwrap();
    assert!(headers.iter().any(|h| h["name"] == "Authorization" && h["value"] == "Basic [redacted]"));
    assert!(doc["request"]["body"].as_str().unwrap().starts_with("grant_type=urn%3Aietf"));
    assert!(!out.stdout.contains("s3cret") && !out.stdout.contains("c2lnbmF0dXJl"));
}

#[test]
fn build_jwt_bearer_with_a_service_scope_checks_strictly() {
    let options = ["--assertion", JWT, "--client-id", "myNativeApp", "--service", "video", "--show-secrets"];
    let out = run(&build_args("jwt-bearer", "https://idms.partner.example/as/token.oauth2", &options));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("scope=openid+3gpp%3Amc%3Avideo_service+"), "{}", out.stdout);
    let checked = run_stdin(&["request", "check", "-", "--json"], &out.stdout).json();
    assert_eq!(checked["valid"], true);
    assert_eq!(checked["kind"], "jwt_bearer");
}

#[test]
fn build_refuses_what_the_core_refuses_with_its_code() {
    let insecure = run(&build_args("refresh", "http://idms.example/token", &["--refresh-token", "r", "--json"]));
    assert_eq!(insecure.code, 1);
    assert_eq!(insecure.json()["error"]["code"], "endpoint_insecure");

    let jwt_bearer = |options: &[&str]| {
        let args =
            build_args("jwt-bearer", "https://idms.partner.example/t", &[&["--assertion", JWT][..], options].concat());
        run(&[&["--json"][..], &args].concat())
    };
    let comma = jwt_bearer(&["--client-id", "c", "--scope", "openid,3gpp:mc:ptt_service"]);
    assert_eq!(comma.code, 1);
    let error = &comma.json()["error"];
    assert_eq!((error["code"].as_str(), error["oauth_error"].as_str()), (Some("scope_comma"), Some("invalid_scope")));

    let no_client = jwt_bearer(&["--service", "ptt"]);
    assert_eq!(no_client.code, 1, "B.7.4 requires client_id; the core says so");
    assert_eq!(no_client.json()["error"]["code"], "missing_parameter");

    let no_mcx = jwt_bearer(&["--client-id", "c", "--scope", "openid"]);
    assert_eq!(no_mcx.json()["error"]["code"], "scope_missing_mcx");

    let code = ["--code", "c", "--redirect-uri", "com.example:/cb", "--code-verifier", "short"];
    let bad_verifier = run(&[&["--json"][..], &build_args("code", "https://idms.example/t", &code)].concat());
    assert_eq!(bad_verifier.code, 1);
    assert_eq!(bad_verifier.json()["error"]["code"], "login_invalid_verifier");

    let loopback =
        run(&build_args("refresh", "http://127.0.0.1:8080/token", &["--allow-loopback-http", "--refresh-token", "r"]));
    assert_eq!(loopback.code, 0, "{}", loopback.stdout);
}

#[test]
fn build_code_and_refresh_read_secrets_from_standard_input() {
    let refresh = [
        "--refresh-token",
        "-",
        "--scope",
        "openid 3gpp:mc:ptt_service",
        "--client-id",
        "c",
        "--client-secret",
        "pw",
        "--client-auth",
        "post",
        "--show-secrets",
    ];
    let out = run_stdin(&build_args("refresh", "https://idms.example/token", &refresh), "refresh-from-stdin\n");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "refresh_token=refresh-from-stdin&scope=openid+3gpp%3Amc%3Aptt_service&client_id=c&client_secret=pw"
        ),
        "{}",
        out.stdout
    );

    let options = [
        "--code",
        "the-code",
        "--redirect-uri",
        "com.example.mcptt:/callback",
        "--code-verifier",
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        "--client-id",
        "c",
    ];
    let code = run(&build_args("code", "https://idms.example/token", &options));
    assert_eq!(code.code, 0);
    assert!(code.stdout.contains("code=[redacted]&redirect_uri="), "{}", code.stdout);
    assert!(!code.stdout.contains("the-code") && !code.stdout.contains("dBjftJeZ4CVP"));
}

#[test]
fn build_authorize_prints_the_url_and_secrets_only_when_asked() {
    let args = [
        "request",
        "build",
        "authorize",
        "--authorization-endpoint",
        "https://idms.primary.example/authorize",
        "--client-id",
        "mcptt-client",
        "--redirect-uri",
        "com.example.mcptt:/callback",
        "--service",
        "ptt",
        "--state",
        "state-1",
        "--nonce",
        "nonce-1",
        "--code-verifier",
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    ];
    let out = run(&args);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout.lines().count(), 1, "just the URL: {}", out.stdout);
    assert!(out.stdout.starts_with("https://idms.primary.example/authorize?response_type=code&client_id=mcptt-client"));
    assert!(out
        .stdout
        .contains("code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"));
    assert!(!out.stdout.contains("dBjftJeZ4CVP"));

    let mut json_args = args.to_vec();
    json_args.push("--json");
    let doc = run(&json_args).json();
    assert_eq!(doc["kind"], "authorization_request");
    assert_eq!(doc["code_verifier"], "[redacted]");
    assert_eq!(doc["state"], "[redacted]");
    assert_eq!(doc["code_challenge_method"], "S256");
    json_args.push("--show-secrets");
    let doc = run(&json_args).json();
    assert_eq!(doc["code_verifier"], "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    assert_eq!(doc["state"], "state-1");

    let random = run(&args[..args.len() - 6]);
    assert_eq!(random.code, 0, "fresh random state, nonce and verifier by default");
    assert!(random.stdout.contains("&state=") && random.stdout.contains("&nonce="));
}

// ---------------------------------------------------------------- response check

#[test]
fn response_check_reads_a_token_exchange_response() {
    let text = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n\r\n{{\"access_token\":\"{JWT}\",\"issued_token_type\":\"urn:ietf:params:oauth:token-type:jwt\",\"token_type\":\"N_A\",\"expires_in\":120}}"
    );
    let out = run_stdin(&["response", "check", "-", "--json"], &text);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let doc = out.json();
    assert_eq!(doc["kind"], "token_exchange_response");
    assert_eq!(doc["status"], 200);
    assert_eq!(doc["valid"], true);
    assert_eq!(doc["response"]["token_type"], "N_A");
    assert_eq!(doc["response"]["expires_in"], 120);
    assert!(doc["response"]["access_token"].as_str().unwrap().starts_with("eyJhbGciOi…[redacted, "));
    assert!(!out.stdout.contains("c2lnbmF0dXJl"));

    let human = run_stdin(&["response", "check", "-"], &text);
    assert!(human.stdout.contains("token_exchange_response"), "{}", human.stdout);
    assert!(human.stdout.contains("120 s"));
}

#[test]
fn response_check_reads_a_token_response() {
    let text = "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"access_token\":\"opaque\",\"token_type\":\"Bearer\",\"refresh_token\":\"rt\",\"scope\":\"openid 3gpp:mc:ptt_service\"}\n";
    let doc = run_stdin(&["response", "check", "-", "--json"], text).json();
    assert_eq!(doc["kind"], "token_response");
    assert_eq!(doc["response"]["access_token"], "[redacted, 6 bytes]");
    assert_eq!(doc["response"]["scope"], "openid 3gpp:mc:ptt_service");
    assert_eq!(doc["response"]["id_token"], Value::Null);
    let shown = run_stdin(&["response", "check", "-", "--json", "--show-secrets"], text).json();
    assert_eq!(shown["response"]["refresh_token"], "rt");
}

#[test]
fn response_check_reports_an_error_response_with_exit_status_1() {
    let text = "HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{\"error\":\"invalid_grant\",\"error_description\":\"the assertion expired\"}\n";
    let out = run_stdin(&["response", "check", "-", "--json"], text);
    assert_eq!(out.code, 1);
    let doc = out.json();
    assert_eq!(doc["kind"], "error_response");
    assert_eq!(doc["error"]["code"], "error_response");
    assert_eq!(doc["error"]["oauth_error"], "invalid_grant");
    assert_eq!(doc["response"]["error_description"], "the assertion expired");
    let human = run_stdin(&["response", "check", "-"], text);
    assert!(human.stdout.contains("invalid_grant") && human.stdout.contains("the assertion expired"));
}

#[test]
fn response_check_gives_precise_codes_for_broken_replies() {
    let cases = [
        ("HTTP/1.1 500 Internal Server Error\n\n<html>", "unexpected_status"),
        ("HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"token_type\":\"Bearer\"}", "missing_field"),
        (
            "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"access_token\":\"a\",\"issued_token_type\":\"x\"}",
            "missing_field",
        ),
        ("HTTP/1.1 200 OK\nContent-Type: text/html\n\n<html>", "malformed_response"),
        ("not http", "malformed_http"),
    ];
    for (text, code) in cases {
        let out = run_stdin(&["response", "check", "-", "--json"], text);
        assert_eq!(out.code, 1, "{text}");
        assert_eq!(out.json()["error"]["code"], code, "{text}");
    }
}

// ---------------------------------------------------------------- usage errors and colour

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["request"],
        vec!["request", "check"],
        vec!["request", "check", "/nonexistent/request.http"],
        vec!["request", "build", "code", "--token-endpoint", "https://a.example/t"],
        vec!["request", "check", "x", "--no-such-option"],
        build_args("refresh", "https://a/t", &["--refresh-token", "r", "--client-secret", "s"]),
        build_args("refresh", "https://a/t", &["--refresh-token", "r", "--client-auth", "jwt"]),
        build_args(
            "jwt-bearer",
            "https://a.example/t",
            &["--assertion", "a", "--client-id", "c", "--scope", "openid", "--service", "ptt"],
        ),
        build_args(
            "exchange",
            "https://a/t",
            &["--resource", "https://b/t", "--subject-token", "-", "--client-id", "c", "--client-secret", "-"],
        ),
    ] {
        let out = run(&args);
        assert_eq!(out.code, 2, "{args:?}: {}{}", out.stdout, out.stderr);
        assert!(out.stdout.is_empty(), "{args:?}: usage errors go to standard error");
    }
}

#[test]
fn help_and_version_exit_0() {
    let help = run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("request") && help.stdout.contains("response"));
    assert_eq!(run(&["--version"]).code, 0);
    assert_eq!(run(&["request", "build", "exchange", "--help"]).code, 0);
}

#[test]
fn no_colour_when_piped_or_with_no_color() {
    let out = run_with(&["request", "check", &spec_example(B_7_4_1)], None, &[("NO_COLOR", "1")]);
    assert!(!out.stdout.contains('\u{1b}'));
    let json = run(&["request", "check", &spec_example(B_7_4_1), "--json"]);
    assert!(!json.stdout.contains('\u{1b}'));
}

#[test]
fn every_built_token_request_is_accepted_by_request_check_as_its_own_kind() {
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let endpoint = "https://idms.example/as/token.oauth2";
    let builds: [(&[&str], &str); 4] = [
        (
            &["exchange", "--resource", "https://idms.partner.example/t", "--subject-token", JWT, "--client-id", "c"],
            "token_exchange",
        ),
        (
            &["jwt-bearer", "--assertion", JWT, "--client-id", "c", "--scope", "openid 3gpp:mc:data_service"],
            "jwt_bearer",
        ),
        (
            &[
                "code",
                "--code",
                "k",
                "--redirect-uri",
                "com.example:/cb",
                "--code-verifier",
                verifier,
                "--client-id",
                "c",
            ],
            "authorization_code",
        ),
        (&["refresh", "--refresh-token", "r", "--client-id", "c", "--client-secret", "s"], "refresh"),
    ];
    for (kind_args, kind) in builds {
        let args = [&["request", "build"], kind_args, &["--token-endpoint", endpoint, "--show-secrets"]].concat();
        let built = run(&args);
        assert_eq!(built.code, 0, "{kind}: {}", built.stderr);
        let checked = run_stdin(&["request", "check", "-", "--json"], &built.stdout);
        assert_eq!(checked.code, 0, "{kind}: {}", checked.stdout);
        assert_eq!(checked.json()["kind"], kind);
        assert_eq!(checked.json()["url"], endpoint);
    }
}

// ---------------------------------------------------------------- profile

fn profile_fixture(name: &str) -> String {
    test_file("fixtures/profiles", name)
}

const PTT: &str = "mcptt-user-profile-access-information.xml";
const VIDEO_V20: &str = "mcvideo-user-profile-v20.xml";
const DATA_NO_ID: &str = "mcdata-user-profile-direct-no-id.xml";
const UE_INIT: &str = "ue-initial-configuration.xml";

#[test]
fn profile_lists_user_partners_endpoints_and_groups() {
    let out = run(&["profile", &profile_fixture(PTT), &profile_fixture(VIDEO_V20), "--json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let doc = out.json();
    let documents = doc["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 2);
    let ptt = &documents[0];
    assert_eq!((ptt["kind"].as_str(), ptt["service"].as_str()), (Some("user_profile"), Some("ptt")));
    assert_eq!(ptt["user"], "sip:alice@ptt.primary.example");
    let partner = &ptt["partners"][0];
    assert_eq!(partner["id"], "urn:mc:partner-a:ptt");
    assert_eq!(partner["shape"], "access_information");
    assert_eq!(partner["token_endpoint"], "https://idms.partner-a.example/token");
    assert_eq!(partner["servers"]["idms_auth_endpoint"], "https://idms.partner-a.example/authorize");
    assert_eq!(partner["servers"]["tls_tunnel_mutual_authentication"], true);
    assert_eq!(ptt["groups"][0]["token_endpoint"], "https://idms.primary.example/groups/token");
    assert_eq!(ptt["groups"][1]["token_endpoint"], Value::Null);
    assert_eq!(documents[1]["partners"][0]["shape"], "direct", "the released MCVideo schema's shape");

    let human = run(&["profile", &profile_fixture(PTT)]);
    assert!(human.stdout.contains("urn:mc:partner-b:ptt"), "{}", human.stdout);
    assert!(human.stdout.contains("https://idms.primary.example/groups/token"));
}

#[test]
fn ts24482_6_2_3_a_profile_reports_a_broken_partner_beside_the_usable_one() {
    let file = profile_fixture("mcvideo-user-profile-one-partner-broken.xml");
    let out = run(&["profile", &file, "--json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let document = &out.json()["documents"][0];
    assert_eq!(document["partners"].as_array().unwrap().len(), 1);
    assert_eq!(document["partners"][0]["id"], "urn:mc:partner-c:video");
    let rejected = &document["rejected"][0];
    assert_eq!(
        (rejected["kind"].as_str(), rejected["id"].as_str()),
        (Some("partner_system"), Some("urn:mc:partner-a:video"))
    );
    assert_eq!(rejected["code"], "profile_endpoint_invalid");
    let human = run(&["profile", &file]);
    assert!(human.stdout.contains("rejected") && human.stdout.contains("urn:mc:partner-a:video"), "{}", human.stdout);
    // Asking for the broken partner gives the reason.
    let asked = run(&["profile", &file, "--partner", "urn:mc:partner-a:video", "--token-endpoint", "--json"]);
    assert_ne!(asked.code, 0);
    assert!(
        asked.stdout.contains("profile_endpoint_invalid") || asked.stderr.contains("profile_endpoint_invalid"),
        "{} {}",
        asked.stdout,
        asked.stderr
    );
}

#[test]
fn profile_narrows_by_service_partner_and_group() {
    let files = [profile_fixture(PTT), profile_fixture(VIDEO_V20), profile_fixture(DATA_NO_ID)];
    let mut args: Vec<&str> = vec!["profile"];
    args.extend(files.iter().map(String::as_str));

    let video = run(&[args.as_slice(), &["--service", "video", "--json"]].concat()).json();
    let documents = video["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0]["service"], "video");

    let partner = run(&[args.as_slice(), &["--partner", "urn:mc:partner-c:video", "--json"]].concat()).json();
    let documents = partner["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0]["partners"].as_array().unwrap().len(), 1);
    assert_eq!(documents[0]["groups"].as_array().unwrap().len(), 0);

    let endpoint = run(&[args.as_slice(), &["--partner", "urn:mc:partner-c:video", "--token-endpoint"]].concat());
    assert_eq!(endpoint.code, 0);
    assert_eq!(endpoint.stdout, "https://idms.partner-c.example/token\n");

    let by_domain = run(&[args.as_slice(), &["--partner", "partner-d.example", "--token-endpoint", "--json"]].concat());
    assert_eq!(by_domain.json()["token_endpoint"], "https://idms.partner-d.example/token");

    let group = run(&[args.as_slice(), &["--group", "sip:fire-ops@ptt.primary.example", "--token-endpoint"]].concat());
    assert_eq!(group.stdout, "https://idms.primary.example/groups/token\n");

    let primary = run(&["profile", &profile_fixture(UE_INIT), "--token-endpoint"]);
    assert_eq!(primary.stdout, "https://idms.primary.example/token\n");
}

#[test]
fn profile_look_up_failures_carry_the_core_codes() {
    let ptt = profile_fixture(PTT);
    let cases: [(&[&str], &str); 4] = [
        (&["--partner", "urn:nobody"], "profile_partner_not_found"),
        (&["--group", "sip:nobody@example"], "profile_group_not_found"),
        (&["--service", "data"], "profile_service_not_loaded"),
        (&["--group", "sip:ems@ptt.primary.example", "--token-endpoint"], "profile_missing_element"),
    ];
    for (extra, code) in cases {
        let out = run(&[&["profile", ptt.as_str(), "--json"], extra].concat());
        assert_eq!(out.code, 1, "{extra:?}: {}", out.stdout);
        assert_eq!(out.json()["error"]["code"], code, "{extra:?}");
    }
    let ambiguous = run(&["profile", &ptt, "--token-endpoint"]);
    assert_eq!(ambiguous.code, 2, "two partners: narrow the selection");
    assert!(ambiguous.stderr.contains("--partner"), "{}", ambiguous.stderr);
}

#[test]
fn profile_refuses_hostile_and_broken_documents_naming_the_file() {
    for (name, code) in [
        ("bad-dtd-external-entity.xml", "profile_dtd_refused"),
        ("bad-entity-expansion.xml", "profile_dtd_refused"),
        ("bad-http-token-endpoint.xml", "profile_endpoint_invalid"),
        ("bad-missing-token-endpoint.xml", "profile_missing_element"),
        ("bad-malformed.xml", "profile_malformed_xml"),
        ("bad-unknown-root.xml", "profile_unknown_root"),
    ] {
        let file = profile_fixture(name);
        let out = run(&["profile", &profile_fixture(PTT), &file, "--json"]);
        assert_eq!(out.code, 1, "{name}: {}", out.stdout);
        let doc = out.json();
        assert_eq!(doc["error"]["code"], code, "{name}");
        assert_eq!(doc["file"], file.as_str());
    }
}

#[test]
fn ts24484_profile_shows_a_kms_address_it_left_out_and_why() {
    let xml = r#"<mcvideo-user-profile xmlns="urn:3gpp:ns:mcvideo:user-profile:1.0" XUI-URI="sip:a@x" user-profile-index="1"><OnNetwork><anyExt>
        <MigratablePartnerMCVideoSystemInfo><PartnerMCVideoSystemId>urn:k</PartnerMCVideoSystemId>
        <mcptt-UE-initial-configuration xmlns="urn:3gpp:mcptt:mcpttUEinitConfig:1.0" domain="k.example"><on-network><App-Server-Info>
        <idms-token-endpoint>https://idms.k.example/token</idms-token-endpoint><kms>http://kms.k.example</kms>
        </App-Server-Info></on-network></mcptt-UE-initial-configuration></MigratablePartnerMCVideoSystemInfo></anyExt></OnNetwork></mcvideo-user-profile>"#;
    let out = run_stdin(&["profile", "-", "--json"], xml);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let partner = &out.json()["documents"][0]["partners"][0];
    assert_eq!(partner["servers"]["kms"], Value::Null);
    assert_eq!(
        (partner["ignored"][0]["code"].as_str(), partner["ignored"][0]["element"].as_str()),
        (Some("endpoint_ignored"), Some("kms"))
    );
    let human = run_stdin(&["profile", "-"], xml);
    assert!(
        human.stdout.contains("ignored")
            && human.stdout.contains("endpoint_ignored")
            && human.stdout.contains("App-Server-Info/kms"),
        "{}",
        human.stdout
    );
}

#[test]
fn profile_reads_standard_input() {
    let xml = std::fs::read_to_string(profile_fixture(DATA_NO_ID)).unwrap();
    let out = run_stdin(&["profile", "-", "--token-endpoint"], &xml);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "https://idms.partner-d.example/token\n");
}

// ---------------------------------------------------------------- token inspect and verify

/// The interop vectors of the token module: a trusted JWK Set and security tokens signed by
/// independent libraries (`tests/tokens/README.md`).
fn interop() -> Value {
    serde_json::from_str(&std::fs::read_to_string(test_file("tokens", "interop.json")).unwrap()).unwrap()
}

/// A new temporary file holding `contents`: one path per call, since the tests run in
/// parallel and a file rewritten under a running binary reads as truncated.
fn temp_file(name: &str, contents: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("mcx-connect-cli-test-{}-{n}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
}

fn jwks_file(interop: &Value) -> PathBuf {
    temp_file("jwks.json", &interop["jwks"].to_string())
}

fn security_token(interop: &Value) -> String {
    interop["tokens"][0]["token"].as_str().unwrap().to_owned()
}

fn verify(interop: &Value, jwks: &std::path::Path, extra: &[&str]) -> Run {
    verify_token(&security_token(interop), interop, jwks, extra)
}

/// `token verify TOKEN` against `jwks` with the interop vectors' issuer and client, then `extra`.
fn verify_token(token: &str, interop: &Value, jwks: &std::path::Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "token",
        "verify",
        token,
        "--jwks",
        jwks.to_str().unwrap(),
        "--issuer",
        interop["issuer"].as_str().unwrap(),
        "--client-id",
        interop["client_id"].as_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn token_inspect_marks_unverified_and_shows_times_relative_to_now() {
    let interop = interop();
    let token = security_token(&interop);
    let out = run(&["token", "inspect", &token, "--now", "1900000060", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let doc = out.json();
    assert_eq!(doc["verified"], false);
    assert_eq!(doc["header"]["alg"], "ES256");
    assert_eq!(doc["claims"]["sub"], "alice@primary.example");
    assert_eq!(doc["times"]["exp"]["relative"], "in 4 min");
    assert_eq!(doc["times"]["exp"]["utc"], "2030-03-17 17:51:40 UTC");
    assert_eq!(doc["times"]["iat"]["relative"], "1 min ago");
    assert_eq!(doc["signature_bytes"], 64);
    assert!(doc["token"].as_str().unwrap().starts_with("eyJhbGciOi…[redacted, "));
    assert!(!out.stdout.contains(&token));

    let later = run(&["token", "inspect", &token, "--now", "1900007500"]);
    assert_eq!(later.code, 0, "inspect never judges");
    assert!(later.stdout.contains("UNVERIFIED"), "{}", later.stdout);
    assert!(later.stdout.contains("expired 2 h ago"), "{}", later.stdout);
}

#[test]
fn token_inspect_reads_standard_input_and_the_spec_example_assertion() {
    // TS 33.180 B.7.4 EXAMPLE 1's assertion: decodable, its signature is not even base64url-sized.
    let text = std::fs::read_to_string(spec_example(B_7_4_1)).unwrap();
    let assertion = text.split("assertion=").nth(1).unwrap().split('&').next().unwrap();
    let out = run_stdin(&["token", "inspect", "-", "--now", "1441917600", "--json"], &format!("{assertion}\n"));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let doc = out.json();
    assert_eq!(doc["claims"]["iss"], "https://as.example.com");
    assert_eq!(doc["times"]["exp"]["relative"], "expired 7 s ago");
    assert_eq!(doc["signature_bytes"], Value::Null);

    let garbage = run(&["token", "inspect", "not-a-jwt", "--json"]);
    assert_eq!(garbage.code, 1);
    assert_eq!(garbage.json()["error"]["code"], "token_malformed");
}

#[test]
fn b_2_1_2_token_verify_lists_the_security_token_rules_one_by_one() {
    let interop = interop();
    let jwks = jwks_file(&interop);
    let target = interop["target"].as_str().unwrap();
    let outcomes = |doc: &serde_json::Value| -> Vec<(String, String)> {
        doc["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["id"].as_str().unwrap().to_owned(), r["outcome"].as_str().unwrap().to_owned()))
            .collect()
    };
    let good = verify(&interop, &jwks, &["--target", target, "--now", "1900000100", "--json"]).json();
    let rules = outcomes(&good);
    assert_eq!(rules.len(), 12);
    assert!(rules.contains(&("signature".into(), "pass".into())), "{rules:?}");
    assert!(rules.contains(&("lifetime".into(), "not_checked".into())), "{rules:?}");
    let late = verify(&interop, &jwks, &["--target", target, "--now", "1900000400", "--json"]);
    assert_eq!(late.code, 1);
    let rules = outcomes(&late.json());
    let failed: Vec<&str> = rules.iter().filter(|(_, o)| o == "fail").map(|(id, _)| id.as_str()).collect();
    assert_eq!(failed, ["exp"], "only the exp rule fails, and it is the error");
    let text = verify(&interop, &jwks, &["--target", target, "--now", "1900000400"]);
    assert!(text.stdout.contains("B.2.1.2 exp") && text.stdout.contains("beyond the 0 s leeway"), "{}", text.stdout);
}

#[test]
fn token_verify_accepts_a_good_security_token_and_names_each_failure() {
    let interop = interop();
    let jwks = jwks_file(&interop);
    let target = interop["target"].as_str().unwrap();
    let good = verify(&interop, &jwks, &["--target", target, "--now", "1900000100", "--json"]);
    assert_eq!(good.code, 0, "{}", good.stdout);
    let doc = good.json();
    assert_eq!(
        (doc["valid"].as_bool(), doc["verified"].as_bool(), doc["kind"].as_str()),
        (Some(true), Some(true), Some("security"))
    );
    assert_eq!(doc["claims"]["mcptt_id"], "sip:alice@primary.example");
    assert_eq!(doc["times"]["exp"]["relative"], "in 3 min");

    let cases: [(&[&str], &str); 4] = [
        (&["--target", target, "--now", "1900000400"], "token_expired"),
        (&["--target", "https://idms.other.example/token", "--now", "1900000100"], "token_audience_missing_target"),
        (&["--target", target, "--now", "1900000100", "--service", "video"], "token_missing_service_id"),
        (&["--kind", "id", "--now", "1900000100", "--nonce", "n-1"], "token_missing_claim"),
    ];
    for (extra, code) in cases {
        let mut args = extra.to_vec();
        args.push("--json");
        let out = verify(&interop, &jwks, &args);
        assert_eq!(out.code, 1, "{extra:?}: {}", out.stdout);
        assert_eq!(out.json()["error"]["code"], code, "{extra:?}");
    }
    let leeway = verify(&interop, &jwks, &["--target", target, "--now", "1900000320", "--leeway", "30"]);
    assert_eq!(leeway.code, 0, "30 s of leeway is allowed: {}", leeway.stdout);
    assert!(leeway.stdout.contains("valid"));

    let usage = verify(&interop, &jwks, &["--now", "1900000100"]);
    assert_eq!(usage.code, 2, "a security token needs --target");
    // B.2.1.2 allows at most 30 s: a refused option value is a usage error, like a missing option.
    let leeway = verify(&interop, &jwks, &["--target", target, "--now", "1900000100", "--leeway", "60"]);
    assert_eq!((leeway.code, leeway.stdout.as_str()), (2, ""), "{}", leeway.stderr);
    assert!(leeway.stderr.contains("--leeway"), "{}", leeway.stderr);
    std::fs::remove_file(jwks).ok();
}

#[test]
fn token_verify_refuses_a_bad_jwks_and_a_tampered_token() {
    let interop = interop();
    let bad = temp_file("bad-jwks.json", "{\"keys\": 3}");
    let target = interop["target"].as_str().unwrap();
    let out = verify(&interop, &bad, &["--target", target, "--now", "1900000100", "--json"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.json()["error"]["code"], "jwks_malformed");
    std::fs::remove_file(bad).ok();

    let jwks = jwks_file(&interop);
    let token = security_token(&interop).replacen("eyJ", "eyK", 1);
    let out = verify_token(&token, &interop, &jwks, &["--target", target, "--now", "1900000100", "--json"]);
    assert_eq!(out.code, 1);
    assert!(out.json()["error"]["code"].as_str().unwrap().starts_with("token_"));
}

// ---------------------------------------------------------------- request check --jwks

fn jwt_bearer_request(token_endpoint: &str, assertion: &str) -> String {
    let options = [
        "--assertion",
        assertion,
        "--client-id",
        "mcptt-client",
        "--scope",
        "openid 3gpp:mc:ptt_service",
        "--show-secrets",
    ];
    let out = run(&build_args("jwt-bearer", token_endpoint, &options));
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

fn check_with_jwks(request: &str, jwks: &std::path::Path, issuer: &str, extra: &[&str]) -> Run {
    let args = [&["request", "check", "-", "--jwks", jwks.to_str().unwrap(), "--issuer", issuer][..], extra].concat();
    run_stdin(&args, request)
}

#[test]
fn b_7_4_request_check_with_jwks_authenticates_the_assertion_as_the_partner_idms_must() {
    let interop = interop();
    let jwks = jwks_file(&interop);
    let (issuer, target) = (interop["issuer"].as_str().unwrap(), interop["target"].as_str().unwrap());
    // Every independent library's security token, each algorithm: accepted, and said so.
    for token in interop["tokens"].as_array().unwrap() {
        let request = jwt_bearer_request(target, token["token"].as_str().unwrap());
        let out = check_with_jwks(&request, &jwks, issuer, &["--now", "1900000100", "--json"]);
        assert_eq!(out.code, 0, "{}: {}", token["library"], out.stdout);
        let report = out.json();
        assert_eq!(report["valid"], true);
        assert_eq!(report["token"]["parameter"], "assertion");
        assert_eq!(report["token"]["kind"], "security");
        assert_eq!(report["token"]["alg"], token["alg"]);
        assert_eq!(report["token"]["sub"], "alice@primary.example");
    }
    let token = security_token(&interop);
    let request = jwt_bearer_request(target, &token);
    let human = check_with_jwks(&request, &jwks, issuer, &["--now", "1900000100"]);
    assert_eq!(human.code, 0, "{}", human.stdout);
    assert!(human.stdout.contains("assertion as a security token: signature and claims"), "{}", human.stdout);

    // Each refusal is what the partner's token endpoint answers: invalid_grant with the token's code.
    let mut tampered = token.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    let elsewhere = jwt_bearer_request("https://idms.other.example/token", &token);
    let cases: [(String, &str, Vec<&str>, &str); 4] = [
        (request.clone(), issuer, vec!["--now", "1900000400"], "token_expired"),
        (request.clone(), "https://idms.other.example", vec!["--now", "1900000100"], "token_wrong_issuer"),
        (jwt_bearer_request(target, &tampered), issuer, vec!["--now", "1900000100"], "token_bad_signature"),
        (elsewhere.clone(), issuer, vec!["--now", "1900000100"], "token_audience_missing_target"),
    ];
    for (request, issuer, extra, code) in cases {
        let out = check_with_jwks(&request, &jwks, issuer, &[&extra[..], &["--json"]].concat());
        assert_eq!(out.code, 1, "{code}: {}", out.stdout);
        let report = out.json();
        assert_eq!((report["valid"].as_bool(), report["error"]["code"].as_str()), (Some(false), Some(code)));
        assert_eq!(report["error"]["oauth_error"], "invalid_grant", "{code}");
        assert!(report.get("token").is_none());
    }
    let leeway = check_with_jwks(&request, &jwks, issuer, &["--now", "1900000100", "--leeway", "31"]);
    assert_eq!(leeway.code, 2, "more than 30 s of leeway is a usage error: {}", leeway.stderr);
    // --target names this IdMS when the request arrived at another address than the token's `aud`.
    let out = check_with_jwks(&elsewhere, &jwks, issuer, &["--now", "1900000100", "--target", target, "--json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[test]
fn b_7_2_request_check_with_jwks_validates_the_subject_token_as_an_access_token() {
    use mcx_connect::token::{sign, JwsHeader, SigningKey};
    let key = SigningKey::es256(&[0x42; 32]).unwrap();
    let jwks = temp_file(
        "at-jwks.json",
        &serde_json::json!({ "keys": [key.public_jwk(Some("at-1")).unwrap().to_json()] }).to_string(),
    );
    let issuer = "https://idms.primary.example";
    let claims = serde_json::json!({
        "iss": issuer, "sub": "alice@primary.example", "aud": "https://idms.primary.example/as/token.oauth2",
        "iat": 1_900_000_000u64, "exp": 1_900_000_300u64, "client_id": "mcptt-client",
        "scope": "openid 3gpp:mc:ptt_service",
    });
    let access_token = sign(&JwsHeader::new(key.algorithm()).with_kid("at-1"), &claims, &key).unwrap().into_inner();
    let exchange = |subject_token: &str| {
        let out = build_exchange_of(subject_token, &["--show-secrets"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
    };
    let out = check_with_jwks(&exchange(&access_token), &jwks, issuer, &["--now", "1900000100", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let report = out.json();
    assert_eq!((report["kind"].as_str(), report["token"]["kind"].as_str()), (Some("token_exchange"), Some("access")));
    assert_eq!(report["token"]["parameter"], "subject_token");

    // A subject token the primary cannot validate is invalid_request (RFC 8693 §2.2.2).
    let interop = interop();
    let security = security_token(&interop);
    let out = check_with_jwks(&exchange(&security), &jwks, issuer, &["--now", "1900000100", "--json"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let report = out.json();
    assert_eq!(
        (report["error"]["oauth_error"].as_str(), report["error"]["code"].as_str()),
        (Some("invalid_request"), Some("token_unknown_key"))
    );
    let wrong_aud = check_with_jwks(
        &exchange(&access_token),
        &jwks,
        issuer,
        &["--now", "1900000100", "--target", "https://mcptt.primary.example", "--json"],
    );
    assert_eq!(wrong_aud.json()["error"]["code"], "token_audience_missing_target");
}

#[test]
fn request_check_jwks_usage_errors_exit_2() {
    let interop = interop();
    let jwks = jwks_file(&interop);
    let options = ["--refresh-token", "r", "--client-id", "c", "--show-secrets"];
    let refresh = run(&build_args("refresh", "https://idms.example/as/token.oauth2", &options));
    assert_eq!(refresh.code, 0, "{}", refresh.stderr);
    let out = check_with_jwks(&refresh.stdout, &jwks, "https://idms.primary.example", &[]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("carries none"), "{}", out.stderr);
    let no_jwks = run(&["request", "check", "request.http", "--issuer", "https://idms.primary.example"]);
    assert_eq!(no_jwks.code, 2, "{}", no_jwks.stderr);
    assert!(no_jwks.stderr.contains("--jwks"), "{}", no_jwks.stderr);
    let broken_jwks = temp_file("broken-jwks.json", "{\"keys\": 1}");
    let token = security_token(&interop);
    let request = jwt_bearer_request(interop["target"].as_str().unwrap(), &token);
    let out = check_with_jwks(&request, &broken_jwks, "https://idms.primary.example", &["--json"]);
    assert_eq!((out.code, out.json()["error"]["code"].as_str()), (1, Some("jwks_malformed")));
}

// ---------------------------------------------------------------------------- help, completions, curl

#[test]
fn every_command_help_shows_examples() {
    let commands: [&[&str]; 16] = [
        &["profile"],
        &["token", "inspect"],
        &["token", "verify"],
        &["request", "build"],
        &["request", "check"],
        &["response", "check"],
        &["login"],
        &["migrate"],
        &["probe", "partner"],
        &["probe", "primary"],
        &["completions"],
        &["request", "build", "exchange"],
        &["request", "build", "jwt-bearer"],
        &["request", "build", "authorize"],
        &["request", "build", "code"],
        &["request", "build", "refresh"],
    ];
    for command in commands {
        let out = run(&[command, &["--help"][..]].concat());
        assert_eq!(out.code, 0, "{command:?}");
        assert!(
            out.stdout.contains("Examples:\n  mcx-connect ") || out.stdout.contains("Examples:\n  curl "),
            "{command:?}"
        );
    }
}

#[test]
fn completions_are_printed_for_bash_and_zsh() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}");
        assert!(out.stdout.contains("mcx-connect") && out.stdout.contains("probe"), "{shell}");
    }
    assert_eq!(run(&["completions", "cmd.exe"]).code, 2);
}

#[test]
fn request_build_curl_prints_a_ready_command_line_redacted_unless_show_secrets() {
    let args = [
        "request",
        "build",
        "--curl",
        "jwt-bearer",
        "--token-endpoint",
        "https://idms.partner.example/token",
        "--assertion",
        JWT,
        "--client-id",
        "mcptt-client",
        "--service",
        "ptt",
    ];
    let redacted = run(&args);
    assert_eq!(redacted.code, 0, "{}", redacted.stderr);
    assert!(redacted.stdout.starts_with("curl --silent --show-error -X POST -H 'Content-Type: application/x-www-form-urlencoded; charset=UTF-8' --data-raw 'grant_type="), "{}", redacted.stdout);
    assert!(redacted.stdout.trim_end().ends_with(" 'https://idms.partner.example/token'"));
    assert!(!redacted.stdout.contains(JWT));
    assert!(redacted.stderr.contains("--show-secrets"));
    let full = run(&[&args[..], &["--show-secrets"]].concat());
    assert!(full.stdout.contains(&format!("assertion={JWT}&")), "{}", full.stdout);
}

#[test]
fn a_file_path_given_as_a_token_gets_a_hint_and_a_usage_error() {
    let path = temp_file("hint-token.jwt", JWT);
    let path = path.to_str().unwrap();
    for args in [
        vec!["token", "inspect", path],
        build_args(
            "exchange",
            "https://idms.primary.example/token",
            &["--resource", "https://idms.partner.example/token", "--subject-token", path],
        ),
        build_args(
            "jwt-bearer",
            "https://idms.partner.example/token",
            &["--assertion", "./security-token.jwt", "--client-id", "c", "--service", "ptt"],
        ),
    ] {
        let out = run(&args);
        assert_eq!((out.code, out.stdout.as_str()), (2, ""), "{args:?}");
        assert!(out.stderr.contains("looks like a file path") && out.stderr.contains("- < FILE"), "{}", out.stderr);
    }
    let _ = std::fs::remove_file(path);
}
