//! The frame every token request shares (RFC 6749 §3.2, §4.1.3, §6; RFC 8693 §2.1; RFC 7523
//! §2.1), written once: the client role writes a form POST from the request's pairs and the
//! client's authentication; the server role checks the POST, reads its form once, checks
//! `grant_type`, reads the client's authentication and the `scope`. Each request type reads only
//! its own parameters.

use crate::client::ClientAuthentication;
use crate::error::{Rejection, RequestError};
use crate::form::{self, Form, FormValue, Normalisation, ParseMode, ParseOptions, Parsed};
use crate::http::{self, FormPost, HttpRequest};
use crate::scope::ScopeSet;

/// Parameters of a token exchange request that RFC 8693 §2.1 lets a client repeat.
pub(crate) const REPEATABLE: [&str; 2] = ["resource", "audience"];

/// The body of a token request being built (client role): `grant_type` first, then the
/// request's parameters and the client's authentication in the order they are added.
pub(crate) struct TokenRequestBody<'a> {
    pairs: Vec<(&'static str, FormValue<'a>)>,
    authorization: Option<String>,
}

impl<'a> TokenRequestBody<'a> {
    /// A body that starts with `grant_type`. The longest request (a token exchange with
    /// `client_secret_post` and every optional parameter) fits without growing.
    pub(crate) fn new(grant_type: &'static str) -> Self {
        let mut pairs = Vec::with_capacity(10);
        pairs.push(("grant_type", FormValue::Text(grant_type)));
        Self { pairs, authorization: None }
    }

    /// Adds one parameter.
    pub(crate) fn pair(&mut self, name: &'static str, value: &'a str) -> &mut Self {
        self.pairs.push((name, FormValue::Text(value)));
        self
    }

    /// Adds the `scope` parameter (RFC 6749 §3.3), written from the set's values.
    pub(crate) fn scope(&mut self, scope: &'a ScopeSet) -> &mut Self {
        self.pairs.push(("scope", FormValue::Scope(scope)));
        self
    }

    /// Adds the client's authentication: parameters here, or an `Authorization` header.
    /// `client_id_in_body` forces `client_id` even with Basic (B.7.4).
    pub(crate) fn client(&mut self, client: &'a ClientAuthentication, client_id_in_body: bool) -> &mut Self {
        client.apply(&mut self.pairs, &mut self.authorization, client_id_in_body);
        self
    }

    /// The form POST to `token_endpoint`.
    pub(crate) fn post(self, token_endpoint: &str) -> HttpRequest {
        self.form().into_request(token_endpoint)
    }

    /// The form POST in its parts: the encoded body and the `Authorization` value, if any.
    pub(crate) fn form(self) -> FormPost {
        FormPost { body: form::encode_pairs_bytes(&self.pairs), authorization: self.authorization }
    }
}

/// Reads an incoming token request of one kind in full (server role): its frame (only the
/// parameters named in `repeatable` may repeat), then the kind's own parameters with `read`;
/// every repair is returned with the value.
pub(crate) fn parse_request<T>(
    request: &HttpRequest,
    options: &ParseOptions,
    repeatable: &[&str],
    read: impl FnOnce(&TokenRequestForm<'_>, &mut Vec<Normalisation>) -> Result<T, Rejection>,
) -> Result<Parsed<T>, Rejection> {
    let mut report = Vec::new();
    let frame = TokenRequestForm::read(request, options, &mut report, repeatable)?;
    let value = read(&frame, &mut report)?;
    Ok(Parsed { value, normalisations: report })
}

/// An incoming token request whose frame has been read (server role): a form POST, its form
/// parsed once, and the options it is read under.
pub(crate) struct TokenRequestForm<'r> {
    request: &'r HttpRequest,
    options: &'r ParseOptions,
    form: Form,
}

impl<'r> TokenRequestForm<'r> {
    /// Checks the POST and its `Content-Type` and parses the body once; the parameters named in
    /// `repeatable` may repeat (every other one sent twice is `duplicate_parameter`). Repairs go
    /// to `report`, even when the request is refused.
    pub(crate) fn read(
        request: &'r HttpRequest,
        options: &'r ParseOptions,
        report: &mut Vec<Normalisation>,
        repeatable: &[&str],
    ) -> Result<Self, Rejection> {
        http::check_form_post(request).map_err(Rejection::new)?;
        let form = Form::parse_with_repeats(&request.body, options, report, repeatable).map_err(Rejection::new)?;
        Ok(Self { request, options, form })
    }

    /// The parsed form.
    pub(crate) fn form(&self) -> &Form {
        &self.form
    }

    /// The options the request is read under.
    pub(crate) fn options(&self) -> &'r ParseOptions {
        self.options
    }

    /// `grant_type`: missing or empty is `invalid_request`.
    pub(crate) fn grant_type(&self) -> Result<&str, Rejection> {
        self.form.required("grant_type").map_err(Rejection::new)
    }

    /// `grant_type` must be `expected`: another value is `unsupported_grant_type`.
    pub(crate) fn check_grant_type(&self, expected: &'static str) -> Result<(), Rejection> {
        let found = self.grant_type()?;
        if found == expected {
            Ok(())
        } else {
            Err(Rejection::new(RequestError::UnsupportedGrantType { found: http::printable(found, 80), expected }))
        }
    }

    /// Refuses a second value of any of `names` with `duplicate_parameter`, as a parse that
    /// let none of them repeat would have (for the request types that do not allow repeats,
    /// when the form was read for any type).
    pub(crate) fn refuse_repeats(&self, names: &[&str]) -> Result<(), Rejection> {
        match names.iter().find(|name| self.form.all(name).nth(1).is_some()) {
            Some(name) => Err(Rejection::new(RequestError::DuplicateParameter((*name).to_owned()))),
            None => Ok(()),
        }
    }

    /// The client's identification and authentication (RFC 6749 §2.3).
    pub(crate) fn client(&self) -> Result<ClientAuthentication, Rejection> {
        ClientAuthentication::read(self.request, &self.form).map_err(Rejection::new)
    }

    /// An optional `scope` (RFC 6749 §3.3), read as [`read_scope`] does.
    pub(crate) fn optional_scope(&self, report: &mut Vec<Normalisation>) -> Result<Option<ScopeSet>, Rejection> {
        self.form.optional("scope").map(|text| read_scope(text, self.options.mode, report)).transpose()
    }

    /// A required `scope`: missing or empty is `invalid_request`.
    pub(crate) fn required_scope(&self, report: &mut Vec<Normalisation>) -> Result<ScopeSet, Rejection> {
        read_scope(self.form.required("scope").map_err(Rejection::new)?, self.options.mode, report)
    }
}

/// A `scope` value, strictly ([`ScopeSet::parse`]) or leniently with every repair reported
/// ([`ScopeSet::parse_lenient`]).
fn read_scope(text: &str, mode: ParseMode, report: &mut Vec<Normalisation>) -> Result<ScopeSet, Rejection> {
    match mode {
        ParseMode::Strict => ScopeSet::parse(text),
        ParseMode::Lenient => ScopeSet::parse_lenient(text, report),
    }
    .map_err(Rejection::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6749_3_2_a_repeat_a_type_does_not_allow_is_duplicate_parameter() {
        let strict = ParseOptions::strict();
        let request = HttpRequest::form_post("https://a.example/t", "grant_type=x&audience=a&audience=b");
        let frame = TokenRequestForm::read(&request, &strict, &mut Vec::new(), &REPEATABLE).unwrap();
        let refused = frame.refuse_repeats(&REPEATABLE).unwrap_err();
        assert_eq!((refused.error.as_str(), refused.code()), ("invalid_request", "duplicate_parameter"));
        let once = HttpRequest::form_post("https://a.example/t", "grant_type=x&audience=a&resource=r");
        let frame = TokenRequestForm::read(&once, &strict, &mut Vec::new(), &REPEATABLE).unwrap();
        assert!(frame.refuse_repeats(&REPEATABLE).is_ok());
    }

    #[test]
    fn rfc6749_5_2_another_grant_type_is_unsupported_grant_type() {
        let strict = ParseOptions::strict();
        let request = HttpRequest::form_post("https://a.example/t", "grant_type=password");
        let frame = TokenRequestForm::read(&request, &strict, &mut Vec::new(), &[]).unwrap();
        let refused = frame.check_grant_type("refresh_token").unwrap_err();
        assert_eq!(refused.error.as_str(), "unsupported_grant_type");
    }

    #[test]
    fn rfc6749_3_3_lenient_scope_reports_its_repairs_strict_refuses() {
        let (lenient, strict) = (ParseOptions::lenient(), ParseOptions::strict());
        let request = HttpRequest::form_post("https://a.example/t", "scope=openid,3gpp%3Amc%3Aptt_service");
        let mut report = Vec::new();
        let frame = TokenRequestForm::read(&request, &lenient, &mut report, &[]).unwrap();
        assert!(frame.required_scope(&mut report).is_ok());
        assert_eq!(report.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), ["comma_separated_scope"]);
        let frame = TokenRequestForm::read(&request, &strict, &mut Vec::new(), &[]).unwrap();
        assert!(frame.optional_scope(&mut Vec::new()).is_err());
    }
}
