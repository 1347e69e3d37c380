//! TS 24.484 user profiles: the partner systems a user may migrate to and their IdMS token
//! endpoints (TS 24.482 6.2.3 a), group token endpoints (6.2.3 NOTE 1).
//!
//! `UserProfile` and `UserProfiles` are classes (a parsed document and its look-ups); what they
//! return are plain objects whose members are the core's, in camelCase.

use crate::convert::{bytes_in, string_in, to_js, ts_in_or_default};
use crate::error::{invalid_argument, throw};
use mcx_connect::{DocumentKind, EndpointPolicy, GroupServerInfo, InitialConfiguration, McService, PartnerShape};
use mcx_connect::{PartnerSystem as CorePartnerSystem, ProfileLimits, UserProfile, UserProfiles};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Options for reading a profile document.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileOptions {
    /// Accept `http://` endpoints on loopback hosts.
    #[serde(default)]
    pub allow_loopback_http: bool,
    /// Largest document in bytes (default 4 MiB) and deepest nesting (default 64).
    #[serde(default)]
    pub limits: ProfileLimits,
}

/// A partner system the user may migrate to: a binding view of the core's `PartnerSystem`, whose
/// members are private, with its computed `id` and `tokenEndpoint`.
#[derive(serde::Serialize, tsify::Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct PartnerSystem<'a> {
    /// Its system id, or else its domain: the id look-ups take.
    pub id: &'a str,
    /// The MC service.
    pub service: McService,
    /// The `Partner<Service>SystemId`, when given.
    pub system_id: Option<&'a str>,
    /// `access_information`: inside `AccessInformationForPartner…System` (6.2.3 a); `direct`: the
    /// released MCVideo shape.
    pub shape: PartnerShape,
    /// The partner IdMS token endpoint.
    pub token_endpoint: &'a str,
    /// Its `mcptt-UE-initial-configuration`.
    pub initial_configuration: &'a InitialConfiguration,
}

impl<'a> From<&'a CorePartnerSystem> for PartnerSystem<'a> {
    fn from(partner: &'a CorePartnerSystem) -> Self {
        PartnerSystem {
            id: partner.id(),
            service: partner.service(),
            system_id: partner.system_id(),
            shape: partner.shape(),
            token_endpoint: partner.token_endpoint(),
            initial_configuration: partner.initial_configuration(),
        }
    }
}

/// Everything a `UserProfile` holds, as a plain object (a binding view: the core's
/// `UserProfile` is a class here, with its partners as `PartnerSystem` views).
#[derive(serde::Serialize, tsify::Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct UserProfileData<'a> {
    /// Which document was read.
    pub kind: DocumentKind,
    /// The `XUI-URI` of a user profile.
    pub xui_uri: Option<&'a str>,
    /// The primary system's own initial configuration (stand-alone initial configuration).
    pub primary: Option<&'a InitialConfiguration>,
    /// The partner systems, in document order.
    pub partners: Vec<PartnerSystem<'a>>,
    /// The groups with server information, in document order.
    pub groups: &'a [GroupServerInfo],
}

fn partners_out<'a>(partners: impl Iterator<Item = &'a CorePartnerSystem>) -> Result<JsValue, JsValue> {
    to_js(&partners.map(PartnerSystem::from).collect::<Vec<_>>())
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
        options: Option<Ts<ProfileOptions>>,
    ) -> Result<JsUserProfile, JsValue> {
        let xml = bytes_in(&xml, "xml")?;
        let options: ProfileOptions = ts_in_or_default(options, "options")?;
        let policy = EndpointPolicy { allow_loopback_http: options.allow_loopback_http };
        Ok(Self { inner: throw(UserProfile::parse_with_limits(&xml, policy, options.limits))? })
    }

    /// Everything the profile holds, as a plain object (partners with `id` and `tokenEndpoint`).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "UserProfileData")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        let profile = &self.inner;
        to_js(&UserProfileData {
            kind: profile.kind(),
            xui_uri: profile.xui_uri(),
            primary: profile.primary(),
            partners: profile.partners().iter().map(PartnerSystem::from).collect(),
            groups: profile.groups(),
        })
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
        partners_out(self.inner.partners().iter())
    }

    /// The groups with server information, in document order.
    #[wasm_bindgen(getter, unchecked_return_type = "GroupServerInfo[]")]
    pub fn groups(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.groups())
    }

    /// The primary system's own initial configuration (stand-alone initial configuration), else `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "InitialConfiguration | null")]
    pub fn primary(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.primary())
    }

    /// The partner with this id (`UserProfile::partner`); throws `profile_partner_not_found`.
    #[wasm_bindgen(unchecked_return_type = "PartnerSystem")]
    pub fn partner(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> Result<JsValue, JsValue> {
        let id = string_in(id, "id")?;
        to_js(&PartnerSystem::from(throw(self.inner.partner(&id))?))
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
        to_js(&self.inner.primary())
    }

    /// The partner systems of a service, over all its profiles.
    #[wasm_bindgen(unchecked_return_type = "PartnerSystem[]")]
    pub fn partners(
        &self,
        #[wasm_bindgen(unchecked_param_type = "McService")] service: JsValue,
    ) -> Result<JsValue, JsValue> {
        partners_out(self.inner.partners(service_in(service)?))
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
