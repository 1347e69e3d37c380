//! TS 24.484 user profiles: the partner systems a user may migrate to and their IdMS token
//! endpoints (TS 24.482 6.2.3 a), group token endpoints (6.2.3 NOTE 1).
//!
//! `UserProfile` and `UserProfiles` are classes (a parsed document and its look-ups); what they
//! return are plain objects whose members are the core's, in camelCase.

use crate::convert::{bytes_in, from_js_or_default, string_in};
use crate::error::{invalid_argument, throw};
use mcx_connect::{EndpointPolicy, McService, PartnerSystem, ProfileLimits, UserProfile, UserProfiles};
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_PROFILE: &str = r#"
/** Options for reading a profile document. */
export interface ProfileOptions {
  /** Accept `http://` endpoints on loopback hosts. */
  allowLoopbackHttp?: boolean;
  /** Largest document in bytes (default 4 MiB) and deepest nesting (default 64). */
  limits?: { maxBytes?: number; maxDepth?: number };
}

/** Which document was read. */
export type DocumentKind = { kind: "user_profile"; service: McService } | { kind: "ue_initial_configuration" };

/** `App-Server-Info` of an initial configuration. */
export interface AppServerInfo {
  idmsAuthEndpoint: string | null;
  idmsTokenEndpoint: string;
  httpProxy: string | null;
  gms: string | null;
  cms: string | null;
  kms: string | null;
  tlsTunnelMutualAuthentication: boolean | null;
}

/** An `mcptt-UE-initial-configuration`. */
export interface InitialConfiguration {
  domain: string;
  appServerInfo: AppServerInfo;
}

/** A partner system the user may migrate to. */
export interface PartnerSystem {
  /** Its system id, or else its domain: the id look-ups take. */
  id: string;
  service: McService;
  systemId: string | null;
  /** `access_information`: inside `AccessInformationForPartner…System` (6.2.3 a); `direct`: the released MCVideo shape. */
  shape: "access_information" | "direct";
  /** The partner IdMS token endpoint. */
  tokenEndpoint: string;
  initialConfiguration: InitialConfiguration;
}

/** A group with server information (6.2.3 NOTE 1). */
export interface GroupServerInfo {
  groupId: string;
  idmsTokenEndpoint: string | null;
}

/** Everything a `UserProfile` holds, as a plain object. */
export interface UserProfileData {
  kind: DocumentKind;
  xuiUri: string | null;
  primary: InitialConfiguration | null;
  partners: PartnerSystem[];
  groups: GroupServerInfo[];
}
"#;

/// `ProfileOptions` as JavaScript gives them.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsProfileOptions {
    /// Loopback http allowed.
    #[serde(default)]
    pub allow_loopback_http: bool,
    /// Limits.
    #[serde(default)]
    pub limits: JsProfileLimits,
}

/// `ProfileLimits` as JavaScript gives them.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsProfileLimits {
    /// Largest document in bytes.
    pub max_bytes: Option<u64>,
    /// Deepest nesting.
    pub max_depth: Option<u64>,
}

impl From<JsProfileLimits> for ProfileLimits {
    fn from(js: JsProfileLimits) -> Self {
        let default = ProfileLimits::default();
        ProfileLimits {
            max_bytes: js.max_bytes.unwrap_or(default.max_bytes),
            max_depth: js.max_depth.unwrap_or(default.max_depth),
        }
    }
}

/// Renames every object key of a serialised core value from snake_case to camelCase.
fn camel_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (camel(&k), camel_keys(v))).collect()),
        Value::Array(items) => Value::Array(items.into_iter().map(camel_keys).collect()),
        other => other,
    }
}

fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A core value as a JavaScript object with camelCase keys.
fn to_js_camel<T: serde::Serialize>(value: &T) -> Result<Value, JsValue> {
    serde_json::to_value(value).map(camel_keys).map_err(|e| invalid_argument("result", &e.to_string()))
}

fn value_out(value: &Value) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&value.to_string()).map_err(|_| invalid_argument("result", "not JSON"))
}

/// A partner with its computed `id` and `tokenEndpoint` (`PartnerSystem::id`, `token_endpoint`).
fn partner_value(partner: &PartnerSystem) -> Result<Value, JsValue> {
    let mut value = to_js_camel(partner)?;
    if let Value::Object(members) = &mut value {
        members.insert("id".into(), Value::String(partner.id().to_owned()));
        members.insert("tokenEndpoint".into(), Value::String(partner.token_endpoint().to_owned()));
    }
    Ok(value)
}

fn service_in(value: JsValue) -> Result<McService, JsValue> {
    let name = string_in(value, "service")?;
    McService::parse(&name).ok_or_else(|| invalid_argument("service", "expected `ptt`, `video` or `data`"))
}

/// One TS 24.484 document (`UserProfile`): an MC service user profile, or a stand-alone
/// `mcptt-UE-initial-configuration`.
#[wasm_bindgen(js_name = UserProfile)]
pub struct JsUserProfile {
    inner: UserProfile,
}

#[wasm_bindgen(js_class = UserProfile)]
impl JsUserProfile {
    /// Reads a document (`UserProfile::parse_with_limits`): XML as a `Uint8Array` or a string.
    pub fn parse(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] xml: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ProfileOptions")] options: Option<JsValue>,
    ) -> Result<JsUserProfile, JsValue> {
        let xml = bytes_in(&xml, "xml")?;
        let options: JsProfileOptions = from_js_or_default(options, "options")?;
        let policy = EndpointPolicy { allow_loopback_http: options.allow_loopback_http };
        Ok(Self { inner: throw(UserProfile::parse_with_limits(&xml, policy, options.limits.into()))? })
    }

    /// Everything the profile holds, as a plain object (partners with `id` and `tokenEndpoint`).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "UserProfileData")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        let mut value = to_js_camel(&self.inner)?;
        let partners = self.inner.partners().iter().map(partner_value).collect::<Result<Vec<_>, _>>()?;
        if let Value::Object(members) = &mut value {
            members.insert("partners".into(), Value::Array(partners));
        }
        value_out(&value)
    }

    /// The service of a user profile; `null` for a stand-alone initial configuration.
    #[wasm_bindgen(getter, unchecked_return_type = "McService | null")]
    pub fn service(&self) -> JsValue {
        self.inner.service().map_or(JsValue::NULL, |s| JsValue::from_str(s.as_str()))
    }

    /// The `XUI-URI` of a user profile, when present.
    #[wasm_bindgen(getter, js_name = xuiUri)]
    pub fn xui_uri(&self) -> Option<String> {
        self.inner.xui_uri().map(str::to_owned)
    }

    /// The partner systems, in document order.
    #[wasm_bindgen(getter, unchecked_return_type = "PartnerSystem[]")]
    pub fn partners(&self) -> Result<JsValue, JsValue> {
        let partners = self.inner.partners().iter().map(partner_value).collect::<Result<Vec<_>, _>>()?;
        value_out(&Value::Array(partners))
    }

    /// The groups with server information, in document order.
    #[wasm_bindgen(getter, unchecked_return_type = "GroupServerInfo[]")]
    pub fn groups(&self) -> Result<JsValue, JsValue> {
        value_out(&to_js_camel(&self.inner.groups())?)
    }

    /// The primary system's own initial configuration (stand-alone initial configuration), else `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "InitialConfiguration | null")]
    pub fn primary(&self) -> Result<JsValue, JsValue> {
        value_out(&to_js_camel(&self.inner.primary())?)
    }

    /// The partner with this id (`UserProfile::partner`); throws `profile_partner_not_found`.
    #[wasm_bindgen(unchecked_return_type = "PartnerSystem")]
    pub fn partner(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> Result<JsValue, JsValue> {
        let id = string_in(id, "id")?;
        value_out(&partner_value(throw(self.inner.partner(&id))?)?)
    }

    /// The partner IdMS token endpoint (`UserProfile::partner_token_endpoint`).
    #[wasm_bindgen(js_name = partnerTokenEndpoint)]
    pub fn partner_token_endpoint(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<String, JsValue> {
        let id = string_in(id, "id")?;
        throw(self.inner.partner_token_endpoint(&id)).map(str::to_owned)
    }

    /// The IdMS token endpoint of a group (`UserProfile::group_token_endpoint`).
    #[wasm_bindgen(js_name = groupTokenEndpoint)]
    pub fn group_token_endpoint(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = groupId)] group_id: JsValue,
    ) -> Result<String, JsValue> {
        let group_id = string_in(group_id, "groupId")?;
        throw(self.inner.group_token_endpoint(&group_id)).map(str::to_owned)
    }
}

/// The profiles of one user, one per service (`UserProfiles`), for look-ups by service.
#[wasm_bindgen(js_name = UserProfiles)]
#[derive(Default)]
pub struct JsUserProfiles {
    inner: UserProfiles,
}

#[wasm_bindgen(js_class = UserProfiles)]
impl JsUserProfiles {
    /// An empty collection.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsUserProfiles {
        Self::default()
    }

    /// Adds a profile (a copy: the given `UserProfile` stays usable).
    pub fn push(&mut self, profile: &JsUserProfile) {
        self.inner.push(profile.inner.clone());
    }

    /// The number of profiles.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.profiles().len()
    }

    /// The primary system's initial configuration, from a stand-alone document among them.
    #[wasm_bindgen(getter, unchecked_return_type = "InitialConfiguration | null")]
    pub fn primary(&self) -> Result<JsValue, JsValue> {
        value_out(&to_js_camel(&self.inner.primary())?)
    }

    /// The partner systems of a service, over all its profiles.
    #[wasm_bindgen(unchecked_return_type = "PartnerSystem[]")]
    pub fn partners(
        &self,
        #[wasm_bindgen(unchecked_param_type = "McService")] service: JsValue,
    ) -> Result<JsValue, JsValue> {
        let partners = self.inner.partners(service_in(service)?).map(partner_value).collect::<Result<Vec<_>, _>>()?;
        value_out(&Value::Array(partners))
    }

    /// The partner IdMS token endpoint for a service and partner id
    /// (`UserProfiles::partner_token_endpoint`).
    #[wasm_bindgen(js_name = partnerTokenEndpoint)]
    pub fn partner_token_endpoint(
        &self,
        #[wasm_bindgen(unchecked_param_type = "McService")] service: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<String, JsValue> {
        let service = service_in(service)?;
        let id = string_in(id, "id")?;
        throw(self.inner.partner_token_endpoint(service, &id)).map(str::to_owned)
    }

    /// The IdMS token endpoint of a group of a service (`UserProfiles::group_token_endpoint`).
    #[wasm_bindgen(js_name = groupTokenEndpoint)]
    pub fn group_token_endpoint(
        &self,
        #[wasm_bindgen(unchecked_param_type = "McService")] service: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = groupId)] group_id: JsValue,
    ) -> Result<String, JsValue> {
        let service = service_in(service)?;
        let group_id = string_in(group_id, "groupId")?;
        throw(self.inner.group_token_endpoint(service, &group_id)).map(str::to_owned)
    }
}
