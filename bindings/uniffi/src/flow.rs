//! The sans-IO migration flow (TS 33.180 B.7, TS 24.482 6.2.3): one object per migration.

use crate::error::Result;
use mcx_connect::{FlowFailure, FlowSecrets, MigrationConfig, MigrationStep, MigrationTarget};
use mcx_connect::{HttpRequest, HttpResponse, Secret, TokenResponse};
use std::sync::{Arc, Mutex, MutexGuard};

// Wrapped: the core's flow advances with `&mut self`; a `Mutex` makes it a thread-safe object.
/// The transport-free migration state machine: `next_request` gives the request to send,
/// `handle_response` takes its answer, until `Completed` (or `Failed`). Thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct MigrationFlow(Mutex<mcx_connect::MigrationFlow>);

impl MigrationFlow {
    fn inner(&self) -> MutexGuard<'_, mcx_connect::MigrationFlow> {
        // The core never panics while the lock is held; recover the state if it ever did.
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn wrap(flow: mcx_connect::MigrationFlow) -> Arc<Self> {
        Arc::new(Self(Mutex::new(flow)))
    }
}

#[uniffi::export]
impl MigrationFlow {
    /// Starts a migration; a bad endpoint or a scope without an MCX value fails here.
    #[uniffi::constructor]
    pub fn new(config: MigrationConfig, target: MigrationTarget, primary_access_token: Secret) -> Result<Arc<Self>> {
        Ok(Self::wrap(mcx_connect::MigrationFlow::new(config, target, primary_access_token)?))
    }

    /// Restores a flow saved with `save`; `secrets` supplies what was saved without secrets.
    #[uniffi::constructor]
    pub fn restore(json: String, secrets: FlowSecrets) -> Result<Arc<Self>> {
        Ok(Self::wrap(mcx_connect::MigrationFlow::restore(&json, secrets)?))
    }

    /// A new flow to another partner from the same login.
    pub fn for_another_partner(&self, target: MigrationTarget) -> Result<Arc<Self>> {
        Ok(Self::wrap(self.inner().for_another_partner(target)?))
    }

    /// The next request to send, at `now` (seconds since the epoch).
    pub fn next_request(&self, now: u64) -> Result<HttpRequest> {
        Ok(self.inner().next_request(now)?)
    }

    /// Takes the response to the last request; returns the new step. A refusal or an unusable
    /// security token ends the flow (`Failed`) with the server's RFC error intact.
    pub fn handle_response(&self, response: HttpResponse, now: u64) -> Result<MigrationStep> {
        Ok(self.inner().handle_response(&response, now)?)
    }

    /// The current step.
    pub fn step(&self) -> MigrationStep {
        self.inner().step()
    }

    /// The target of this flow.
    pub fn target(&self) -> MigrationTarget {
        self.inner().target().clone()
    }

    /// The security token, once received and checked.
    pub fn security_token(&self) -> Option<Secret> {
        self.inner().security_token().cloned()
    }

    /// When the security token expires (its `exp`).
    pub fn security_token_expires_at(&self) -> Option<u64> {
        self.inner().security_token_expires_at()
    }

    /// The rule-by-rule check of the held security token at `now`, with the rules the flow
    /// applies (the signature "not checked": the partner checks it); absent before it is
    /// received. Fails only for a `now` in milliseconds.
    pub fn security_token_report(&self, now: u64) -> Result<Option<mcx_connect::token::SecurityTokenVerdict>> {
        Ok(self.inner().security_token_report(now)?.map(mcx_connect::token::SecurityTokenReport::verdict))
    }

    /// The partner's tokens, once completed.
    pub fn partner_tokens(&self) -> Option<TokenResponse> {
        self.inner().partner_tokens().cloned()
    }

    /// Why the flow failed, if it did.
    pub fn failure(&self) -> Option<FlowFailure> {
        self.inner().failure().cloned()
    }

    /// The flow as JSON, to survive an app suspension; secrets only when asked for.
    #[uniffi::method(default(include_secrets = false))]
    pub fn save(&self, include_secrets: bool) -> String {
        self.inner().save(include_secrets)
    }
}
