//! Vector operations for issue 2: endpoints, scopes, token exchange, jwt-bearer, responses.

use super::input::{bool, opt_str, str};
use super::{bad_case, Failure, Outcome};
use mcx_connect::{
    ClientAuthentication, EndpointPolicy, Error, ErrorResponse, HttpRequest, HttpResponse, JwtBearerRequest, Limits,
    OAuthErrorCode, ParseMode, ParseOptions, ScopeSet, Secret, TokenEndpointResponse, TokenExchangeRequest,
    TokenExchangeResponse, TokenRequest, TokenResponse, TokenType,
};
use serde_json::{json, Value};

pub(super) fn dispatch(operation: &str, input: &Value) -> Option<Outcome> {
    Some(match operation {
        "endpoint.check" => endpoint_check(input),
        "scope.parse" => scope_parse(input),
        "scope.require_mcx" => scope_require_mcx(input),
        "exchange.build" => exchange_build(input),
        "exchange.parse" => exchange_parse(input),
        "token_request.parse" => token_request_parse(input),
        "exchange_response.read" => exchange_response_read(input),
        "exchange_response.write" => exchange_response_write(input),
        "jwt_bearer.build" => jwt_bearer_build(input),
        "jwt_bearer.parse" => jwt_bearer_parse(input),
        "token_response.read" => token_response_read(input),
        "token_response.write" => token_response_write(input),
        "token_endpoint_response.read" => token_endpoint_response_read(input),
        "error_response.write" => error_response_write(input),
        "http.parse_request_text" => http_parse_request_text(input),
        "http.parse_response_text" => http_parse_response_text(input),
        _ => return None,
    })
}

fn policy(input: &Value) -> EndpointPolicy {
    EndpointPolicy { allow_loopback_http: bool(input, "allow_loopback_http") }
}

pub(crate) fn parse_options(input: &Value) -> Result<ParseOptions, Failure> {
    let mode = match opt_str(input, "mode").unwrap_or("strict") {
        "strict" => ParseMode::Strict,
        "lenient" => ParseMode::Lenient,
        other => return Err(bad_case(format!("unknown mode `{other}`"))),
    };
    let limits = match input.get("limits") {
        Some(value) => serde_json::from_value(value.clone()).map_err(|e| bad_case(format!("input.limits: {e}")))?,
        None => Limits::default(),
    };
    Ok(ParseOptions {
        mode,
        limits,
        endpoint_policy: policy(input),
        accept_unknown_mcx_scopes: bool(input, "accept_unknown_mcx_scopes"),
    })
}

pub(crate) fn http_request(input: &Value) -> Result<HttpRequest, Failure> {
    let request = input.get("request").ok_or_else(|| bad_case("input.request is required"))?;
    let body = match (opt_str(request, "body"), opt_str(request, "body_base64")) {
        (Some(text), _) => text.as_bytes().to_vec(),
        (None, Some(encoded)) => base64_decode(encoded)?,
        (None, None) => Vec::new(),
    };
    let headers = match request.get("headers") {
        Some(headers) => pairs(headers)?,
        None => vec![("Content-Type".to_owned(), mcx_connect::FORM_CONTENT_TYPE.to_owned())],
    };
    Ok(HttpRequest {
        method: opt_str(request, "method").unwrap_or("POST").to_owned(),
        url: opt_str(request, "url").unwrap_or("https://idms.example/as/token.oauth2").to_owned(),
        headers,
        body,
    })
}

pub(crate) fn http_response(input: &Value) -> Result<HttpResponse, Failure> {
    let response = input.get("response").ok_or_else(|| bad_case("input.response is required"))?;
    let headers = match response.get("headers") {
        Some(headers) => pairs(headers)?,
        None => vec![("Content-Type".to_owned(), "application/json".to_owned())],
    };
    let body = match (opt_str(response, "body"), opt_str(response, "body_base64")) {
        (Some(text), _) => text.as_bytes().to_vec(),
        (None, Some(encoded)) => base64_decode(encoded)?,
        (None, None) => Vec::new(),
    };
    let status = response.get("status").and_then(Value::as_u64).and_then(|s| u16::try_from(s).ok()).unwrap_or(200);
    Ok(HttpResponse { status, headers, body })
}

fn base64_decode(text: &str) -> Result<Vec<u8>, Failure> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in text.bytes().filter(|&b| b != b'=') {
        let value = ALPHABET.iter().position(|&a| a == byte).ok_or_else(|| bad_case("body_base64 is not base64"))?;
        buffer = buffer << 6 | value as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Ok(out)
}

fn pairs(value: &Value) -> Result<Vec<(String, String)>, Failure> {
    let list = value.as_array().ok_or_else(|| bad_case("headers must be an array of [name, value]"))?;
    list.iter()
        .map(|pair| match pair.as_array().map(Vec::as_slice) {
            Some([Value::String(n), Value::String(v)]) => Ok((n.clone(), v.clone())),
            _ => Err(bad_case("each header must be [name, value]")),
        })
        .collect()
}

fn http_parse_request_text(input: &Value) -> Outcome {
    let parsed = HttpRequest::parse_text(str(input, "text")?, parse_options(input)?.mode).map_err(Error::from)?;
    let mut out = request_json(&parsed.value);
    out["normalisations"] = parsed.normalisations.iter().map(|n| n.code.as_str()).collect();
    Ok(out)
}

fn http_parse_response_text(input: &Value) -> Outcome {
    let response = HttpResponse::parse_text(str(input, "text")?).map_err(Error::from)?;
    Ok(json!({
        "status": response.status,
        "headers": response.headers.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
        "body": String::from_utf8_lossy(&response.body),
    }))
}

pub(crate) fn request_json(request: &HttpRequest) -> Value {
    json!({
        "method": request.method,
        "url": request.url,
        "headers": request.headers.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
        "body": String::from_utf8_lossy(&request.body),
    })
}

fn response_json(response: &HttpResponse) -> Value {
    json!({
        "status": response.status,
        "headers": response.headers.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
        "body_json": serde_json::from_slice::<Value>(&response.body).unwrap_or(Value::Null),
    })
}

pub(crate) fn client(input: &Value) -> Result<ClientAuthentication, Failure> {
    let Some(client) = input.get("client") else { return Ok(ClientAuthentication::None) };
    let id = || str(client, "client_id").map(str::to_owned);
    let secret = || str(client, "client_secret").map(Secret::new);
    Ok(match str(client, "method")? {
        "none" => ClientAuthentication::None,
        "client_id" => ClientAuthentication::ClientId { client_id: id()? },
        "client_secret_basic" => ClientAuthentication::ClientSecretBasic { client_id: id()?, client_secret: secret()? },
        "client_secret_post" => ClientAuthentication::ClientSecretPost { client_id: id()?, client_secret: secret()? },
        other => return Err(bad_case(format!("unknown client method `{other}`"))),
    })
}

fn client_json(client: &ClientAuthentication) -> Value {
    let method = match client {
        ClientAuthentication::None => "none",
        ClientAuthentication::ClientId { .. } => "client_id",
        ClientAuthentication::ClientSecretBasic { .. } => "client_secret_basic",
        ClientAuthentication::ClientSecretPost { .. } => "client_secret_post",
    };
    json!({ "method": method, "client_id": client.id(), "client_secret": client.secret().map(Secret::expose) })
}

fn codes(normalisations: &[mcx_connect::Normalisation]) -> Value {
    normalisations.iter().map(|n| n.code.clone()).collect()
}

fn endpoint_check(input: &Value) -> Outcome {
    policy(input).check(str(input, "url")?, "token endpoint").map_err(Error::from)?;
    Ok(json!({}))
}

fn scope_require_mcx(input: &Value) -> Outcome {
    ScopeSet::parse(str(input, "scope")?)
        .and_then(|set| set.require_mcx_with(bool(input, "accept_unknown")))
        .map_err(Error::from)?;
    Ok(json!({}))
}

fn scope_parse(input: &Value) -> Outcome {
    let text = str(input, "scope")?;
    let mut report = Vec::new();
    let set = match opt_str(input, "mode").unwrap_or("strict") {
        "lenient" => ScopeSet::parse_lenient(text, &mut report),
        _ => ScopeSet::parse(text),
    }
    .map_err(Error::from)?;
    Ok(json!({
        "scope": set.to_string(),
        "values": set.iter().map(|s| s.as_str().to_owned()).collect::<Vec<_>>(),
        "has_mcx": set.has_mcx(),
        "unknown_mcx": set.unknown_mcx().collect::<Vec<_>>(),
        "normalisations": codes(&report),
    }))
}

fn exchange_build(input: &Value) -> Outcome {
    let request =
        TokenExchangeRequest::new(str(input, "resource")?, str(input, "subject_token")?).with_client(client(input)?);
    Ok(request_json(&request.build(str(input, "token_endpoint")?, policy(input))?))
}

fn exchange_parse(input: &Value) -> Outcome {
    let parsed = TokenExchangeRequest::parse(&http_request(input)?, &parse_options(input)?)?;
    let request = &parsed.value;
    Ok(json!({
        "resource": request.resource,
        "subject_token": request.subject_token.expose(),
        "client": client_json(&request.client),
        "audience": request.audience,
        "scope": request.scope.as_ref().map(ToString::to_string),
        "requested_token_type": request.requested_token_type,
        "actor_token": request.actor_token.as_ref().map(|actor| actor.token.expose()),
        "actor_token_type": request.actor_token.as_ref().map(|actor| actor.token_type.as_str()),
        "normalisations": codes(&parsed.normalisations),
    }))
}

/// One token endpoint for every grant: the kind read, the client it names, the repairs.
fn token_request_parse(input: &Value) -> Outcome {
    let parsed = TokenRequest::parse(&http_request(input)?, &parse_options(input)?)?;
    let client = match &parsed.value {
        TokenRequest::TokenExchange(request) => &request.client,
        TokenRequest::JwtBearer(request) => &request.client,
        TokenRequest::AuthorizationCode(request) => &request.client,
        TokenRequest::Refresh(request) => &request.client,
    };
    Ok(json!({
        "kind": parsed.value.kind().as_str(),
        "client_id": client.id(),
        "normalisations": codes(&parsed.normalisations),
    }))
}

fn scope_input(input: &Value) -> Result<Option<ScopeSet>, Failure> {
    opt_str(input, "scope").map(|s| ScopeSet::parse(s).map_err(|e| Error::from(e).into())).transpose()
}

/// The members both token-endpoint replies have (RFC 6749 §5.1, RFC 8693 §2.2.1) of a reply
/// read, as the vectors write them, with the reply's own `{ "member": value }`. A macro (as is
/// `reply_from_input!`): the two reply types share these fields, not a type.
macro_rules! reply_json {
    ($read:ident, { $($own:tt)* }) => {
        json!({
            "access_token": $read.access_token.expose(),
            "token_type": $read.token_type.as_str(),
            "expires_in": $read.expires_in,
            "refresh_token": $read.refresh_token.as_ref().map(Secret::expose),
            "scope": $read.scope.as_ref().map(ToString::to_string),
            "scope_text": $read.scope_text,
            "normalisations": codes(&$read.normalisations),
            $($own)*
        })
    };
}

/// A reply of type `$reply` to write, its shared members read from the case's `$input` (the
/// `token_type` defaulting to `$token_type`), with the reply's own `{ field: value }`.
macro_rules! reply_from_input {
    ($reply:ident, $input:ident, $token_type:literal, { $($own:tt)* }) => {
        $reply {
            access_token: Secret::new(str($input, "access_token")?),
            token_type: TokenType::parse(opt_str($input, "token_type").unwrap_or($token_type)),
            expires_in: $input.get("expires_in").and_then(Value::as_u64),
            refresh_token: opt_str($input, "refresh_token").map(Secret::new),
            scope: scope_input($input)?,
            scope_text: None,
            normalisations: Vec::new(),
            $($own)*
        }
    };
}

fn exchange_response_read(input: &Value) -> Outcome {
    Ok(exchange_reply_json(&TokenExchangeResponse::from_http_response(&http_response(input)?, &Limits::default())?))
}

fn exchange_reply_json(read: &TokenExchangeResponse) -> Value {
    reply_json!(read, { "issued_token_type": read.issued_token_type })
}

fn exchange_response_write(input: &Value) -> Outcome {
    let response = reply_from_input!(TokenExchangeResponse, input, "N_A", {
        issued_token_type: opt_str(input, "issued_token_type").unwrap_or(mcx_connect::TOKEN_TYPE_JWT).to_owned(),
    });
    Ok(response_json(&response.to_http_response()))
}

fn jwt_bearer_build(input: &Value) -> Outcome {
    let scope = ScopeSet::parse(str(input, "scope")?).map_err(Error::from)?;
    let request = JwtBearerRequest::new(str(input, "assertion")?, client(input)?, scope);
    Ok(request_json(&request.build(str(input, "token_endpoint")?, policy(input))?))
}

fn jwt_bearer_parse(input: &Value) -> Outcome {
    let parsed = JwtBearerRequest::parse(&http_request(input)?, &parse_options(input)?)?;
    Ok(json!({
        "assertion": parsed.value.assertion.expose(),
        "client": client_json(&parsed.value.client),
        "scope": parsed.value.scope.to_string(),
        "unknown_mcx": parsed.value.scope.unknown_mcx().collect::<Vec<_>>(),
        "normalisations": codes(&parsed.normalisations),
    }))
}

fn token_response_read(input: &Value) -> Outcome {
    Ok(token_reply_json(&TokenResponse::from_http_response(&http_response(input)?, &Limits::default())?))
}

fn token_reply_json(read: &TokenResponse) -> Value {
    reply_json!(read, { "id_token": read.id_token.as_ref().map(Secret::expose) })
}

/// A reply of either shape: its kind, and the reply as the reader of that kind reads it.
fn token_endpoint_response_read(input: &Value) -> Outcome {
    Ok(match TokenEndpointResponse::from_http_response(&http_response(input)?, &Limits::default())? {
        TokenEndpointResponse::TokenExchange(read) => {
            json!({"kind": "token_exchange", "response": exchange_reply_json(&read)})
        }
        TokenEndpointResponse::Token(read) => json!({"kind": "token", "response": token_reply_json(&read)}),
    })
}

fn token_response_write(input: &Value) -> Outcome {
    let response = reply_from_input!(TokenResponse, input, "Bearer", {
        id_token: opt_str(input, "id_token").map(Secret::new),
    });
    Ok(response_json(&response.to_http_response()))
}

fn error_response_write(input: &Value) -> Outcome {
    let response = ErrorResponse::new(
        OAuthErrorCode::parse(str(input, "error")?),
        opt_str(input, "error_description").map(str::to_owned),
    );
    Ok(response_json(&response.to_http_response()))
}
