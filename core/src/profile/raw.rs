//! Values as read, before they are checked. Checking waits until the enclosing partner or
//! group has been read, so that an error can name it (by id) in its element path.

use super::error::ProfileError;
use super::model::{AppServerInfo, GroupServerInfo, InitialConfiguration};
use super::reader::Names;
use super::xml::{Cursor, Ns};
use crate::endpoint::EndpointPolicy;
use crate::error::EndpointError;
use crate::form::Normalisation;
use crate::http::printable;
use crate::scope::McService;

/// A leaf of `App-Server-Info`: its element name and what it is called in errors.
#[derive(Clone, Copy)]
enum Leaf {
    AuthEndpoint,
    TokenEndpoint,
    HttpProxy,
    Gms,
    Cms,
    Kms,
}

impl Leaf {
    fn from_name(name: &[u8]) -> Option<Self> {
        Some(match name {
            b"idms-auth-endpoint" => Leaf::AuthEndpoint,
            b"idms-token-endpoint" => Leaf::TokenEndpoint,
            b"http-proxy" => Leaf::HttpProxy,
            b"gms" => Leaf::Gms,
            b"cms" => Leaf::Cms,
            b"kms" => Leaf::Kms,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Leaf::AuthEndpoint => "idms-auth-endpoint",
            Leaf::TokenEndpoint => "idms-token-endpoint",
            Leaf::HttpProxy => "http-proxy",
            Leaf::Gms => "gms",
            Leaf::Cms => "cms",
            Leaf::Kms => "kms",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Leaf::AuthEndpoint => "IdMS authorization endpoint",
            Leaf::TokenEndpoint => "IdMS token endpoint",
            Leaf::HttpProxy => "HTTP proxy",
            Leaf::Gms => "GMS endpoint",
            Leaf::Cms => "CMS endpoint",
            Leaf::Kms => "KMS endpoint",
        }
    }
}

/// An `mcptt-UE-initial-configuration` as read.
#[derive(Default)]
pub(super) struct RawConfig {
    domain: Option<String>,
    /// The six `App-Server-Info` leaves, in [`Leaf`] order; `None` when absent.
    leaves: [Option<String>; 6],
    mutual_authentication: Option<String>,
    app_server_info_seen: bool,
    /// The first problem met while reading, as (path relative to the configuration, reason);
    /// an empty reason means "appears more than once".
    problem: Option<(String, String)>,
}

impl RawConfig {
    /// A configuration with its `domain` attribute (if any) and nothing read yet.
    pub(super) fn with_domain(domain: Option<String>) -> Self {
        Self { domain, ..Self::default() }
    }

    /// The `domain` attribute, trimmed, when it is not empty.
    pub(super) fn domain(&self) -> Option<String> {
        self.domain.as_deref().map(str::trim).filter(|domain| !domain.is_empty()).map(str::to_owned)
    }

    /// Reads an `on-network` element that just started.
    pub(super) fn on_network(&mut self, cursor: &mut Cursor<'_>) -> Result<(), ProfileError> {
        cursor.children(|cursor, child| {
            if child.ns != Ns::InitConfig || child.local() != b"App-Server-Info" {
                return cursor.skip();
            }
            if std::mem::replace(&mut self.app_server_info_seen, true) {
                self.note("on-network/App-Server-Info".to_owned(), String::new());
            }
            self.app_server_info(cursor)
        })
    }

    fn note(&mut self, path: String, reason: String) {
        self.problem.get_or_insert((path, reason));
    }

    fn app_server_info(&mut self, cursor: &mut Cursor<'_>) -> Result<(), ProfileError> {
        cursor.children(|cursor, child| {
            if child.ns != Ns::InitConfig {
                return cursor.skip();
            }
            if let Some(leaf) = Leaf::from_name(child.local()) {
                let (value, had_child) = cursor.text()?;
                let path = || format!("on-network/App-Server-Info/{}", leaf.name());
                if had_child {
                    self.note(path(), "it holds elements where a URI is expected".to_owned());
                } else if let Some(slot) = self.leaves.get_mut(leaf as usize) {
                    if slot.replace(value).is_some() {
                        self.note(path(), String::new());
                    }
                }
                Ok(())
            } else if child.local() == b"tls-tunnel-auth-method" {
                self.tls_tunnel_auth_method(cursor)
            } else {
                cursor.skip()
            }
        })
    }

    fn tls_tunnel_auth_method(&mut self, cursor: &mut Cursor<'_>) -> Result<(), ProfileError> {
        cursor.children(|cursor, child| {
            if child.ns != Ns::InitConfig || child.local() != b"mutual-authentication" {
                return cursor.skip();
            }
            let (value, _) = cursor.text()?;
            if self.mutual_authentication.replace(value).is_some() {
                self.note(
                    "on-network/App-Server-Info/tls-tunnel-auth-method/mutual-authentication".to_owned(),
                    String::new(),
                );
            }
            Ok(())
        })
    }

    /// Checks what was read; `path` gives the element path of the `mcptt-UE-initial-configuration`
    /// (built only for an error).
    pub(super) fn finish(
        self,
        path: &dyn Fn() -> String,
        policy: &EndpointPolicy,
    ) -> Result<InitialConfiguration, ProfileError> {
        if let Some((relative, reason)) = self.problem {
            let path = format!("{}/{relative}", path());
            return Err(if reason.is_empty() {
                ProfileError::DuplicateElement { path }
            } else {
                ProfileError::InvalidValue { path, reason }
            });
        }
        let domain = match self.domain {
            Some(domain) if !domain.trim().is_empty() => domain.trim().to_owned(),
            _ => return Err(ProfileError::MissingElement { path: format!("{}/@domain", path()) }),
        };
        let [auth, token, proxy, gms, cms, kms] = self.leaves;
        let leaf_path = |leaf: Leaf| format!("{}/on-network/App-Server-Info/{}", path(), leaf.name());
        let Some(token) = token else {
            return Err(ProfileError::MissingElement { path: leaf_path(Leaf::TokenEndpoint) });
        };
        let endpoint = |leaf: Leaf, value: Option<String>, required: bool| -> Result<Option<String>, ProfileError> {
            let value = match value {
                Some(value) if required || !value.is_empty() => value,
                _ => return Ok(None),
            };
            let checked = match leaf {
                Leaf::HttpProxy => crate::uri::parse_absolute(&value)
                    .map(|_| ())
                    .map_err(|reason| EndpointError::Invalid { what: leaf.what(), reason: reason.to_owned() }),
                _ => policy.check(&value, leaf.what()),
            };
            checked.map_err(|reason| ProfileError::EndpointInvalid { path: leaf_path(leaf), reason })?;
            Ok(Some(value))
        };
        let idms_token_endpoint = endpoint(Leaf::TokenEndpoint, Some(token), true)?.unwrap_or_default();
        // The servers of the MC services themselves, which this library never calls: an address
        // the policy refuses is left out and reported, not a reason to refuse the whole entry.
        // The IdMS endpoints and the HTTP proxy (the way to reach them) stay strict.
        let mut normalisations = Vec::new();
        let mut service_server = |leaf: Leaf, value: Option<String>| {
            endpoint(leaf, value, false).unwrap_or_else(|error| {
                let why = format!("{error}; left out (this library never calls the {})", leaf.what());
                normalisations.push(Normalisation::new("endpoint_ignored", Some(leaf.name()), why));
                None
            })
        };
        let (gms, cms, kms) =
            (service_server(Leaf::Gms, gms), service_server(Leaf::Cms, cms), service_server(Leaf::Kms, kms));
        let app_server_info = AppServerInfo {
            idms_auth_endpoint: endpoint(Leaf::AuthEndpoint, auth, false)?,
            idms_token_endpoint,
            http_proxy: endpoint(Leaf::HttpProxy, proxy, false)?,
            gms,
            cms,
            kms,
            tls_tunnel_mutual_authentication: match self.mutual_authentication.as_deref() {
                None => None,
                Some("true" | "1") => Some(true),
                Some("false" | "0") => Some(false),
                Some(other) => {
                    return Err(ProfileError::InvalidValue {
                        path: format!(
                            "{}/on-network/App-Server-Info/tls-tunnel-auth-method/mutual-authentication",
                            path()
                        ),
                        reason: format!("`{}` is not an xs:boolean (true, false, 1, 0)", printable(other, 32)),
                    })
                }
            },
        };
        Ok(InitialConfiguration { domain, app_server_info, normalisations })
    }
}

/// A group as read.
#[derive(Default)]
pub(super) struct RawGroup {
    /// 1-based position among the groups of the profile (for error paths).
    position: usize,
    id: Option<String>,
    endpoint: Option<String>,
    /// Path (relative to the group) of the token endpoint element, when present.
    endpoint_element: Option<&'static str>,
    duplicate: Option<&'static str>,
}

impl RawGroup {
    /// The group at this 1-based position, nothing read yet.
    pub(super) fn at(position: usize) -> Self {
        Self { position, ..Self::default() }
    }

    /// The group id as read (for the report of a rejected group).
    pub(super) fn id(&self) -> Option<String> {
        self.id.clone()
    }

    /// Records the group id read from the element `name` (`None`: it had no `uri-entry`).
    pub(super) fn set_id(&mut self, id: Option<String>, name: &'static str) {
        if self.id.is_some() {
            self.duplicate.get_or_insert(name);
        }
        self.id = Some(id.unwrap_or_default());
    }

    /// Records the token endpoint read from the element at `path` (relative to the group).
    pub(super) fn set_endpoint(&mut self, endpoint: Option<String>, path: &'static str) {
        if self.endpoint_element.replace(path).is_some() {
            self.duplicate.get_or_insert(path);
        }
        self.endpoint = endpoint;
    }

    /// Checks what was read.
    pub(super) fn finish(self, names: &Names, policy: &EndpointPolicy) -> Result<GroupServerInfo, ProfileError> {
        let ptt = names.service == McService::Ptt;
        let id = self.id.filter(|id| !id.is_empty());
        let position = self.position;
        // Built only when there is an error to report.
        let prefix = |id: Option<&str>| {
            let element = if ptt { format!("{}/entry", names.group_info) } else { names.group_info.to_owned() };
            let label = match id {
                Some(id) if ptt => format!("[uri-entry='{}']", printable(id, 100)),
                Some(id) => format!("[{}='{}']", names.group_id, printable(id, 100)),
                None => format!("[{position}]"),
            };
            format!("{}/OnNetwork/{element}{label}", names.root)
        };
        if let Some(name) = self.duplicate {
            return Err(ProfileError::DuplicateElement { path: format!("{}/{name}", prefix(id.as_deref())) });
        }
        let Some(group_id) = id else {
            let missing = if ptt { "uri-entry".to_owned() } else { format!("{}/uri-entry", names.group_id) };
            return Err(ProfileError::MissingElement { path: format!("{}/{missing}", prefix(None)) });
        };
        let idms_token_endpoint = match (self.endpoint_element, self.endpoint) {
            (None, _) => None,
            (Some(element), None) => {
                let entry = if ptt { "entry/uri-entry" } else { "uri-entry" };
                return Err(ProfileError::MissingElement {
                    path: format!("{}/{element}/{entry}", prefix(Some(&group_id))),
                });
            }
            (Some(element), Some(endpoint)) => {
                policy.check(&endpoint, "group IdMS token endpoint").map_err(|reason| {
                    ProfileError::EndpointInvalid { path: format!("{}/{element}", prefix(Some(&group_id))), reason }
                })?;
                Some(endpoint)
            }
        };
        Ok(GroupServerInfo { group_id, idms_token_endpoint })
    }
}
