//! The sans-IO migration flow (TS 33.180 B.7): token exchange at the primary, check of the
//! security token, jwt-bearer request at the partner, partner tokens. A class, `MigrationFlow`:
//! it yields the next `HttpRequest` and takes the `HttpResponse` the host got for it.

use crate::convert::{from_js, from_js_or_default, seconds_in, string_in, to_js};
use crate::error::throw;
use crate::http::{request_out, response_in};
use crate::scope::scope_in;
use mcx_connect as core;
use mcx_connect::{EndpointPolicy, FlowSecrets, MigrationFlow, MigrationStep, MigrationTarget, Secret};
use tsify::Ts;
use wasm_bindgen::prelude::*;

// `MigrationTarget`, `FlowFailure` and `FlowSecrets` are the core's own (feature `wasm`).
// Mirrored: the npm options bag takes the scope and the client secret as strings and the endpoint
// policy's one flag at its top level; the core's `MigrationConfig` holds a `ScopeSet`, a `Secret`
// and an `EndpointPolicy`.

/// The client's side of a migration.
#[derive(Clone, serde::Deserialize, tsify::Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationConfig {
    /// The primary IdMS token endpoint.
    pub primary_token_endpoint: String,
    /// The registered client id (B.7.4 `client_id`).
    pub client_id: String,
    /// A secret for `client_secret_basic` at the primary IdMS, if the client has one.
    #[serde(default)]
    pub client_secret: Option<String>,
    /// The scope asked of the partner: `openid` and `3gpp:mc:` values, space-delimited.
    pub scope: String,
    /// Accept `http://` on loopback hosts (tests, demos).
    #[serde(default)]
    pub allow_loopback_http: bool,
    /// Seconds the security token must still be valid when received and when sent (default 10).
    #[serde(default)]
    #[tsify(optional)]
    pub min_security_token_lifetime: Option<u64>,
    /// Response size limits.
    #[serde(default)]
    pub limits: mcx_connect::Limits,
}

impl MigrationConfig {
    fn into_core(self) -> Result<core::MigrationConfig, JsValue> {
        let mut config =
            core::MigrationConfig::new(self.primary_token_endpoint, self.client_id, scope_in(&self.scope)?);
        config.client_secret = self.client_secret.map(Secret::new);
        config.endpoint_policy = EndpointPolicy { allow_loopback_http: self.allow_loopback_http };
        if let Some(seconds) = self.min_security_token_lifetime {
            config.min_security_token_lifetime = seconds;
        }
        config.limits = self.limits;
        Ok(config)
    }
}

/// A user's migration to a partner MC system (TS 33.180 B.7, TS 24.482 6.2.3), as a state machine
/// without I/O: it hands out each HTTP request to send (`nextRequest`), takes each reply
/// (`handleResponse`), and checks the security token before it goes to the partner. First the
/// token exchange at the primary IdM server, then the jwt-bearer request at the partner's. Time is
/// an input: pass `now` in whole seconds since the epoch (`Math.floor(Date.now() / 1000)`).
///
/// @example
/// ```js
/// import { MigrationFlow, scopeForService, signToken, writeTokenExchangeResponse, writeTokenResponse } from "mcx-connect";
/// const now = Math.floor(Date.now() / 1000);
/// const partnerTokenEndpoint = "https://idms.partner.example/token";
/// const flow = new MigrationFlow(
///   { primaryTokenEndpoint: "https://idms.primary.example/token", clientId: "mcptt-client", scope: scopeForService("ptt") },
///   { service: "ptt", partnerTokenEndpoint },
///   "the-primary-access-token",
/// );
/// const exchange = flow.nextRequest(now); // POST it to the primary IdM server, e.g. fetch(exchange.url, exchange)
/// // The primary's reply (here written by this library's server role):
/// const { token } = await signToken({ alg: "HS256", secret: crypto.getRandomValues(new Uint8Array(32)) }, {
///   iss: "https://idms.primary.example", sub: "alice@primary.example", iat: now, exp: now + 300,
///   aud: ["mcptt-client", partnerTokenEndpoint],
/// });
/// const reply = writeTokenExchangeResponse({ accessToken: token, issuedTokenType: "urn:ietf:params:oauth:token-type:jwt", tokenType: "N_A", expiresIn: 300 });
/// flow.handleResponse(reply, now); // => "partner_request_to_send"
/// const partnerRequest = flow.nextRequest(now); // POST it to the partner IdM server
/// flow.handleResponse(writeTokenResponse({ accessToken: "partner-access", tokenType: "Bearer", expiresIn: 3600 }), now);
/// flow.isCompleted; // => true
/// flow.partnerTokens.accessToken; // => "partner-access"
/// flow.free();
/// ```
#[wasm_bindgen(js_name = MigrationFlow)]
pub struct JsMigrationFlow {
    inner: MigrationFlow,
}

#[wasm_bindgen(js_class = MigrationFlow)]
impl JsMigrationFlow {
    /// Starts a migration: checks both token endpoints (https; loopback http only when
    /// `config.allowLoopbackHttp`) and the scope now, before anything is sent.
    ///
    /// @throws {McxConnectError} `endpoint_invalid` or `endpoint_insecure` for an endpoint the
    /// policy refuses; `scope_missing_mcx` and the other scope codes for the scope;
    /// `invalid_argument` for a config of the wrong shape.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "MigrationConfig")] config: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MigrationTarget")] target: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = primaryAccessToken)] primary_access_token: JsValue,
    ) -> Result<JsMigrationFlow, JsValue> {
        let config = from_js::<MigrationConfig>(config, "config")?.into_core()?;
        let target = from_js::<MigrationTarget>(target, "target")?;
        let token = string_in(primary_access_token, "primaryAccessToken")?;
        Ok(Self { inner: throw(MigrationFlow::new(config, target, Secret::new(token)))? })
    }

    /// Restores a flow from `save()`; `secrets` gives back what was saved without them (the
    /// primary access token, the client secret). A flow saved in the middle of an exchange
    /// restores to send it again.
    ///
    /// @throws {McxConnectError} `flow_invalid_saved_flow` for text `save()` did not write.
    /// @example
    /// ```js
    /// import { MigrationFlow, scopeForService } from "mcx-connect";
    /// const flow = new MigrationFlow(
    ///   { primaryTokenEndpoint: "https://idms.primary.example/token", clientId: "mcptt-client", scope: scopeForService("ptt") },
    ///   { service: "ptt", partnerTokenEndpoint: "https://idms.partner.example/token" },
    ///   "the-primary-access-token",
    /// );
    /// const saved = flow.save(false); // no secret in it: fine for storage
    /// saved.includes("the-primary-access-token"); // => false
    /// const again = MigrationFlow.restore(saved, { primaryAccessToken: "the-primary-access-token" });
    /// again.step; // => "exchange_to_send"
    /// ```
    pub fn restore(
        #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FlowSecrets")] secrets: Option<JsValue>,
    ) -> Result<JsMigrationFlow, JsValue> {
        let json = string_in(json, "json")?;
        let secrets: FlowSecrets = from_js_or_default(secrets, "secrets")?;
        Ok(Self { inner: throw(MigrationFlow::restore(&json, secrets))? })
    }

    /// The flow as JSON text, for `MigrationFlow.restore`. The primary access token, the client
    /// secret and the security token are left out unless `includeSecrets`.
    pub fn save(&self, #[wasm_bindgen(js_name = includeSecrets)] include_secrets: bool) -> String {
        self.inner.save(include_secrets)
    }

    /// A new flow to another partner system from the same login (the same primary access token
    /// and configuration).
    ///
    /// @throws {McxConnectError} `endpoint_invalid` or `endpoint_insecure` for the new partner's
    /// token endpoint.
    #[wasm_bindgen(js_name = forAnotherPartner)]
    pub fn for_another_partner(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MigrationTarget")] target: JsValue,
    ) -> Result<JsMigrationFlow, JsValue> {
        let target = from_js::<MigrationTarget>(target, "target")?;
        Ok(Self { inner: throw(self.inner.for_another_partner(target))? })
    }

    /// The next request to send: the token exchange to the primary IdM server, then the jwt-bearer
    /// request to the partner's. An `HttpRequest` is a fetch `RequestInit` as it is.
    ///
    /// @throws {McxConnectError} `flow_wrong_step` when the flow waits for a response or has ended;
    /// `flow_unusable_security_token` when the held security token expired meanwhile;
    /// `now_in_milliseconds` for a `now` not in seconds.
    #[wasm_bindgen(js_name = nextRequest, unchecked_return_type = "HttpRequest")]
    pub fn next_request(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let now = seconds_in(&now, "now")?;
        request_out(throw(self.inner.next_request(now))?)
    }

    /// Takes the reply to the last request and returns the new step. The security token is checked
    /// (audience, expiry, lifetime) before the flow offers to send it to the partner.
    ///
    /// @throws {McxConnectError} `error_response` for an RFC 6749 error reply (the server's
    /// `oauthError`); `flow_unusable_security_token` for a security token the partner would refuse;
    /// the reply readers' codes for a malformed reply; `flow_wrong_step` when no request is
    /// outstanding. Each of these fails the flow (`failure` says why).
    #[wasm_bindgen(js_name = handleResponse, unchecked_return_type = "MigrationStep")]
    pub fn handle_response(
        &mut self,
        response: Ts<mcx_connect::HttpResponse>,
        #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let response = response_in(response)?;
        let now = seconds_in(&now, "now")?;
        let step = throw(self.inner.handle_response(&response, now))?;
        Ok(JsValue::from_str(step.as_str()))
    }

    /// The current step.
    #[wasm_bindgen(getter, unchecked_return_type = "MigrationStep")]
    pub fn step(&self) -> JsValue {
        JsValue::from_str(self.inner.step().as_str())
    }

    /// Whether the flow is completed.
    #[wasm_bindgen(getter, js_name = isCompleted)]
    pub fn is_completed(&self) -> bool {
        self.inner.step() == MigrationStep::Completed
    }

    /// The target of this flow.
    ///
    /// @throws {McxConnectError} not for a flow this library made: `invalid_argument` would mean
    /// its value could not be converted.
    #[wasm_bindgen(getter, unchecked_return_type = "MigrationTarget")]
    pub fn target(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.target())
    }

    /// The security token, once received and checked; else `undefined`.
    #[wasm_bindgen(getter, js_name = securityToken, unchecked_return_type = "string | undefined")]
    pub fn security_token(&self) -> JsValue {
        self.inner.security_token().map_or(JsValue::UNDEFINED, crate::convert::secret_out)
    }

    /// When the security token expires (its `exp`, seconds since the epoch), else `undefined`.
    #[wasm_bindgen(getter, js_name = securityTokenExpiresAt)]
    pub fn security_token_expires_at(&self) -> Option<f64> {
        #[allow(clippy::cast_precision_loss)]
        self.inner.security_token_expires_at().map(|t| t as f64)
    }

    /// The rule-by-rule check of the held security token at `now` (the rules the flow applies; the
    /// signature "not checked": the partner checks it), else `null`.
    ///
    /// @throws {McxConnectError} only for a `now` in milliseconds (`now_in_milliseconds`).
    #[cfg(feature = "token")]
    #[wasm_bindgen(js_name = securityTokenReport, unchecked_return_type = "SecurityTokenReport | null")]
    pub fn security_token_report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let now = seconds_in(&now, "now")?;
        match throw(self.inner.security_token_report(now))? {
            Some(report) => crate::token::report_out(report),
            None => Ok(JsValue::NULL),
        }
    }

    /// The partner's tokens once the flow is completed, else `null`.
    ///
    /// @throws {McxConnectError} not for a flow this library made: `invalid_argument` would mean
    /// its value could not be converted.
    #[wasm_bindgen(getter, js_name = partnerTokens, unchecked_return_type = "TokenResponse | null")]
    pub fn partner_tokens(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.partner_tokens())
    }

    /// Why the flow failed (its error code, the server's OAuth error), else `null`.
    ///
    /// @throws {McxConnectError} not for a flow this library made: `invalid_argument` would mean
    /// its value could not be converted.
    #[wasm_bindgen(getter, unchecked_return_type = "FlowFailure | null")]
    pub fn failure(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.failure())
    }
}
