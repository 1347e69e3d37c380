//! The live commands over loopback HTTP: `migrate` and both probes against the demo server
//! (the core's server role, a conformant IdMS) and against a deliberately faulty IdMS, where
//! the probe must report exactly the injected fault.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs,
    unreachable_pub
)]

mod support;

use mcx_connect::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use support::faulty_idms::{Faults, FaultyIdms, CLIENT_ID as FAULTY_CLIENT};
use support::run::{run_stdin, Run};

// ------------------------------------------------------------------------------ the demo server

/// Starts the demo server on a free loopback port; returns its base URL.
fn demo() -> String {
    demo_with_primary_key(None)
}

/// As [`demo`], with the primary IdMS's signing key fixed (so a test can sign tokens it trusts).
fn demo_with_primary_key(primary_key: Option<[u8; 32]>) -> String {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        runtime.block_on(async move {
            let mut config = mcx_connect_demo::Config { primary_key, ..mcx_connect_demo::Config::default() };
            config.addr.set_port(0);
            let running = mcx_connect_demo::start(config).await.unwrap();
            tx.send(running.base_url.clone()).unwrap();
            let _ = running.task.await;
        });
    });
    rx.recv().unwrap()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into()
}

/// Logs alice in at the demo's primary (authorization code + PKCE); returns the access token.
fn demo_login(base: &str) -> String {
    const POLICY: EndpointPolicy = EndpointPolicy::ALLOW_LOOPBACK_HTTP;
    let login = AuthorizationRequest::new(
        format!("{base}/primary/authorize"),
        mcx_connect_demo::CLIENT_ID,
        format!("{base}/"),
        ScopeSet::for_service(McService::Ptt),
    )
    .unwrap();
    let location = submit_login_form(base, login.url(POLICY).unwrap().split_once('?').unwrap().1);
    let code = login.read_response(&location).unwrap();
    let request = login
        .code_request(code, ClientAuthentication::client_id(mcx_connect_demo::CLIENT_ID))
        .build(&format!("{base}/primary/token"), POLICY)
        .unwrap();
    let mut reply = agent()
        .post(&request.url)
        .header("content-type", request.header("content-type").unwrap())
        .send(request.body.clone())
        .unwrap();
    let body = reply.body_mut().read_to_string().unwrap();
    let json: Value = serde_json::from_str(&body).unwrap();
    json["access_token"].as_str().unwrap().to_owned()
}

/// The browser's part at the demo's login form: alice's credentials posted with the authorization
/// request's `query`; the demo answers 303 to the redirect URI, whose address is returned.
fn submit_login_form(base: &str, query: &str) -> String {
    let encoded: String = query
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() { char::from(b).to_string() } else { format!("%{b:02X}") })
        .collect();
    let reply = agent()
        .post(&format!("{base}/primary/authorize"))
        .header("content-type", "application/x-www-form-urlencoded")
        .send(format!("request={encoded}&username=alice&password=demo&action=login"))
        .unwrap();
    assert_eq!(reply.status().as_u16(), 303);
    reply.headers().get("location").unwrap().to_str().unwrap().to_owned()
}

fn sample_profile(base: &str) -> tempfile_path::TempPath {
    let mut reply = agent().get(&format!("{base}/profiles/sample.xml")).call().unwrap();
    tempfile_path::TempPath::with_contents("profile.xml", &reply.body_mut().read_to_string().unwrap())
}

mod tempfile_path {
    /// A file removed when dropped, under a unique name (tests run in parallel).
    pub struct TempPath(pub std::path::PathBuf);

    impl TempPath {
        pub fn new(name: &str) -> Self {
            static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Self(std::env::temp_dir().join(format!("mcx-connect-live-{}-{n}-{name}", std::process::id())))
        }

        pub fn with_contents(name: &str, contents: &str) -> Self {
            let path = Self::new(name);
            std::fs::write(&path.0, contents).unwrap();
            path
        }

        pub fn as_str(&self) -> &str {
            self.0.to_str().unwrap()
        }
    }

    impl Drop for TempPath {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

// ------------------------------------------------------------------------------ the commands

/// An IdMS the live commands talk to, the demo or the faulty one: its primary at `{base}/primary`
/// (token endpoint `{base}/primary/token`, JWK Set `{base}/primary/jwks.json`), the client it
/// knows, the partner token endpoint it serves and one more partner it has an agreement for.
struct Idms {
    base: String,
    client_id: &'static str,
    partner: String,
    other_partner: String,
}

impl Idms {
    fn demo(base: &str) -> Self {
        let (partner, other_partner) = (format!("{base}/partner/a/token"), format!("{base}/partner/b/token"));
        Self { base: base.to_owned(), client_id: "mcx-console", partner, other_partner }
    }

    fn faulty(idms: &FaultyIdms) -> Self {
        let (partner, other_partner) = (idms.partner_token_endpoint(), idms.other_partner_token_endpoint());
        Self { base: idms.base.clone(), client_id: FAULTY_CLIENT, partner, other_partner }
    }

    fn token_endpoint(&self) -> String {
        format!("{}/primary/token", self.base)
    }

    fn issuer(&self) -> String {
        format!("{}/primary", self.base)
    }

    fn jwks_uri(&self) -> String {
        format!("{}/primary/jwks.json", self.base)
    }
}

/// `probe partner` of `idms`'s partner (over loopback HTTP, `--json`), with `secrets` (how the
/// access token and the expired assertion are given) and `stdin`.
fn probe_partner(idms: &Idms, secrets: &[&str], stdin: &str) -> Run {
    let primary = idms.token_endpoint();
    let args = [
        "probe",
        "partner",
        "--token-endpoint",
        &idms.partner,
        "--client-id",
        idms.client_id,
        "--service",
        "ptt",
        "--primary-token-endpoint",
        &primary,
        "--other-target",
        &idms.other_partner,
    ];
    run_stdin(&[&args[..], secrets, &["--allow-loopback-http", "--json"]].concat(), stdin)
}

/// `probe primary` of `idms`'s primary for its partner, `access_token` on standard input, then `options`.
fn probe_primary(idms: &Idms, access_token: &str, options: &[&str]) -> Run {
    let primary = idms.token_endpoint();
    let args = [
        "probe",
        "primary",
        "--token-endpoint",
        &primary,
        "--client-id",
        idms.client_id,
        "--resource",
        &idms.partner,
        "--access-token",
        "-",
    ];
    run_stdin(&[&args[..], options].concat(), access_token)
}

/// `migrate --service ptt` to the partner token endpoint `partner`, then `options`.
fn migrate(partner: &str, options: &[&str], stdin: &str) -> Run {
    run_stdin(&[&["migrate", "--partner-token-endpoint", partner, "--service", "ptt"][..], options].concat(), stdin)
}

fn failed_ids(report: &Value) -> BTreeSet<String> {
    ids_with(report, "fail")
}

fn ids_with(report: &Value, result: &str) -> BTreeSet<String> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["result"] == result)
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn b_7_migrate_runs_the_exchange_and_the_jwt_bearer_request_against_the_demo() {
    let base = demo();
    let token = demo_login(&base);
    let profile = sample_profile(&base);
    let out = run_stdin(
        &[
            "migrate",
            "--profile",
            profile.as_str(),
            "--service",
            "ptt",
            "--partner",
            "urn:mc:partner-a:ptt",
            "--token-endpoint",
            &format!("{base}/primary/token"),
            "--client-id",
            "mcx-console",
            "--access-token",
            "-",
            "--issuer",
            &format!("{base}/primary"),
            "--jwks-uri",
            &format!("{base}/primary/jwks.json"),
            "--allow-loopback-http",
            "--json",
        ],
        &token,
    );
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let report = out.json();
    assert_eq!(report["result"], "completed");
    assert_eq!(report["partner_token_endpoint"], format!("{base}/partner/a/token"));
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0]["step"], "token_exchange");
    assert_eq!(steps[1]["step"], "jwt_bearer");
    assert_eq!(steps[1]["response"]["status"], 200);
    assert!(ids_with(&report["security_token"], "fail").is_empty(), "{report:#}");
    assert!(ids_with(&report["security_token"], "skip").is_empty(), "{report:#}");
    // Secrets are masked everywhere: the primary access token, the security token, the partner's.
    assert!(!out.stdout.contains(&token));
    assert!(report["partner_tokens"]["access_token"].as_str().unwrap().contains("[redacted"));
    assert!(steps[0]["response"]["body"]["access_token"].as_str().unwrap().contains("[redacted"));
}

#[test]
fn b_7_migrate_failure_names_the_step_the_rule_and_the_server_answer() {
    let demo = Idms::demo(&demo());
    let token = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
    let primary = ["--token-endpoint", &demo.token_endpoint(), "--client-id", demo.client_id, "--access-token", token];
    let out = migrate(&demo.partner, &[&primary[..], &["--allow-loopback-http", "--json"]].concat(), "");
    assert_eq!(out.code, 1, "{}", out.stdout);
    let failure = &out.json()["failure"];
    assert_eq!(failure["step"], "token_exchange");
    assert_eq!(failure["code"], "error_response");
    assert_eq!(failure["server"]["status"], 400);
    assert_eq!(failure["server"]["error"], "invalid_request");
}

#[test]
fn b_7_migrate_stops_after_the_exchange_and_resumes_from_the_saved_flow() {
    let base = demo();
    let token = demo_login(&base);
    let saved = tempfile_path::TempPath::new("flow.json");
    let common = ["--allow-loopback-http", "--json"];
    let demo = Idms::demo(&base);
    let primary = ["--token-endpoint", &demo.token_endpoint(), "--client-id", demo.client_id, "--access-token", "-"];
    let save = ["--save", saved.as_str(), "--save-secrets", "--stop-after", "exchange"];
    let first = migrate(&demo.other_partner, &[&primary[..], &save, &common].concat(), &token);
    assert_eq!(first.code, 0, "{}", first.stdout);
    assert_eq!(first.json()["result"], "stopped");
    assert_eq!(first.json()["step"], "partner_request_to_send");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&saved.0).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let second = run_stdin(&[&["migrate", "--resume", saved.as_str()][..], &common[..]].concat(), "");
    assert_eq!(second.code, 0, "{}\n{}", second.stdout, second.stderr);
    let report = second.json();
    assert_eq!(report["result"], "completed");
    assert_eq!(report["steps"].as_array().unwrap().len(), 1);
    assert_eq!(report["steps"][0]["step"], "jwt_bearer");
}

#[test]
fn probe_partner_passes_the_demo_partner_and_skips_visibly_what_it_cannot_obtain() {
    let base = demo();
    let token = demo_login(&base);
    let out = probe_partner(&Idms::demo(&base), &["--access-token", "-"], &token);
    let report = out.json();
    assert!(failed_ids(&report).is_empty(), "{report:#}");
    // The demo's primary key signs no expired token for us: that one check is skipped, not passed.
    assert_eq!(ids_with(&report, "skip"), BTreeSet::from(["expired_assertion.status".to_owned()]));
    assert_eq!(report["passed"], false);
    assert_eq!(out.code, 3, "skipped checks never make exit status 0");
    for id in [
        "valid.status",
        "valid.no_store",
        "comma_scope.error",
        "alg_none_assertion.error",
        "assertion_for_another_target.error",
        "forged_signature.error",
        "get_method.status",
    ] {
        assert!(ids_with(&report, "pass").contains(id), "{id}: {report:#}");
    }
}

#[test]
fn probe_partner_passes_every_check_of_the_demo_partner_given_an_expired_assertion() {
    // The demo's primary key is fixed here, so the test signs what only the primary could: a
    // security token for partner a that expired 300 s ago (beyond the 30 s leeway, B.2.1.2).
    const PRIMARY_SCALAR: [u8; 32] = [0x2a; 32];
    let base = demo_with_primary_key(Some(PRIMARY_SCALAR));
    let token = demo_login(&base);
    let key = mcx_connect::token::SigningKey::es256(&PRIMARY_SCALAR).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let claims = serde_json::json!({
        "iss": format!("{base}/primary"), "sub": "alice", "azp": "mcx-console",
        "aud": ["mcx-console", format!("{base}/partner/a/token")],
        "iat": now - 420, "exp": now - 300, "mcptt_id": "sip:alice@primary.example",
    });
    let header = mcx_connect::token::JwsHeader::new(key.algorithm()).with_kid(mcx_connect_demo::PRIMARY_KID);
    let expired = mcx_connect::token::sign(&header, &claims, &key).unwrap();
    let out =
        probe_partner(&Idms::demo(&base), &["--access-token", "-", "--expired-assertion", expired.expose()], &token);
    let report = out.json();
    assert!(failed_ids(&report).is_empty(), "{report:#}");
    assert!(ids_with(&report, "skip").is_empty(), "{report:#}");
    assert!(ids_with(&report, "pass").contains("expired_assertion.status"), "{report:#}");
    assert!(ids_with(&report, "pass").contains("expired_assertion.error"), "{report:#}");
    assert_eq!(report["passed"], true);
    assert_eq!(out.code, 0, "every check of the demo partner passes");
}

#[test]
fn probe_primary_passes_the_demo_primary() {
    let base = demo();
    let demo = Idms::demo(&base);
    let options = ["--issuer", &demo.issuer(), "--jwks-uri", &demo.jwks_uri(), "--allow-loopback-http", "--json"];
    let out = probe_primary(&demo, &demo_login(&base), &options);
    let report = out.json();
    assert!(failed_ids(&report).is_empty(), "{report:#}");
    assert!(ids_with(&report, "skip").is_empty(), "{report:#}");
    assert_eq!(out.code, 0);
    assert_eq!(report["passed"], true);
    assert!(ids_with(&report, "pass").contains("valid.security_token.signature"));
}

// ----------------------------------------------------------------------------- the faulty IdMS

fn probe_faulty_partner(idms: &FaultyIdms) -> Run {
    let secrets = ["--access-token", &idms.access_token(), "--expired-assertion", "-"];
    probe_partner(&Idms::faulty(idms), &secrets, &idms.expired_security_token())
}

fn probe_faulty_primary(idms: &FaultyIdms) -> Run {
    let faulty = Idms::faulty(idms);
    let options = ["--issuer", &faulty.issuer(), "--jwks-uri", &faulty.jwks_uri(), "--allow-loopback-http", "--json"];
    probe_primary(&faulty, &idms.access_token(), &options)
}

#[test]
fn probe_passes_the_faulty_idms_with_no_fault_switched_on() {
    let idms = FaultyIdms::start(Faults::default());
    for out in [probe_faulty_partner(&idms), probe_faulty_primary(&idms)] {
        let report = out.json();
        assert!(failed_ids(&report).is_empty(), "{report:#}");
        assert!(ids_with(&report, "skip").is_empty(), "{report:#}");
        assert_eq!(out.code, 0);
    }
}

fn assert_only(report: &Value, expected: &[&str]) {
    let expected: BTreeSet<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(failed_ids(report), expected, "{report:#}");
}

#[test]
fn probe_reports_exactly_a_wrong_status() {
    let idms = FaultyIdms::start(Faults { wrong_status: true, ..Faults::default() });
    let out = probe_faulty_partner(&idms);
    assert_eq!(out.code, 1);
    let report = out.json();
    // Every refusal's status, and nothing else.
    let refusals: BTreeSet<String> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .filter(|id| id.ends_with(".status") && id != "valid.status")
        .collect();
    assert_eq!(refusals.len(), 13);
    assert_eq!(failed_ids(&report), refusals);
}

#[test]
fn probe_reports_exactly_a_wrong_error_code() {
    let idms = FaultyIdms::start(Faults { wrong_error_code: true, ..Faults::default() });
    assert_only(&probe_faulty_partner(&idms).json(), &["comma_scope.error", "no_mcx_scope.error"]);
}

#[test]
fn probe_reports_exactly_a_missing_no_store() {
    let idms = FaultyIdms::start(Faults { missing_no_store: true, ..Faults::default() });
    for out in [probe_faulty_partner(&idms), probe_faulty_primary(&idms)] {
        let failed = failed_ids(&out.json());
        assert!(failed.contains("valid.no_store"), "{failed:?}");
        assert!(failed.iter().all(|id| id.ends_with(".no_store")), "{failed:?}");
    }
}

#[test]
fn probe_reports_exactly_a_security_token_without_the_partner_in_aud() {
    let idms = FaultyIdms::start(Faults { security_token_wrong_aud: true, ..Faults::default() });
    assert_only(&probe_faulty_primary(&idms).json(), &["valid.security_token.aud_target"]);
    // The partner, which rightly refuses such an assertion, is not blamed: the checks that need a
    // valid assertion are skipped, naming the primary's broken rule.
    let out = probe_faulty_partner(&idms);
    let report = out.json();
    assert!(failed_ids(&report).is_empty(), "{report:#}");
    assert_eq!(out.code, 3, "skipped checks never make exit status 0");
    let valid = report["checks"].as_array().unwrap().iter().find(|c| c["id"] == "valid.status").unwrap();
    assert_eq!(valid["result"], "skip", "{valid:#}");
    assert!(valid["got"].as_str().unwrap().contains("breaks B.8 (aud_target)"), "{valid:#}");
}

#[test]
fn probe_reports_exactly_a_security_token_that_lives_too_long() {
    let idms = FaultyIdms::start(Faults { security_token_long_lifetime: true, ..Faults::default() });
    assert_only(&probe_faulty_primary(&idms).json(), &["valid.security_token.lifetime"]);
}

#[test]
fn probe_reports_exactly_an_accepted_expired_assertion() {
    let idms = FaultyIdms::start(Faults { accept_expired_assertion: true, ..Faults::default() });
    let report = probe_faulty_partner(&idms).json();
    let failed = failed_ids(&report);
    assert!(failed.contains("expired_assertion.status"), "{failed:?}");
    assert!(failed.iter().all(|id| id.starts_with("expired_assertion.")), "{failed:?}");
}

#[test]
fn probe_table_lists_check_rule_expected_got_and_result() {
    let idms = FaultyIdms::start(Faults { security_token_long_lifetime: true, ..Faults::default() });
    let out = probe_primary(&Idms::faulty(&idms), &idms.access_token(), &["--allow-loopback-http"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let header = out.stdout.lines().find(|l| l.starts_with("check")).unwrap();
    for column in ["check", "rule", "expected", "got", "result"] {
        assert!(header.contains(column), "{header}");
    }
    let lifetime = out.stdout.lines().find(|l| l.starts_with("valid.security_token.lifetime")).unwrap();
    assert!(lifetime.contains("3600 s") && lifetime.ends_with("FAIL"), "{lifetime}");
    // Without --jwks-uri and --issuer the signature and iss rules are skipped, visibly.
    let signature = out.stdout.lines().find(|l| l.starts_with("valid.security_token.signature")).unwrap();
    assert!(signature.contains("skipped") && signature.ends_with("skip"), "{signature}");
    assert!(out.stdout.contains("failed, 2 skipped"), "{}", out.stdout);
}

// ------------------------------------------------------------------------------------- login

/// `login` driven headlessly: the test plays the browser — it reads the printed authorization
/// URL, posts the demo's login form, and follows the redirect to the CLI's loopback port.
#[test]
fn b_4_login_with_pkce_and_a_loopback_redirect_then_migrate_from_the_saved_session() {
    use std::io::{BufRead, BufReader};
    let base = demo();
    let session = tempfile_path::TempPath::new("session.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_mcx-connect"))
        .args([
            "login",
            "--authorization-endpoint",
            &format!("{base}/primary/authorize"),
            "--token-endpoint",
            &format!("{base}/primary/token"),
            "--client-id",
            "mcx-console",
            "--service",
            "ptt",
            "--allow-loopback-http",
            "--no-browser",
            "--timeout",
            "60",
            "--save",
            session.as_str(),
            "--save-secrets",
            "--json",
        ])
        .env_remove("BROWSER")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let url = loop {
        let mut line = String::new();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "no authorization URL printed");
        if line.starts_with("http") {
            break line.trim().to_owned();
        }
    };
    assert!(url.starts_with(&format!("{base}/primary/authorize?response_type=code&")), "{url}");
    assert!(url.contains("code_challenge_method=S256") && url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A"));
    // The browser: the form, the submission, the redirect to the CLI's loopback listener.
    let form = agent().get(&url).call().unwrap();
    assert_eq!(form.status().as_u16(), 200);
    let location = submit_login_form(&base, url.split_once('?').unwrap().1);
    assert!(location.starts_with("http://127.0.0.1:") && location.contains("/callback?code="), "{location}");
    let landing = agent().get(&location).call().unwrap();
    assert_eq!(landing.status().as_u16(), 200);
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["token_type"], "Bearer");
    assert!(report["access_token"].as_str().unwrap().contains("[redacted"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&session.0).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // The saved session carries what `migrate` needs.
    let out =
        migrate(&Idms::demo(&base).partner, &["--session", session.as_str(), "--allow-loopback-http", "--json"], "");
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(out.json()["result"], "completed");
}

#[test]
fn a_session_saved_without_secrets_holds_no_token_and_migrate_says_what_to_do() {
    let path = tempfile_path::TempPath::with_contents(
        "bare-session.json",
        r#"{"version":1,"token_endpoint":"https://idms.primary.example/token","client_id":"c","scope":null,
            "expires_at":null,"secrets_included":false,"access_token":null,"refresh_token":null,"id_token":null}"#,
    );
    let out = migrate("https://idms.partner.example/token", &["--session", path.as_str()], "");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--save-secrets"), "{}", out.stderr);
}

#[test]
fn a_file_path_given_where_a_token_is_expected_gets_a_hint() {
    let primary =
        ["--token-endpoint", "https://idms.primary.example/token", "--client-id", "c", "--access-token", "./token.jwt"];
    let out = migrate("https://idms.partner.example/token", &primary, "");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--access-token - < FILE"), "{}", out.stderr);
}

#[test]
fn plain_http_to_a_host_other_than_loopback_is_refused_before_anything_is_sent() {
    let out = run_stdin(
        &[
            "probe",
            "partner",
            "--token-endpoint",
            "http://idms.partner.example/token",
            "--client-id",
            "c",
            "--service",
            "ptt",
            "--allow-loopback-http",
            "--json",
        ],
        "",
    );
    let report = out.json();
    assert_eq!(out.code, 1);
    let got = report["checks"][1]["got"].as_str().unwrap();
    assert!(got.contains("http_url_refused"), "{report:#}");
}

// ------------------------------------------------------------------------------------- TLS

fn probe_tls_primary(idms: &FaultyIdms, trust: &[&str]) -> Run {
    let faulty = Idms::faulty(idms);
    let options = ["--issuer", &faulty.issuer(), "--jwks-uri", &faulty.jwks_uri(), "--json", "-v"];
    probe_primary(&faulty, &idms.access_token(), &[&options[..], trust].concat())
}

#[test]
fn tls_a_private_ca_is_trusted_only_through_ca_file() {
    let (idms, pki) = FaultyIdms::start_tls(Faults::default());
    // Without --ca-file the Mozilla roots do not know the test CA: the JWK Set cannot be fetched.
    let untrusted = probe_tls_primary(&idms, &[]);
    assert_eq!(untrusted.code, 1, "{}", untrusted.stdout);
    assert_eq!(untrusted.json()["error"]["code"], "tls_failed", "{}", untrusted.stdout);
    let ca = tempfile_path::TempPath::with_contents("ca.pem", &pki.ca_pem);
    let trusted = probe_tls_primary(&idms, &["--ca-file", ca.as_str()]);
    assert_eq!(trusted.code, 0, "{}\n{}", trusted.stdout, trusted.stderr);
    // Verbose output shows the server certificate's subject and expiry.
    assert!(trusted.stderr.contains("subject CN=idms.test, O=Faulty IdMS, expires 20"), "{}", trusted.stderr);
}

#[test]
fn tls_pinning_needs_both_the_ca_and_the_pin() {
    let (idms, pki) = FaultyIdms::start_tls(Faults::default());
    let ca = tempfile_path::TempPath::with_contents("ca.pem", &pki.ca_pem);
    let pinned = probe_tls_primary(&idms, &["--ca-file", ca.as_str(), "--pin-sha256", &pki.pin]);
    assert_eq!(pinned.code, 0, "{}\n{}", pinned.stdout, pinned.stderr);
    assert!(pinned.stderr.contains(&pki.pin), "verbose output shows the pin form");
    let other_pin = "sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    let wrong = probe_tls_primary(&idms, &["--ca-file", ca.as_str(), "--pin-sha256", other_pin]);
    assert_eq!(wrong.code, 1);
    let report = wrong.json();
    assert_eq!(report["error"]["code"], "tls_failed");
    assert!(report["error"]["description"].as_str().unwrap().contains("--pin-sha256"), "{report:#}");
    // The pin alone does not replace the CA.
    let pin_only = probe_tls_primary(&idms, &["--pin-sha256", &pki.pin]);
    assert_eq!(pin_only.json()["error"]["code"], "tls_failed");
    let bad_pin = probe_tls_primary(&idms, &["--ca-file", ca.as_str(), "--pin-sha256", "not-base64!"]);
    assert_eq!(bad_pin.code, 2);
}

#[test]
fn b_7_3_migrate_refuses_a_security_token_without_the_partner_in_aud_and_shows_which_rule() {
    let idms = FaultyIdms::start(Faults { security_token_wrong_aud: true, ..Faults::default() });
    let faulty = Idms::faulty(&idms);
    let primary =
        ["--token-endpoint", &faulty.token_endpoint(), "--client-id", faulty.client_id, "--access-token", "-"];
    let out =
        migrate(&faulty.partner, &[&primary[..], &["--allow-loopback-http", "--json"]].concat(), &idms.access_token());
    assert_eq!(out.code, 1, "{}", out.stdout);
    let report = out.json();
    assert_eq!(report["failure"]["step"], "token_exchange");
    assert_eq!(report["failure"]["code"], "flow_unusable_security_token");
    assert_eq!(report["failure"]["server"]["status"], 200);
    assert_eq!(ids_with(&report["security_token"], "fail"), BTreeSet::from(["aud_target".to_owned()]));
    assert_eq!(report["steps"].as_array().unwrap().len(), 1, "the partner is never asked");
}
