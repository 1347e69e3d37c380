//! wasm-bindgen-test: the exported functions called as JavaScript would, in Node and in
//! headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`; `test.sh` runs both).
#![cfg(all(target_arch = "wasm32", feature = "login", feature = "flow", feature = "profile"))]
// wasm_bindgen_test functions are not `#[test]` to clippy, so its test allowances do not apply.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use js_sys::{Object, Reflect, Uint8Array};
use mcx_connect_wasm::{constants, exchange, http, jwt_bearer, login, response, scope};
use tsify::Ts;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn text(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_else(|| panic!("{key} is not a string"))
}

fn body_text(message: &JsValue) -> String {
    let body = get(message, "body").dyn_into::<Uint8Array>().expect("body is a Uint8Array");
    String::from_utf8(body.to_vec()).unwrap()
}

/// The thrown value is a `McxConnectError` (an `Error` subclass with name, code, oauthError).
fn error_fields(thrown: JsValue) -> (String, Option<String>, Option<f64>) {
    assert!(thrown.is_instance_of::<js_sys::Error>(), "not an Error: {thrown:?}");
    assert_eq!(text(&thrown, "name"), "McxConnectError");
    assert!(!text(&thrown, "message").is_empty());
    (text(&thrown, "code"), get(&thrown, "oauthError").as_string(), get(&thrown, "status").as_f64())
}

const CLIENT: &str = r#"{"method":"client_secret_basic","clientId":"mcptt-client","clientSecret":"s3cret"}"#;

#[wasm_bindgen_test]
fn b_7_2_token_exchange_round_trips_through_the_js_api() {
    let request = js(&format!(
        r#"{{"resource":"https://idms.partner.example/token","subjectToken":"primary-access","client":{CLIENT}}}"#
    ));
    let built = exchange::build_token_exchange_request(
        s("https://idms.primary.example/token"),
        Ts::new_unchecked(request),
        None,
    )
    .unwrap();
    assert_eq!(text(&built, "method"), "POST");
    assert!(body_text(&built).starts_with("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"));
    let parsed = exchange::parse_token_exchange_request(Ts::new_unchecked(built), None).unwrap();
    let value = get(&parsed, "value");
    assert_eq!(text(&value, "resource"), "https://idms.partner.example/token");
    assert_eq!(text(&value, "subjectToken"), "primary-access");
    assert_eq!(text(&get(&value, "client"), "method"), "client_secret_basic");
    assert_eq!(text(&get(&value, "client"), "clientSecret"), "s3cret");
}

#[wasm_bindgen_test]
fn b_7_4_strict_refusal_is_a_mcx_connect_error_with_the_rfc_code_and_status() {
    let request = js(r#"{"method":"POST","url":"https://p.example/t",
        "headers":[["Content-Type","application/x-www-form-urlencoded"]],
        "body":"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJhbGciOiJFUzI1NiJ9.e30.c2ln&client_id=c&scope=openid,3gpp:mc:ptt_service"}"#);
    let thrown = jwt_bearer::parse_jwt_bearer_request(Ts::new_unchecked(request.clone()), None).unwrap_err();
    let (code, oauth, status) = error_fields(thrown.clone());
    assert_eq!((code.as_str(), oauth.as_deref(), status), ("scope_comma", Some("invalid_scope"), Some(400.0)));
    assert!(get(&thrown, "description").as_string().is_some());
    let lenient = jwt_bearer::parse_jwt_bearer_request(
        Ts::new_unchecked(request),
        Some(Ts::new_unchecked(js(r#"{"mode":"lenient"}"#))),
    )
    .unwrap();
    assert_eq!(text(&get(&lenient, "value"), "scope"), "openid 3gpp:mc:ptt_service");
    let first = get(&lenient, "normalisations").dyn_into::<js_sys::Array>().unwrap().get(0);
    assert_eq!(text(&first, "code"), "comma_separated_scope");
}

#[wasm_bindgen_test]
fn client_role_errors_carry_the_code_and_the_servers_oauth_error() {
    let reply = js(
        r#"{"status":400,"headers":[["Content-Type","application/json"]],"body":"{\"error\":\"invalid_grant\",\"error_description\":\"expired\"}"}"#,
    );
    let thrown = response::read_token_response(Ts::new_unchecked(reply), None).unwrap_err();
    let (code, oauth, status) = error_fields(thrown.clone());
    assert_eq!((code.as_str(), oauth.as_deref(), status), ("error_response", Some("invalid_grant"), None));
    assert_eq!(get(&thrown, "description").as_string().as_deref(), Some("expired"));
    let (code, _, _) = error_fields(scope::parse_scope(s("openid openid"), None).unwrap_err());
    assert_eq!(code, "scope_duplicate");
}

#[wasm_bindgen_test]
fn a_value_of_the_wrong_shape_is_invalid_argument_not_a_panic() {
    let (code, oauth, _) =
        error_fields(http::parse_http_request_text(s("x"), Some(Ts::new_unchecked(JsValue::from(42)))).unwrap_err());
    assert_eq!((code.as_str(), oauth), ("invalid_argument", None));
    let (code, _, _) = error_fields(
        exchange::build_token_exchange_request(s("https://a.example/t"), Ts::new_unchecked(js("[1]")), None)
            .unwrap_err(),
    );
    assert_eq!(code, "invalid_argument");
    let (code, _, _) = error_fields(response::write_token_response(js(r#"{"access_token":"snake"}"#)).unwrap_err());
    assert_eq!(code, "invalid_argument");
}

#[wasm_bindgen_test]
fn responses_are_written_with_uint8array_bodies_and_null_for_absent_members() {
    let written =
        response::write_token_response(js(r#"{"accessToken":"at","tokenType":"Bearer","expiresIn":60}"#)).unwrap();
    assert_eq!(get(&written, "status").as_f64(), Some(200.0));
    assert_eq!(body_text(&written), r#"{"access_token":"at","expires_in":60,"token_type":"Bearer"}"#);
    let read = response::read_token_response(Ts::new_unchecked(written), None).unwrap();
    assert_eq!(get(&read, "expiresIn").as_f64(), Some(60.0));
    assert!(get(&read, "refreshToken").is_null());
    assert!(get(&read, "idToken").is_null());
}

#[wasm_bindgen_test]
fn b_4_login_with_pkce_runs_both_roles_with_random_values_from_the_host() {
    let init = js(r#"{"authorizationEndpoint":"https://idms.primary.example/authorize","clientId":"mcptt-client",
        "redirectUri":"com.example.mcptt:/callback","scope":"openid 3gpp:mc:ptt_service"}"#);
    let request = login::JsAuthorizationRequest::new(Ts::new_unchecked(init)).unwrap();
    assert_eq!(request.state().as_string().map(|state| state.len()), Some(22));
    let url = request.url(None).unwrap();
    let incoming = login::parse_authorization_request_url(s(&url)).unwrap();
    assert_eq!(text(&incoming.js_value(), "codeChallenge"), request.code_challenge());
    let redirect = login::authorization_success_redirect(incoming.clone(), s("the-code"), None).unwrap();
    assert_eq!(request.read_response(s(&redirect)).unwrap().as_string().as_deref(), Some("the-code"));
    // RFC 9207: a login expecting the server's `iss` reads the redirect that carries it, and no other.
    let init = js(r#"{"authorizationEndpoint":"https://idms.primary.example/authorize","clientId":"mcptt-client",
        "redirectUri":"com.example.mcptt:/callback","scope":"openid 3gpp:mc:ptt_service","issuer":"https://idms.primary.example"}"#);
    let expecting = login::JsAuthorizationRequest::new(Ts::new_unchecked(init)).unwrap();
    let incoming_too = login::parse_authorization_request_url(s(&expecting.url(None).unwrap())).unwrap();
    let issued = Some(s("https://idms.primary.example"));
    let with_iss = login::authorization_success_redirect(incoming_too.clone(), s("c2"), issued).unwrap();
    assert_eq!(expecting.read_response(s(&with_iss)).unwrap().as_string().as_deref(), Some("c2"));
    let without = login::authorization_success_redirect(incoming_too, s("c2"), None).unwrap();
    assert_eq!(error_fields(expecting.read_response(s(&without)).unwrap_err()).0, "login_issuer_mismatch");
    let code_request = request
        .code_request(s("the-code"), Some(Ts::new_unchecked(js(r#"{"method":"client_id","clientId":"mcptt-client"}"#))))
        .unwrap();
    let http = login::build_authorization_code_request(
        s("https://idms.primary.example/token"),
        Ts::new_unchecked(code_request),
        None,
    )
    .unwrap();
    let parsed = login::parse_authorization_code_request(Ts::new_unchecked(http), None).unwrap();
    login::verify_authorization_code_request(
        Ts::new_unchecked(get(&parsed, "value")),
        s(&request.code_challenge()),
        s(&request.redirect_uri()),
    )
    .unwrap();
    let (code, oauth, _) = error_fields(
        login::verify_authorization_code_request(
            Ts::new_unchecked(get(&parsed, "value")),
            s(&"A".repeat(43)),
            s(&request.redirect_uri()),
        )
        .unwrap_err(),
    );
    assert_eq!((code.as_str(), oauth.as_deref()), ("login_pkce_mismatch", Some("invalid_grant")));
    let restored = login::JsAuthorizationRequest::restore(request.save().unwrap()).unwrap();
    assert_eq!(restored.url(None).unwrap(), url);
    let (code, _, _) =
        error_fields(request.read_response(s("com.example.mcptt:/callback?code=x&state=forged")).unwrap_err());
    assert_eq!(code, "login_state_mismatch");
}

#[wasm_bindgen_test]
fn a_number_where_a_string_is_meant_is_invalid_argument_not_memory_corruption() {
    let (code, _, _) = error_fields(scope::parse_scope(JsValue::from(42), None).unwrap_err());
    assert_eq!(code, "invalid_argument");
    let (code, _, _) = error_fields(scope::scope_for_service(s("teleport")).unwrap_err());
    assert_eq!(code, "invalid_argument");
    assert_eq!(scope::service_of_scope(s("3gpp:mc:video_service")).unwrap().as_string().as_deref(), Some("video"));
}

#[wasm_bindgen_test]
fn constants_are_the_cores() {
    let all = constants::constants().unwrap().js_value();
    assert!(all.is_instance_of::<Object>());
    assert_eq!(text(&all, "grantTypeJwtBearer"), "urn:ietf:params:oauth:grant-type:jwt-bearer");
    assert_eq!(text(&all, "tokenTypeJwt"), "urn:ietf:params:oauth:token-type:jwt");
}

fn b64url(text: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

#[wasm_bindgen_test]
fn b_7_migration_flow_is_a_class_driven_by_requests_and_responses() {
    use mcx_connect_wasm::flow::JsMigrationFlow;
    let config = js(r#"{"primaryTokenEndpoint":"https://idms.primary.example/token","clientId":"mcptt-client",
        "scope":"openid 3gpp:mc:ptt_service"}"#);
    let target = js(r#"{"service":"ptt","partnerTokenEndpoint":"https://idms.partner.example/token"}"#);
    let mut flow = JsMigrationFlow::new(config, target, s("primary-access")).unwrap();
    assert_eq!(flow.step().as_string().as_deref(), Some("exchange_to_send"));
    let now = 1_700_000_000.0;
    let exchange = flow.next_request(JsValue::from(now)).unwrap();
    assert_eq!(text(&exchange, "url"), "https://idms.primary.example/token");
    let payload = r#"{"iss":"https://idms.primary.example","sub":"alice","aud":["mcptt-client","https://idms.partner.example/token"],"exp":1700000120,"iat":1700000000}"#;
    let token = format!("{}.{}.c2ln", b64url(r#"{"alg":"ES256"}"#), b64url(payload));
    let reply = exchange::write_token_exchange_response(js(&format!(
        r#"{{"accessToken":"{token}","issuedTokenType":"urn:ietf:params:oauth:token-type:jwt","tokenType":"N_A","expiresIn":120}}"#
    )))
    .unwrap();
    assert_eq!(
        flow.handle_response(Ts::new_unchecked(reply), JsValue::from(now)).unwrap().as_string().as_deref(),
        Some("partner_request_to_send")
    );
    assert_eq!(flow.security_token_expires_at(), Some(1_700_000_120.0));
    let partner = flow.next_request(JsValue::from(now + 1.0)).unwrap();
    let parsed = jwt_bearer::parse_jwt_bearer_request(Ts::new_unchecked(partner), None).unwrap();
    assert_eq!(text(&get(&parsed, "value"), "assertion"), token);
    let tokens = response::write_token_response(js(r#"{"accessToken":"partner-at","tokenType":"Bearer"}"#)).unwrap();
    assert_eq!(
        flow.handle_response(Ts::new_unchecked(tokens), JsValue::from(now + 2.0)).unwrap().as_string().as_deref(),
        Some("completed")
    );
    assert_eq!(text(&flow.partner_tokens().unwrap(), "accessToken"), "partner-at");
    let (code, _, _) = error_fields(flow.next_request(JsValue::from(now)).unwrap_err());
    assert_eq!(code, "flow_wrong_step");
    let (code, _, _) = error_fields(flow.next_request(JsValue::from(-1.5)).unwrap_err());
    assert_eq!(code, "invalid_argument");
}

#[wasm_bindgen_test]
fn ts24482_6_2_3_a_profile_gives_the_partner_token_endpoint() {
    use mcx_connect_wasm::profile::{JsUserProfile, JsUserProfiles};
    let xml = r#"<mcvideo-user-profile xmlns="urn:3gpp:ns:mcvideo:user-profile:1.0" XUI-URI="sip:alice@video.primary.example" user-profile-index="1"><OnNetwork><anyExt><MigratablePartnerMCVideoSystemInfo><PartnerMCVideoSystemId>urn:partner:video</PartnerMCVideoSystemId><mcptt-UE-initial-configuration xmlns="urn:3gpp:mcptt:mcpttUEinitConfig:1.0" domain="partner.example"><on-network><App-Server-Info><idms-token-endpoint>https://idms.partner.example/token</idms-token-endpoint></App-Server-Info></on-network></mcptt-UE-initial-configuration></MigratablePartnerMCVideoSystemInfo></anyExt></OnNetwork></mcvideo-user-profile>"#;
    let profile = JsUserProfile::parse(JsValue::from(Uint8Array::from(xml.as_bytes())), None).unwrap();
    assert_eq!(profile.partner_token_endpoint(s("urn:partner:video")).unwrap(), "https://idms.partner.example/token");
    let partner = profile.partner(s("urn:partner:video")).unwrap();
    assert_eq!(text(&partner, "shape"), "direct");
    assert_eq!(text(&partner, "tokenEndpoint"), "https://idms.partner.example/token");
    let mut all = JsUserProfiles::new();
    all.push(&profile);
    assert_eq!(
        all.partner_token_endpoint(s("video"), s("urn:partner:video")).unwrap(),
        "https://idms.partner.example/token"
    );
    let (code, _, _) = error_fields(all.partner_token_endpoint(s("ptt"), s("urn:partner:video")).unwrap_err());
    assert_eq!(code, "profile_service_not_loaded");
}
