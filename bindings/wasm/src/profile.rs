//! TS 24.484 user profiles: the partner systems a user may migrate to and their IdMS token
//! endpoints (TS 24.482 6.2.3 a), group token endpoints (6.2.3 NOTE 1).
//!
//! `UserProfile` and `UserProfiles` are classes (a parsed document and its look-ups); what they
//! return are the core's own values (`PartnerSystem`, `UserProfileData`, …) as plain objects.

use crate::convert::{bytes_in, string_in, to_js, ts_in_or_default};
use crate::error::throw;
use crate::scope::service_in;
use mcx_connect::{EndpointPolicy, ProfileLimits, UserProfile, UserProfiles};
use tsify::Ts;
use wasm_bindgen::prelude::*;

// Mirrored: the npm options bag holds the endpoint policy's one flag beside the limits; Kotlin,
// Swift and Python take the core's `EndpointPolicy` and `ProfileLimits` as two arguments.
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

/// One TS 24.484 document: an MC service user profile (MCPTT, MCVideo, MCData), or a stand-alone
/// `mcptt-UE-initial-configuration`. It names the partner systems a user may migrate to and their
/// IdM server token endpoints (TS 24.482 6.2.3). Call `free()` when done with it.
///
/// @example
/// ```js
/// import { UserProfile } from "mcx-connect";
/// const xml = `<mcvideo-user-profile xmlns="urn:3gpp:ns:mcvideo:user-profile:1.0" XUI-URI="sip:alice@video.primary.example">
///  <OnNetwork><anyExt><MigratablePartnerMCVideoSystemInfo>
///   <PartnerMCVideoSystemId>urn:mc:partner-a:video</PartnerMCVideoSystemId>
///   <mcptt-UE-initial-configuration xmlns="urn:3gpp:mcptt:mcpttUEinitConfig:1.0" domain="partner-a.example">
///    <on-network><App-Server-Info>
///     <idms-auth-endpoint>https://idms.partner-a.example/authorize</idms-auth-endpoint>
///     <idms-token-endpoint>https://idms.partner-a.example/token</idms-token-endpoint>
///     <http-proxy>https://proxy.partner-a.example:8443</http-proxy>
///     <gms>https://gms.partner-a.example</gms><cms>https://cms.partner-a.example</cms><kms>https://kms.partner-a.example/kms</kms>
///     <tls-tunnel-auth-method><mutual-authentication>true</mutual-authentication></tls-tunnel-auth-method>
///    </App-Server-Info></on-network>
///   </mcptt-UE-initial-configuration>
///  </MigratablePartnerMCVideoSystemInfo></anyExt></OnNetwork>
/// </mcvideo-user-profile>`;
/// const profile = UserProfile.parse(xml);
/// profile.service; // => "video"
/// profile.partners.map((partner) => partner.id); // => ["urn:mc:partner-a:video"]
/// profile.partnerTokenEndpoint("urn:mc:partner-a:video"); // => "https://idms.partner-a.example/token"
/// profile.free();
/// ```
#[wasm_bindgen(js_name = UserProfile)]
pub struct JsUserProfile {
    inner: UserProfile,
}

#[wasm_bindgen(js_class = UserProfile)]
impl JsUserProfile {
    /// Reads a document: XML as a `Uint8Array` or a string. Every token endpoint is checked as it
    /// is read (https; loopback http only with `options.allowLoopbackHttp`); sizes are bounded
    /// (`options.limits`: bytes, depth, elements).
    ///
    /// @throws {McxConnectError} `profile_malformed_xml`, `profile_dtd_refused`, `profile_unknown_root`,
    /// `profile_wrong_namespace`, `profile_missing_element`, `profile_duplicate_element`,
    /// `profile_invalid_value`, `profile_endpoint_invalid`, `profile_duplicate_partner`, …; the description names the path of
    /// the faulty element.
    pub fn parse(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] xml: JsValue,
        options: Option<Ts<ProfileOptions>>,
    ) -> Result<JsUserProfile, JsValue> {
        let xml = bytes_in(&xml, "xml")?;
        let options: ProfileOptions = ts_in_or_default(options, "options")?;
        let policy = EndpointPolicy { allow_loopback_http: options.allow_loopback_http };
        Ok(Self { inner: throw(UserProfile::parse_with_limits(&xml, policy, options.limits))? })
    }

    /// Everything the profile holds, as a plain object (partners with `id` and `tokenEndpoint`);
    /// also what `JSON.stringify(profile)` writes.
    ///
    /// @throws {McxConnectError} not for a profile this library read: `invalid_argument` would mean
    /// its values could not be converted.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "UserProfileData")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner)
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
    ///
    /// @throws {McxConnectError} not for a profile this library read: `invalid_argument` would mean
    /// its values could not be converted.
    #[wasm_bindgen(getter, unchecked_return_type = "PartnerSystem[]")]
    pub fn partners(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.partners())
    }

    /// The groups with server information, in document order.
    ///
    /// @throws {McxConnectError} not for a profile this library read: `invalid_argument` would mean
    /// its values could not be converted.
    #[wasm_bindgen(getter, unchecked_return_type = "GroupServerInfo[]")]
    pub fn groups(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.groups())
    }

    /// The partner systems and groups the profile lists but that could not be used (an insecure
    /// or missing token endpoint, a value of the wrong type, …), in document order, each with its
    /// error `code` and `description`. They never hide the usable ones; `partner(id)` or
    /// `group(id)` of one throws its reason.
    ///
    /// @throws {McxConnectError} not for a profile this library read: `invalid_argument` would mean
    /// its values could not be converted.
    #[wasm_bindgen(getter, unchecked_return_type = "RejectedEntry[]")]
    pub fn rejected(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.rejected())
    }

    /// The primary system's own initial configuration (a stand-alone initial configuration), else
    /// `null`.
    ///
    /// @throws {McxConnectError} not for a profile this library read: `invalid_argument` would mean
    /// its values could not be converted.
    #[wasm_bindgen(getter, unchecked_return_type = "InitialConfiguration | null")]
    pub fn primary(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.primary())
    }

    /// The partner system with this id (its `Partner…SystemId`, or its domain when it has none).
    ///
    /// @throws {McxConnectError} `profile_partner_not_found` when the profile has no such partner.
    #[wasm_bindgen(unchecked_return_type = "PartnerSystem")]
    pub fn partner(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> Result<JsValue, JsValue> {
        let id = string_in(id, "id")?;
        to_js(throw(self.inner.partner(&id))?)
    }

    /// The token endpoint of a partner system's IdM server (checked when the profile was read).
    ///
    /// @throws {McxConnectError} `profile_partner_not_found` when the profile has no such partner.
    #[wasm_bindgen(js_name = partnerTokenEndpoint)]
    pub fn partner_token_endpoint(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<String, JsValue> {
        let id = string_in(id, "id")?;
        throw(self.inner.partner_token_endpoint(&id)).map(str::to_owned)
    }

    /// The group with this id, with its IdMS token endpoint when the profile names one.
    ///
    /// @throws {McxConnectError} `profile_group_not_found` when the profile has no such group; for a
    /// group the profile lists but that could not be used, the reason it was rejected.
    #[wasm_bindgen(unchecked_return_type = "GroupServerInfo")]
    pub fn group(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = groupId)] group_id: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(throw(self.inner.group(&string_in(group_id, "groupId")?))?)
    }

    /// The token endpoint of the IdM server that serves a group (checked when the profile was read).
    ///
    /// @throws {McxConnectError} `profile_group_not_found` when the profile has no such group.
    #[wasm_bindgen(js_name = groupTokenEndpoint)]
    pub fn group_token_endpoint(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string", js_name = groupId)] group_id: JsValue,
    ) -> Result<String, JsValue> {
        let group_id = string_in(group_id, "groupId")?;
        throw(self.inner.group_token_endpoint(&group_id)).map(str::to_owned)
    }
}

/// The profiles of one user, one per service, for look-ups by service. Call `free()` when done
/// with it.
///
/// @example
/// ```js
/// import { UserProfile, UserProfiles } from "mcx-connect";
/// const xml = `<mcvideo-user-profile xmlns="urn:3gpp:ns:mcvideo:user-profile:1.0" XUI-URI="sip:alice@video.primary.example">
///  <OnNetwork><anyExt><MigratablePartnerMCVideoSystemInfo>
///   <PartnerMCVideoSystemId>urn:mc:partner-a:video</PartnerMCVideoSystemId>
///   <mcptt-UE-initial-configuration xmlns="urn:3gpp:mcptt:mcpttUEinitConfig:1.0" domain="partner-a.example">
///    <on-network><App-Server-Info>
///     <idms-auth-endpoint>https://idms.partner-a.example/authorize</idms-auth-endpoint>
///     <idms-token-endpoint>https://idms.partner-a.example/token</idms-token-endpoint>
///     <http-proxy>https://proxy.partner-a.example:8443</http-proxy>
///     <gms>https://gms.partner-a.example</gms><cms>https://cms.partner-a.example</cms><kms>https://kms.partner-a.example/kms</kms>
///     <tls-tunnel-auth-method><mutual-authentication>true</mutual-authentication></tls-tunnel-auth-method>
///    </App-Server-Info></on-network>
///   </mcptt-UE-initial-configuration>
///  </MigratablePartnerMCVideoSystemInfo></anyExt></OnNetwork>
/// </mcvideo-user-profile>`;
/// const profiles = new UserProfiles();
/// profiles.push(UserProfile.parse(xml));
/// profiles.partnerTokenEndpoint("video", "urn:mc:partner-a:video"); // => "https://idms.partner-a.example/token"
/// try {
///   profiles.partnerTokenEndpoint("ptt", "urn:mc:partner-a:video");
/// } catch (e) {
///   e.code; // => "profile_service_not_loaded"
/// }
/// profiles.free();
/// ```
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

    /// The primary system's initial configuration, from a stand-alone document among them, else
    /// `null`.
    ///
    /// @throws {McxConnectError} not for a profile this library read: `invalid_argument` would mean
    /// its values could not be converted.
    #[wasm_bindgen(getter, unchecked_return_type = "InitialConfiguration | null")]
    pub fn primary(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.primary())
    }

    /// The partner systems of a service, over all its profiles.
    ///
    /// @throws {McxConnectError} `invalid_argument` unless `service` is `"ptt"`, `"video"` or `"data"`.
    #[wasm_bindgen(unchecked_return_type = "PartnerSystem[]")]
    pub fn partners(
        &self,
        #[wasm_bindgen(unchecked_param_type = "McService")] service: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&self.inner.partners(service_in(service)?).collect::<Vec<_>>())
    }

    /// The partner system of a service with this id (its `Partner…SystemId`, or its domain when it
    /// has none).
    ///
    /// @throws {McxConnectError} `profile_service_not_loaded` without a profile of that service;
    /// `profile_partner_not_found` without that partner.
    #[wasm_bindgen(unchecked_return_type = "PartnerSystem")]
    pub fn partner(
        &self,
        #[wasm_bindgen(unchecked_param_type = "McService")] service: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(throw(self.inner.partner(service_in(service)?, &string_in(id, "id")?))?)
    }

    /// The token endpoint of a partner system's IdM server, for a service and partner id.
    ///
    /// @throws {McxConnectError} `profile_service_not_loaded` without a profile of that service;
    /// `profile_partner_not_found` without that partner.
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

    /// The token endpoint of the IdM server that serves a group of a service.
    ///
    /// @throws {McxConnectError} `profile_service_not_loaded` without a profile of that service;
    /// `profile_group_not_found` without that group.
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
