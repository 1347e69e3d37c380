//! The streaming walk over a TS 24.484 document.
//!
//! One pass, no DOM. Only the elements this library needs are decoded; everything else
//! (unknown elements, `##other` wildcards, unneeded `anyExt` content) is skipped, but still
//! checked for well-formedness, depth and entities by [`Cursor`].

use super::error::ProfileError;
use super::model::{GroupServerInfo, PartnerShape, PartnerSystem, RejectedEntry, RejectedKind};
use super::raw::RawConfig;
use super::xml::{started, Cursor, Element, Item, Ns};
use super::{DocumentKind, ProfileLimits, UserProfile};
use crate::endpoint::EndpointPolicy;
use crate::scope::McService;

const INIT_CONFIG: &[u8] = b"mcptt-UE-initial-configuration";

/// The element names of one service's user profile.
pub(super) struct Names {
    pub(super) service: McService,
    pub(super) root: &'static str,
    pub(super) partner: &'static str,
    pub(super) wrapper: &'static str,
    pub(super) partner_id: &'static str,
    pub(super) group_info: &'static str,
    pub(super) group_id: &'static str,
    pub(super) expected_ns: &'static str,
}

pub(super) const MCPTT: Names = Names {
    service: McService::Ptt,
    root: "mcptt-user-profile",
    partner: "MigratablePartnerMCPTTSystemInfo",
    wrapper: "AccessInformationForPartnerMCPTTSystem",
    partner_id: "PartnerMCPTTSystemId",
    group_info: "MCPTTGroupInfo",
    group_id: "entry/uri-entry",
    expected_ns: "`urn:3gpp:mcptt:user-profile:1.0`",
};
pub(super) const MCVIDEO: Names = Names {
    service: McService::Video,
    root: "mcvideo-user-profile",
    partner: "MigratablePartnerMCVideoSystemInfo",
    wrapper: "AccessInformationForPartnerMCVideoSystem",
    partner_id: "PartnerMCVideoSystemId",
    group_info: "MCVideoGroupInfo",
    group_id: "MCVideo-Group-ID",
    expected_ns: "`urn:3gpp:ns:mcvideo:user-profile:1.0`",
};
pub(super) const MCDATA: Names = Names {
    service: McService::Data,
    root: "mcdata-user-profile",
    partner: "MigratablePartnerMCDataSystemInfo",
    wrapper: "AccessInformationForPartnerMCDataSystem",
    partner_id: "PartnerMCDataSystemId",
    group_info: "MCDataGroupInfo",
    group_id: "MCData-Group-ID",
    expected_ns: "`urn:3gpp:ns:mcdata:user-profile:1.0` or `urn:3gpp:mcdata:user-profile:1.0`",
};

/// Reads one document.
pub(super) fn read(xml: &[u8], policy: EndpointPolicy, limits: ProfileLimits) -> Result<UserProfile, ProfileError> {
    let size = crate::form::len_u64(xml.len());
    if size > limits.max_bytes {
        return Err(ProfileError::TooLarge { size, limit: limits.max_bytes });
    }
    let xml = check_utf8(xml)?;
    let mut cursor = Cursor::new(xml, limits.max_depth, limits.max_elements);
    let root = loop {
        match cursor.next(false)? {
            Item::Start(element) => break element,
            Item::Eof => return Err(cursor.malformed(0, "the document has no root element")),
            Item::End | Item::Text(_) => {}
        }
    };
    let profile = match root.local() {
        b"mcptt-user-profile" => Walk::new(&mut cursor, &MCPTT, policy).profile(&root)?,
        b"mcvideo-user-profile" => Walk::new(&mut cursor, &MCVIDEO, policy).profile(&root)?,
        b"mcdata-user-profile" => Walk::new(&mut cursor, &MCDATA, policy).profile(&root)?,
        INIT_CONFIG => {
            expect_ns(&root, Ns::InitConfig, INIT_CONFIG_NS)?;
            let raw = read_config(&mut cursor, &root)?;
            let primary = raw.finish(&|| "mcptt-UE-initial-configuration".to_owned(), &policy)?;
            UserProfile {
                kind: DocumentKind::UeInitialConfiguration,
                xui_uri: None,
                primary: Some(primary),
                partners: Vec::new(),
                groups: Vec::new(),
                rejected: Vec::new(),
                rejection_errors: Vec::new(),
            }
        }
        _ => return Err(ProfileError::UnknownRoot { element: root.local_printable() }),
    };
    // The root has closed; only comments, processing instructions and white space may follow.
    loop {
        if let Item::Eof = cursor.next(false)? {
            return Ok(profile);
        }
    }
}

/// Refuses byte order marks of other encodings and bytes that are not UTF-8; drops a UTF-8 BOM.
/// The document is checked as a whole, once (an ASCII one a word at a time): the text read from
/// it later is sliced from the `str`, not checked again.
fn check_utf8(xml: &[u8]) -> Result<&str, ProfileError> {
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
    if xml.starts_with(b"\xFE\xFF")
        || xml.starts_with(b"\xFF\xFE")
        || xml.starts_with(b"\0<")
        || xml.starts_with(b"<\0")
    {
        return Err(ProfileError::UnsupportedEncoding { encoding: "UTF-16".to_owned() });
    }
    std::str::from_utf8(xml).map_err(|error| {
        let (line, column) = super::xml::line_column(xml, error.valid_up_to() as u64);
        ProfileError::MalformedXml { line, column, reason: "the document is not valid UTF-8".to_owned() }
    })
}

fn expect_ns(element: &Element<'_>, ns: Ns, expected: &'static str) -> Result<(), ProfileError> {
    if element.ns == ns {
        return Ok(());
    }
    Err(wrong_namespace(element, expected))
}

fn wrong_namespace(element: &Element<'_>, expected: &'static str) -> ProfileError {
    ProfileError::WrongNamespace { element: element.local_printable(), expected, found: element.namespace_name() }
}

const INIT_CONFIG_NS: &str = "`urn:3gpp:mcptt:mcpttUEinitConfig:1.0`";

/// The most partner systems and groups a profile may list that cannot be used; one more refuses
/// the document ([`Walk::reject`]).
pub(crate) const MAX_REJECTED: usize = 64;

/// What one `MigratablePartner<Service>SystemInfo` held, as read.
#[derive(Default)]
struct RawPartner {
    system_id: Option<String>,
    /// A `Partner<Service>SystemId` was read (empty or not).
    system_id_seen: bool,
    config: Option<(RawConfig, PartnerShape)>,
    /// The first element that appears more than once.
    duplicate: Option<String>,
    /// An `mcptt-UE-initial-configuration` in another namespace: the reason the partner is
    /// rejected when it has none in the right one (otherwise it is `##other` content).
    wrong_namespace: Option<ProfileError>,
}

impl RawPartner {
    /// Records a `Partner<Service>SystemId`; an empty one is absent (the partner is then looked
    /// up by its domain, never by the empty string).
    fn set_system_id(&mut self, id: String, name: &str) {
        self.system_id = Some(id).filter(|id| !id.is_empty());
        if std::mem::replace(&mut self.system_id_seen, true) {
            self.duplicate.get_or_insert_with(|| name.to_owned());
        }
    }

    fn set_config(&mut self, raw: RawConfig, shape: PartnerShape, name: impl FnOnce() -> String) {
        if self.config.replace((raw, shape)).is_some() {
            self.duplicate.get_or_insert_with(name);
        }
    }

    /// The id a rejected partner is reported with: its system id, or else its domain.
    fn id(&self) -> Option<String> {
        self.system_id.clone().or_else(|| self.config.as_ref().and_then(|(raw, _)| raw.domain()))
    }
}

/// Reads an `mcptt-UE-initial-configuration` element that just started.
fn read_config(cursor: &mut Cursor<'_>, element: &Element<'_>) -> Result<RawConfig, ProfileError> {
    let mut raw = RawConfig::with_domain(cursor.attribute(element, "domain")?);
    cursor.children(|cursor, child| {
        if child.ns == Ns::InitConfig && child.local() == b"on-network" {
            raw.on_network(cursor)
        } else {
            cursor.skip()
        }
    })?;
    Ok(raw)
}

/// The walk over a user profile of one service.
pub(super) struct Walk<'c, 'a> {
    pub(super) cursor: &'c mut Cursor<'a>,
    pub(super) names: &'static Names,
    pub(super) ns: Ns,
    pub(super) policy: EndpointPolicy,
    partners: Vec<PartnerSystem>,
    pub(super) groups: Vec<GroupServerInfo>,
    /// The partner systems and groups that could not be used, in document order.
    pub(super) rejected: Vec<RejectedEntry>,
    /// The error of each of `rejected`, in the same order.
    rejection_errors: Vec<ProfileError>,
    /// `MigratablePartner<Service>SystemInfo` elements met so far (for error paths).
    partner_elements: usize,
    /// Groups met so far (for error paths).
    pub(super) group_elements: usize,
}

impl<'c, 'a> Walk<'c, 'a> {
    fn new(cursor: &'c mut Cursor<'a>, names: &'static Names, policy: EndpointPolicy) -> Self {
        Self {
            cursor,
            names,
            ns: Ns::None,
            policy,
            partners: Vec::new(),
            groups: Vec::new(),
            rejected: Vec::new(),
            rejection_errors: Vec::new(),
            partner_elements: 0,
            group_elements: 0,
        }
    }

    fn profile(mut self, root: &Element<'a>) -> Result<UserProfile, ProfileError> {
        self.ns = match (self.names.service, root.ns) {
            (McService::Ptt, Ns::McpttProfile) => Ns::McpttProfile,
            (McService::Video, Ns::McvideoProfile) => Ns::McvideoProfile,
            (McService::Data, ns @ (Ns::McdataProfile | Ns::McdataProfileAlt)) => ns,
            _ => {
                return Err(ProfileError::WrongNamespace {
                    element: self.names.root.to_owned(),
                    expected: self.names.expected_ns,
                    found: root.namespace_name(),
                })
            }
        };
        let xui_uri = self.cursor.attribute(root, "XUI-URI")?;
        self.children(|walk, child| match child.local() {
            b"OnNetwork" if child.ns == walk.ns => walk.on_network(),
            _ => walk.cursor.skip(),
        })?;
        super::check_unique(self.names.service, &self.partners, &self.groups, &self.rejected)?;
        // A rejected partner or group is reported beside the usable ones; a document with none
        // usable has nothing to report it beside, and its first problem is the error.
        if self.partners.is_empty() && self.groups.is_empty() {
            if let Some(first) = self.rejection_errors.drain(..).next() {
                return Err(first);
            }
        }
        Ok(UserProfile {
            kind: DocumentKind::UserProfile { service: self.names.service },
            xui_uri,
            primary: None,
            partners: self.partners,
            groups: self.groups,
            rejected: self.rejected,
            rejection_errors: self.rejection_errors,
        })
    }

    /// Calls `visit` for each child element of the element that just started; `visit` must
    /// consume the child (read it or skip it).
    pub(super) fn children(
        &mut self,
        mut visit: impl FnMut(&mut Self, &Element<'a>) -> Result<(), ProfileError>,
    ) -> Result<(), ProfileError> {
        let depth = self.cursor.depth();
        while self.cursor.depth() >= depth {
            // The item is looked at in place (see `started`).
            let next = self.cursor.next(false);
            match started(&next)? {
                Some(child) => visit(self, child)?,
                None if matches!(next, Ok(Item::Eof)) => break,
                None => {}
            }
        }
        Ok(())
    }

    fn on_network(&mut self) -> Result<(), ProfileError> {
        self.children(|walk, child| {
            if child.ns != walk.ns {
                return walk.cursor.skip();
            }
            match child.local() {
                b"anyExt" => walk.any_ext(),
                name if name == walk.names.group_info.as_bytes() => {
                    if walk.names.service == McService::Ptt {
                        walk.mcptt_group_info()
                    } else {
                        let group = walk.group_info()?;
                        walk.push_group(group)
                    }
                }
                _ => walk.cursor.skip(),
            }
        })
    }

    fn any_ext(&mut self) -> Result<(), ProfileError> {
        self.children(|walk, child| {
            if child.local() == walk.names.partner.as_bytes() {
                if child.ns == walk.ns {
                    return walk.partner();
                }
                // `anyExt` holds any namespace: reported, and the other partners are read.
                walk.partner_elements += 1;
                let error = wrong_namespace(child, walk.names.expected_ns);
                walk.reject(RejectedKind::PartnerSystem, None, error)?;
                walk.cursor.skip()
            } else {
                walk.cursor.skip()
            }
        })
    }

    /// `MigratablePartner<Service>SystemInfo`, in either shape. A partner that cannot be used is
    /// rejected ([`UserProfile::rejected`]); only a fault of the document itself (malformed XML,
    /// a limit) is an error here.
    fn partner(&mut self) -> Result<(), ProfileError> {
        self.partner_elements += 1;
        let position = self.partner_elements;
        let mut raw = RawPartner::default();
        self.children(|walk, child| walk.partner_child(child, &mut raw))?;
        let id = raw.id();
        match self.checked_partner(position, raw) {
            Ok(partner) => self.partners.push(partner),
            Err(error) => self.reject(RejectedKind::PartnerSystem, id, error)?,
        }
        Ok(())
    }

    /// Keeps a partner system or group that cannot be used ([`UserProfile::rejected`]). Past
    /// [`MAX_REJECTED`] of them the document is refused with the first one's error: what a
    /// hostile document can make the reader keep stays bounded (each entry holds an element path
    /// and a message, several times the bytes of an empty element).
    pub(super) fn reject(
        &mut self,
        kind: RejectedKind,
        id: Option<String>,
        error: ProfileError,
    ) -> Result<(), ProfileError> {
        if self.rejected.len() >= MAX_REJECTED {
            return Err(self.rejection_errors.swap_remove(0));
        }
        self.rejected.push(RejectedEntry::new(kind, id, &error));
        self.rejection_errors.push(error);
        Ok(())
    }

    /// A partner as read, checked.
    fn checked_partner(&self, position: usize, raw: RawPartner) -> Result<PartnerSystem, ProfileError> {
        let RawPartner { system_id, config, duplicate, wrong_namespace, .. } = raw;
        // The element paths of errors, built only when there is one to report.
        let names = self.names;
        let prefix = || {
            let label = match &system_id {
                Some(id) => format!("{}[{}='{}']", names.partner, names.partner_id, crate::http::printable(id, 100)),
                None => format!("{}[{position}]", names.partner),
            };
            format!("{}/OnNetwork/anyExt/{label}", names.root)
        };
        if let Some(name) = duplicate {
            return Err(ProfileError::DuplicateElement { path: format!("{}/{name}", prefix()) });
        }
        let Some((raw, shape)) = config else {
            if let Some(error) = wrong_namespace {
                return Err(error);
            }
            return Err(ProfileError::MissingElement {
                path: format!(
                    "{}/{}/mcptt-UE-initial-configuration/on-network/App-Server-Info/idms-token-endpoint",
                    prefix(),
                    names.wrapper
                ),
            });
        };
        let config_path = || match shape {
            PartnerShape::AccessInformation => {
                format!("{}/{}/mcptt-UE-initial-configuration", prefix(), names.wrapper)
            }
            PartnerShape::Direct => format!("{}/mcptt-UE-initial-configuration", prefix()),
        };
        let initial_configuration = raw.finish(&config_path, &self.policy)?;
        Ok(PartnerSystem::new(self.names.service, system_id, shape, initial_configuration))
    }

    fn partner_child(&mut self, child: &Element<'a>, raw: &mut RawPartner) -> Result<(), ProfileError> {
        let local = child.local();
        if local == INIT_CONFIG {
            return self.partner_config(child, raw, PartnerShape::Direct);
        }
        if child.ns != self.ns {
            return self.cursor.skip();
        }
        if local == self.names.partner_id.as_bytes() {
            let (id, _) = self.cursor.text()?;
            raw.set_system_id(id, self.names.partner_id);
            Ok(())
        } else if local == self.names.wrapper.as_bytes() {
            // AccessInformationForPartner<Service>System: the initial configuration, and
            // possibly the system id.
            self.children(|walk, inner| {
                let local = inner.local();
                if local == INIT_CONFIG {
                    walk.partner_config(inner, raw, PartnerShape::AccessInformation)
                } else if inner.ns == walk.ns && local == walk.names.partner_id.as_bytes() {
                    let (id, _) = walk.cursor.text()?;
                    raw.set_system_id(id, walk.names.partner_id);
                    Ok(())
                } else {
                    walk.cursor.skip()
                }
            })
        } else {
            self.cursor.skip()
        }
    }

    /// An `mcptt-UE-initial-configuration` of a partner that just started. One in another
    /// namespace is skipped (the schema's `##other` wildcard) and noted: it is the reason the
    /// partner is rejected if it has none in the right namespace.
    fn partner_config(
        &mut self,
        element: &Element<'a>,
        raw: &mut RawPartner,
        shape: PartnerShape,
    ) -> Result<(), ProfileError> {
        if element.ns != Ns::InitConfig {
            raw.wrong_namespace.get_or_insert_with(|| wrong_namespace(element, INIT_CONFIG_NS));
            return self.cursor.skip();
        }
        let config = read_config(self.cursor, element)?;
        let wrapper = self.names.wrapper;
        raw.set_config(config, shape, || match shape {
            PartnerShape::AccessInformation => format!("{wrapper}/mcptt-UE-initial-configuration"),
            PartnerShape::Direct => "mcptt-UE-initial-configuration".to_owned(),
        });
        Ok(())
    }
}
