//! Vector operations for login (B.4) and refresh (B.5).

use super::input::{opt_str, str};
use super::request::{client, http_request, parse_options, request_json};
use super::{bad_case, Failure, Outcome};
use mcx_connect::{
    AuthorizationCodeRequest, AuthorizationRequest, EndpointPolicy, Error, IncomingAuthorizationRequest, Pkce,
    RefreshRequest, ScopeSet, Secret,
};
use serde_json::{json, Value};

pub(super) fn dispatch(operation: &str, input: &Value) -> Option<Outcome> {
    Some(match operation {
        "pkce.challenge" => pkce_challenge(input),
        "authorize.url" => authorize_url(input),
        "authorize.read_response" => authorize_read_response(input),
        "authorize.parse" => authorize_parse(input),
        "code_request.build" => code_request_build(input),
        "code_request.parse" => code_request_parse(input),
        "refresh.build" => refresh_build(input),
        "refresh.parse" => refresh_parse(input),
        _ => return None,
    })
}

fn policy(input: &Value) -> EndpointPolicy {
    EndpointPolicy { allow_loopback_http: super::input::bool(input, "allow_loopback_http") }
}

fn scope(input: &Value, key: &str) -> Result<Option<ScopeSet>, Failure> {
    opt_str(input, key).map(|s| ScopeSet::parse(s).map_err(|e| Error::from(e).into())).transpose()
}

fn pkce_challenge(input: &Value) -> Outcome {
    let pkce = Pkce::from_verifier(str(input, "verifier")?).map_err(Error::from)?;
    Ok(json!({ "challenge": pkce.challenge() }))
}

fn authorization_request(input: &Value) -> Result<AuthorizationRequest, Failure> {
    let pkce = Pkce::from_verifier(str(input, "code_verifier")?).map_err(Error::from)?;
    let mut request = AuthorizationRequest::with_values(
        str(input, "authorization_endpoint")?,
        str(input, "client_id")?,
        str(input, "redirect_uri")?,
        scope(input, "scope")?.ok_or_else(|| bad_case("input.scope is required"))?,
        Secret::new(str(input, "state")?),
        Secret::new(str(input, "nonce")?),
        pkce,
    );
    request.acr_values = opt_str(input, "acr_values").map(str::to_owned);
    request.issuer = opt_str(input, "issuer").map(str::to_owned);
    Ok(request)
}

fn authorize_url(input: &Value) -> Outcome {
    Ok(json!({ "url": authorization_request(input)?.url(policy(input))? }))
}

fn authorize_read_response(input: &Value) -> Outcome {
    let code = authorization_request(input)?.read_response(str(input, "redirect")?)?;
    Ok(json!({ "code": code.expose() }))
}

fn authorize_parse(input: &Value) -> Outcome {
    let parsed = IncomingAuthorizationRequest::parse_url(str(input, "url")?)?;
    Ok(json!({
        "client_id": parsed.client_id,
        "redirect_uri": parsed.redirect_uri,
        "scope": parsed.scope.to_string(),
        "state": parsed.state,
        "nonce": parsed.nonce,
        "code_challenge": parsed.code_challenge,
    }))
}

fn code_request_build(input: &Value) -> Outcome {
    let request = AuthorizationCodeRequest {
        code: Secret::new(str(input, "code")?),
        redirect_uri: str(input, "redirect_uri")?.to_owned(),
        code_verifier: Secret::new(str(input, "code_verifier")?),
        client: client(input)?,
    };
    Ok(request_json(&request.build(str(input, "token_endpoint")?, policy(input))?))
}

/// Parses a code token request; with `code_challenge` (and `expected_redirect_uri`) also
/// verifies PKCE and the redirect URI as the server does.
fn code_request_parse(input: &Value) -> Outcome {
    let parsed = AuthorizationCodeRequest::parse(&http_request(input)?, &parse_options(input)?)?.value;
    if let Some(challenge) = opt_str(input, "code_challenge") {
        let redirect = opt_str(input, "expected_redirect_uri").unwrap_or(&parsed.redirect_uri).to_owned();
        parsed.verify(challenge, &redirect)?;
    }
    Ok(json!({
        "code": parsed.code.expose(),
        "redirect_uri": parsed.redirect_uri,
        "code_verifier": parsed.code_verifier.expose(),
        "client_id": parsed.client.id(),
    }))
}

fn refresh_build(input: &Value) -> Outcome {
    let request = RefreshRequest::new(str(input, "refresh_token")?, scope(input, "scope")?, client(input)?);
    Ok(request_json(&request.build(str(input, "token_endpoint")?, policy(input))?))
}

/// Parses a refresh request; with `granted_scope` also applies the B.5 scope rule.
fn refresh_parse(input: &Value) -> Outcome {
    let parsed = RefreshRequest::parse(&http_request(input)?, &parse_options(input)?)?;
    if let Some(granted) = scope(input, "granted_scope")? {
        parsed.value.check_scope(&granted)?;
    }
    Ok(json!({
        "refresh_token": parsed.value.refresh_token.expose(),
        "scope": parsed.value.scope.map(|s| s.to_string()),
        "client_id": parsed.value.client.id(),
        "normalisations": parsed.normalisations.iter().map(|n| n.code.clone()).collect::<Vec<_>>(),
    }))
}
