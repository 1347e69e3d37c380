//! Scope values (RFC 6749 §3.3) and the MCX scopes of TS 33.180 B.7.4.
//!
//! A [`ScopeSet`] is an ordered set of [`Scope`] values. It always writes single spaces
//! between values. [`ScopeSet::parse`] is strict: commas, duplicates, empty values and
//! characters outside `NQCHAR` are `invalid_scope`. [`ScopeSet::parse_lenient`] accepts commas
//! and repeated values, and reports each repair. Unknown `3gpp:mc:` values are kept as
//! [`Scope::McxOther`]: 3GPP may add resource servers, and a client must pass them on.

use crate::error::ScopeError;
use crate::form::Normalisation;
use std::fmt;

/// An MC service (TS 23.280): push to talk, video or data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum McService {
    /// MCPTT.
    #[serde(alias = "mcptt")]
    Ptt,
    /// MCVideo.
    #[serde(alias = "mcvideo")]
    Video,
    /// MCData.
    #[serde(alias = "mcdata")]
    Data,
}

impl McService {
    /// All three services.
    pub const ALL: [McService; 3] = [McService::Ptt, McService::Video, McService::Data];

    /// Short name: `ptt`, `video`, `data`.
    pub fn as_str(self) -> &'static str {
        match self {
            McService::Ptt => "ptt",
            McService::Video => "video",
            McService::Data => "data",
        }
    }

    /// Reads `ptt`, `video` or `data` (also `mcptt`, `mcvideo`, `mcdata`).
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "ptt" | "mcptt" => Some(McService::Ptt),
            "video" | "mcvideo" => Some(McService::Video),
            "data" | "mcdata" => Some(McService::Data),
            _ => None,
        }
    }

    /// The four B.7.4 scopes of this service: service, key, config and group management.
    pub fn scopes(self) -> [Scope; 4] {
        match self {
            McService::Ptt => {
                [Scope::PttService, Scope::PttKeyManagement, Scope::PttConfigManagement, Scope::PttGroupManagement]
            }
            McService::Video => [
                Scope::VideoService,
                Scope::VideoKeyManagement,
                Scope::VideoConfigManagement,
                Scope::VideoGroupManagement,
            ],
            McService::Data => {
                [Scope::DataService, Scope::DataKeyManagement, Scope::DataConfigManagement, Scope::DataGroupManagement]
            }
        }
    }
}

impl fmt::Display for McService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One scope value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Scope {
    /// `openid`
    OpenId,
    /// `3gpp:mc:ptt_service`
    PttService,
    /// `3gpp:mc:video_service`
    VideoService,
    /// `3gpp:mc:data_service`
    DataService,
    /// `3gpp:mc:ptt_key_management_service`
    PttKeyManagement,
    /// `3gpp:mc:video_key_management_service`
    VideoKeyManagement,
    /// `3gpp:mc:data_key_management_service`
    DataKeyManagement,
    /// `3gpp:mc:ptt_config_management_service`
    PttConfigManagement,
    /// `3gpp:mc:video_config_management_service`
    VideoConfigManagement,
    /// `3gpp:mc:data_config_management_service`
    DataConfigManagement,
    /// `3gpp:mc:ptt_group_management_service`
    PttGroupManagement,
    /// `3gpp:mc:video_group_management_service`
    VideoGroupManagement,
    /// `3gpp:mc:data_group_management_service`
    DataGroupManagement,
    /// A `3gpp:mc:` value this version does not know (kept as written).
    McxOther(String),
    /// Any other value (kept as written).
    Other(String),
}

// The known values as a table: `Scope::from_value`, `as_str` and `service` are matches (compiled
// to a few comparisons, not a search), which the tests compare with it.
#[cfg(test)]
pub(crate) static KNOWN: [(&str, Scope); 13] = [
    ("openid", Scope::OpenId),
    ("3gpp:mc:ptt_service", Scope::PttService),
    ("3gpp:mc:video_service", Scope::VideoService),
    ("3gpp:mc:data_service", Scope::DataService),
    ("3gpp:mc:ptt_key_management_service", Scope::PttKeyManagement),
    ("3gpp:mc:video_key_management_service", Scope::VideoKeyManagement),
    ("3gpp:mc:data_key_management_service", Scope::DataKeyManagement),
    ("3gpp:mc:ptt_config_management_service", Scope::PttConfigManagement),
    ("3gpp:mc:video_config_management_service", Scope::VideoConfigManagement),
    ("3gpp:mc:data_config_management_service", Scope::DataConfigManagement),
    ("3gpp:mc:ptt_group_management_service", Scope::PttGroupManagement),
    ("3gpp:mc:video_group_management_service", Scope::VideoGroupManagement),
    ("3gpp:mc:data_group_management_service", Scope::DataGroupManagement),
];

/// The prefix of every MCX scope value.
pub const MCX_SCOPE_PREFIX: &str = "3gpp:mc:";

impl Scope {
    /// Reads one value (no validation of its characters; see [`ScopeSet::parse`]).
    ///
    /// ```
    /// use mcx_connect::Scope;
    /// assert_eq!(Scope::from_value("3gpp:mc:ptt_service"), Scope::PttService);
    /// assert_eq!(Scope::from_value("3gpp:mc:future_service"), Scope::McxOther("3gpp:mc:future_service".into()));
    /// ```
    pub fn from_value(value: &str) -> Scope {
        // A match, not a search of `KNOWN`: compiled to length tests and a comparison of the one
        // candidate, not a call per entry (the tests check that the two agree).
        match value {
            "openid" => Scope::OpenId,
            "3gpp:mc:ptt_service" => Scope::PttService,
            "3gpp:mc:video_service" => Scope::VideoService,
            "3gpp:mc:data_service" => Scope::DataService,
            "3gpp:mc:ptt_key_management_service" => Scope::PttKeyManagement,
            "3gpp:mc:video_key_management_service" => Scope::VideoKeyManagement,
            "3gpp:mc:data_key_management_service" => Scope::DataKeyManagement,
            "3gpp:mc:ptt_config_management_service" => Scope::PttConfigManagement,
            "3gpp:mc:video_config_management_service" => Scope::VideoConfigManagement,
            "3gpp:mc:data_config_management_service" => Scope::DataConfigManagement,
            "3gpp:mc:ptt_group_management_service" => Scope::PttGroupManagement,
            "3gpp:mc:video_group_management_service" => Scope::VideoGroupManagement,
            "3gpp:mc:data_group_management_service" => Scope::DataGroupManagement,
            _ if value.starts_with(MCX_SCOPE_PREFIX) => Scope::McxOther(value.to_owned()),
            _ => Scope::Other(value.to_owned()),
        }
    }

    /// The value as written on the wire.
    pub fn as_str(&self) -> &str {
        // A match, not a search of `KNOWN` (up to 13 comparisons of the enum, a call each in the
        // npm package, which is built for size); the tests check that the two agree.
        match self {
            Scope::OpenId => "openid",
            Scope::PttService => "3gpp:mc:ptt_service",
            Scope::VideoService => "3gpp:mc:video_service",
            Scope::DataService => "3gpp:mc:data_service",
            Scope::PttKeyManagement => "3gpp:mc:ptt_key_management_service",
            Scope::VideoKeyManagement => "3gpp:mc:video_key_management_service",
            Scope::DataKeyManagement => "3gpp:mc:data_key_management_service",
            Scope::PttConfigManagement => "3gpp:mc:ptt_config_management_service",
            Scope::VideoConfigManagement => "3gpp:mc:video_config_management_service",
            Scope::DataConfigManagement => "3gpp:mc:data_config_management_service",
            Scope::PttGroupManagement => "3gpp:mc:ptt_group_management_service",
            Scope::VideoGroupManagement => "3gpp:mc:video_group_management_service",
            Scope::DataGroupManagement => "3gpp:mc:data_group_management_service",
            Scope::McxOther(value) | Scope::Other(value) => value,
        }
    }

    /// Whether this is a `3gpp:mc:` value (known or not, the bare prefix included).
    pub fn is_mcx(&self) -> bool {
        self.as_str().starts_with(MCX_SCOPE_PREFIX)
    }

    /// Whether this is one of the twelve `3gpp:mc:` values B.7.4 lists.
    ///
    /// ```
    /// use mcx_connect::Scope;
    /// assert!(Scope::PttService.is_listed_mcx());
    /// assert!(!Scope::from_value("3gpp:mc:future_service").is_listed_mcx());
    /// assert!(!Scope::from_value("3gpp:mc:").is_listed_mcx());
    /// ```
    pub fn is_listed_mcx(&self) -> bool {
        self.service().is_some()
    }

    /// Whether this is a `3gpp:mc:` value this version does not know, with a name after the
    /// prefix (the bare prefix `3gpp:mc:` is not an MCX scope at all).
    pub fn is_unknown_mcx(&self) -> bool {
        matches!(self, Scope::McxOther(value) if value.len() > MCX_SCOPE_PREFIX.len())
    }

    /// The MC service this value belongs to, for the twelve known MCX values.
    pub fn service(&self) -> Option<McService> {
        // A match, not a search of each service's `scopes()` (arrays of values built and dropped
        // per call); the tests check that the two agree.
        match self {
            Scope::PttService | Scope::PttKeyManagement | Scope::PttConfigManagement | Scope::PttGroupManagement => {
                Some(McService::Ptt)
            }
            Scope::VideoService
            | Scope::VideoKeyManagement
            | Scope::VideoConfigManagement
            | Scope::VideoGroupManagement => Some(McService::Video),
            Scope::DataService
            | Scope::DataKeyManagement
            | Scope::DataConfigManagement
            | Scope::DataGroupManagement => Some(McService::Data),
            Scope::OpenId | Scope::McxOther(_) | Scope::Other(_) => None,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An ordered set of scope values, written space-delimited.
///
/// ```
/// use mcx_connect::{Scope, ScopeSet};
/// let scopes = ScopeSet::parse("openid 3gpp:mc:ptt_service 3gpp:mc:ptt_group_management_service").unwrap();
/// assert!(scopes.contains(&Scope::PttService));
/// assert_eq!(scopes.to_string(), "openid 3gpp:mc:ptt_service 3gpp:mc:ptt_group_management_service");
/// assert_eq!(ScopeSet::parse("openid,3gpp:mc:ptt_service").unwrap_err().code(), "scope_comma");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct ScopeSet {
    values: Vec<Scope>,
}

/// `ScopeSet("openid 3gpp:mc:ptt_service")`: the `scope` parameter, which is also how a record
/// holding a scope set prints in Python and Swift.
impl fmt::Debug for ScopeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ScopeSet").field(&self.to_string()).finish()
    }
}

// Inlined into the loops that call it (the npm package is built for size, which otherwise keeps
// it and the range checks as calls per byte: a third of reading a scope there).
#[inline(always)]
pub(crate) fn is_nqchar(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x5b | 0x5d..=0x7e)
}

impl ScopeSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// `openid` plus every B.7.4 scope of the given service.
    pub fn for_service(service: McService) -> Self {
        let mut set = Self { values: Vec::with_capacity(5) };
        set.insert(Scope::OpenId);
        for scope in service.scopes() {
            set.insert(scope);
        }
        set
    }

    /// Strict RFC 6749 §3.3 reading: single spaces between values, no commas, no duplicates,
    /// no empty values, only `NQCHAR` characters.
    pub fn parse(text: &str) -> Result<Self, ScopeError> {
        match Self::parse_plain(text) {
            Some(set) => Ok(set),
            None => Self::parse_each(text),
        }
    }

    /// The strict reading value by value: the first fault found is the error.
    fn parse_each(text: &str) -> Result<Self, ScopeError> {
        if text.is_empty() {
            return Err(ScopeError::Empty);
        }
        let mut set = Self::new();
        let mut offset = 0;
        for value in text.split(' ') {
            if value.is_empty() {
                return Err(ScopeError::Empty);
            }
            if crate::text::contains(value, ",") {
                return Err(ScopeError::Comma { found: crate::http::printable(value, 80) });
            }
            if let Some(position) = value.bytes().position(|b| !is_nqchar(b)) {
                return Err(ScopeError::InvalidCharacter { position: offset + position });
            }
            let scope = Scope::from_value(value);
            if set.contains(&scope) {
                return Err(ScopeError::Duplicate(value.to_owned()));
            }
            set.values.push(scope);
            offset += value.len() + 1;
        }
        Ok(set)
    }

    /// The usual scope read in one pass: values of `NQCHAR` without a comma, separated by single
    /// spaces, none repeated. `None` for any other text, which [`parse`](Self::parse) then reads
    /// value by value to refuse it with the precise error of the first fault, as before; what this
    /// accepts, the full reading accepts with the same values (a test compares the two).
    fn parse_plain(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        // Room for the usual sets without growing (the known values are 19 bytes or more but
        // `openid`); a set of short values grows as it needs.
        let mut values = Vec::with_capacity(bytes.len() / 16 + 1);
        let mut start = 0;
        // A plain loop by index (the npm package is built for size: an iterator there is a call
        // per byte); a value ends at a space or at the end of the text.
        let mut index = 0;
        while index <= bytes.len() {
            match bytes.get(index) {
                Some(b' ') | None => {
                    // An empty value: a space first, last or after another, or no text at all.
                    if index == start {
                        return None;
                    }
                    let scope = Scope::from_value(text.get(start..index)?);
                    if values.contains(&scope) {
                        return None;
                    }
                    values.push(scope);
                    start = index + 1;
                }
                Some(&b) if b == b',' || !is_nqchar(b) => return None,
                Some(_) => {}
            }
            index += 1;
        }
        Some(Self { values })
    }

    /// Lenient reading: commas, runs of whitespace and no-break spaces (U+00A0, as printed in
    /// B.7.4's examples) also separate values, and repeated values are dropped. Each repair is reported. Characters outside `NQCHAR` are still refused.
    pub fn parse_lenient(text: &str, report: &mut Vec<Normalisation>) -> Result<Self, ScopeError> {
        if crate::text::contains(text, ",") {
            report.push(Normalisation::new(
                "comma_separated_scope",
                Some("scope"),
                "scope values were separated by commas; read them as space-delimited (RFC 6749 §3.3)",
            ));
        }
        if crate::text::contains(text, "\u{a0}") {
            report.push(Normalisation::new(
                "no_break_space_in_scope",
                Some("scope"),
                "scope values were separated by a no-break space (U+00A0); read it as a space",
            ));
        }
        let mut set = Self::new();
        let mut offset = 0;
        for value in text.split([' ', ',', '\t', '\u{a0}']) {
            let start = offset;
            offset += value.len() + 1;
            if value.is_empty() {
                continue;
            }
            if let Some(position) = value.bytes().position(|b| !is_nqchar(b)) {
                return Err(ScopeError::InvalidCharacter { position: start + position });
            }
            let scope = Scope::from_value(value);
            if set.contains(&scope) {
                report.push(Normalisation::new(
                    "duplicate_scope_dropped",
                    Some("scope"),
                    format!("scope value `{value}` was listed twice; kept once"),
                ));
                continue;
            }
            set.values.push(scope);
        }
        if set.is_empty() {
            return Err(ScopeError::Empty);
        }
        Ok(set)
    }

    /// Reads the `scope` member of a token endpoint **reply** (client role, RFC 6749 §5.1):
    /// never fails, since the scope of a reply is informational and a migration must not fail
    /// after the partner has issued its tokens. Values are separated by spaces as RFC 6749 §3.3
    /// says; every variation is reported in `report`:
    ///
    /// - `scope_whitespace_normalised`: several spaces, spaces around the list, or other
    ///   whitespace (tab, no-break space) between values; read as single spaces;
    /// - `duplicate_scope_dropped`: a value listed twice; kept once;
    /// - `scope_value_with_comma`: a value holds a comma, which is an `NQCHAR`; kept as part of
    ///   that one value, as RFC 6749 §3.3 reads it (a server that meant a comma-separated list
    ///   does not follow §3.3; the report says so, the set does not guess);
    /// - `scope_value_dropped`: a value with a character outside `NQCHAR`; left out of the set;
    /// - `scope_reply_empty`: no value at all.
    ///
    /// Requests are never read this way: a server parses them with [`parse`](Self::parse) or
    /// [`parse_lenient`](Self::parse_lenient).
    ///
    /// ```
    /// use mcx_connect::{Scope, ScopeSet};
    /// let mut report = Vec::new();
    /// let set = ScopeSet::parse_reply("  openid  3gpp:mc:ptt_service openid ", &mut report);
    /// assert_eq!(set.to_string(), "openid 3gpp:mc:ptt_service");
    /// let codes: Vec<&str> = report.iter().map(|n| n.code.as_str()).collect();
    /// assert_eq!(codes, ["scope_whitespace_normalised", "duplicate_scope_dropped"]);
    ///
    /// let mut report = Vec::new();
    /// let set = ScopeSet::parse_reply("openid,3gpp:mc:ptt_service", &mut report);
    /// assert_eq!(set.len(), 1, "a comma is part of a value (RFC 6749 section 3.3)");
    /// assert_eq!(report[0].code, "scope_value_with_comma");
    /// ```
    pub fn parse_reply(text: &str, report: &mut Vec<Normalisation>) -> ScopeSet {
        let mut set = Self::new();
        let values: Vec<&str> = text.split(char::is_whitespace).filter(|value| !value.is_empty()).collect();
        if values.is_empty() {
            report.push(Normalisation::new("scope_reply_empty", Some("scope"), "the scope member holds no value"));
            return set;
        }
        if text.split(' ').count() != values.len() {
            report.push(Normalisation::new(
                "scope_whitespace_normalised",
                Some("scope"),
                "the scope had several spaces, spaces around it, or other whitespace between values; read as single spaces",
            ));
        }
        for value in values {
            let shown = crate::http::printable(value, 80);
            if value.bytes().any(|b| !is_nqchar(b)) {
                report.push(Normalisation::new(
                    "scope_value_dropped",
                    Some("scope"),
                    format!(
                        "scope value `{shown}` has a character outside NQCHAR (RFC 6749 §3.3); left out of the set"
                    ),
                ));
                continue;
            }
            if crate::text::contains(value, ",") {
                report.push(Normalisation::new(
                    "scope_value_with_comma",
                    Some("scope"),
                    format!("scope value `{shown}` contains a comma; kept as one value (a comma is an NQCHAR, RFC 6749 §3.3)"),
                ));
            }
            if !set.insert(Scope::from_value(value)) {
                report.push(Normalisation::new(
                    "duplicate_scope_dropped",
                    Some("scope"),
                    format!("scope value `{shown}` was listed twice; kept once"),
                ));
            }
        }
        set
    }

    /// Adds a value (no effect if it is already there). Returns whether it was added.
    pub fn insert(&mut self, scope: Scope) -> bool {
        if self.contains(&scope) {
            return false;
        }
        self.values.push(scope);
        true
    }

    /// Whether the set holds a value.
    pub fn contains(&self, scope: &Scope) -> bool {
        self.values.contains(scope)
    }

    /// The values in order.
    pub fn iter(&self) -> impl Iterator<Item = &Scope> {
        self.values.iter()
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Whether one of the twelve `3gpp:mc:` values B.7.4 lists is present (an unknown
    /// `3gpp:mc:` value or the bare prefix does not count; see [`unknown_mcx`](Self::unknown_mcx)).
    pub fn has_mcx(&self) -> bool {
        self.values.iter().any(Scope::is_listed_mcx)
    }

    /// The `3gpp:mc:` values this version does not know (kept, in order), for a caller to
    /// report or to honour.
    ///
    /// ```
    /// use mcx_connect::ScopeSet;
    /// let set = ScopeSet::parse("openid 3gpp:mc:ptt_service 3gpp:mc:future_service").unwrap();
    /// assert_eq!(set.unknown_mcx().collect::<Vec<_>>(), ["3gpp:mc:future_service"]);
    /// ```
    pub fn unknown_mcx(&self) -> impl Iterator<Item = &str> {
        self.values.iter().filter(|scope| scope.is_unknown_mcx()).map(Scope::as_str)
    }

    /// B.7.4: the scope "shall include one or more" of the twelve listed `3gpp:mc:` values.
    ///
    /// ```
    /// use mcx_connect::ScopeSet;
    /// assert!(ScopeSet::parse("openid 3gpp:mc:ptt_service").unwrap().require_mcx().is_ok());
    /// let unknown = ScopeSet::parse("openid 3gpp:mc:future_service").unwrap();
    /// assert_eq!(unknown.require_mcx().unwrap_err().code(), "scope_unknown_mcx_only");
    /// assert_eq!(ScopeSet::parse("openid 3gpp:mc:").unwrap().require_mcx().unwrap_err().code(), "scope_missing_mcx");
    /// ```
    pub fn require_mcx(&self) -> Result<(), ScopeError> {
        self.require_mcx_with(false)
    }

    /// Like [`require_mcx`](Self::require_mcx), but an unknown `3gpp:mc:` value also counts when
    /// `accept_unknown` is set (forward compatibility, the caller's choice). The bare prefix
    /// `3gpp:mc:` never counts.
    ///
    /// ```
    /// use mcx_connect::ScopeSet;
    /// let unknown = ScopeSet::parse("openid 3gpp:mc:future_service").unwrap();
    /// assert!(unknown.require_mcx_with(true).is_ok());
    /// assert!(ScopeSet::parse("openid 3gpp:mc:").unwrap().require_mcx_with(true).is_err());
    /// ```
    pub fn require_mcx_with(&self, accept_unknown: bool) -> Result<(), ScopeError> {
        if self.has_mcx() {
            return Ok(());
        }
        match self.unknown_mcx().next() {
            Some(_) if accept_unknown => Ok(()),
            Some(first) => Err(ScopeError::UnknownMcxOnly(first.to_owned())),
            None => Err(ScopeError::MissingMcx),
        }
    }

    /// B.5: a refresh may keep or narrow the scope; the first value not in `granted` is refused.
    pub fn require_within(&self, granted: &ScopeSet) -> Result<(), ScopeError> {
        match self.values.iter().find(|scope| !granted.contains(scope)) {
            Some(wider) => Err(ScopeError::Widened(wider.as_str().to_owned())),
            None => Ok(()),
        }
    }
}

impl ScopeSet {
    /// The `scope` parameter value (RFC 6749 §3.3): the values joined by single spaces, written
    /// into one allocation of the exact length (what `to_string` gives, without regrowing).
    pub(crate) fn to_parameter(&self) -> String {
        let length = self.values.iter().map(|scope| scope.as_str().len() + 1).sum::<usize>();
        let mut out = String::with_capacity(length.saturating_sub(1));
        // What `Display` writes, without the formatting machinery.
        for (index, scope) in self.values.iter().enumerate() {
            if index > 0 {
                out.push(' ');
            }
            out.push_str(scope.as_str());
        }
        out
    }
}

impl fmt::Display for ScopeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, scope) in self.values.iter().enumerate() {
            if index > 0 {
                f.write_str(" ")?;
            }
            f.write_str(scope.as_str())?;
        }
        Ok(())
    }
}

impl FromIterator<Scope> for ScopeSet {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> Self {
        let mut set = ScopeSet::new();
        for scope in iter {
            set.insert(scope);
        }
        set
    }
}

impl serde::Serialize for ScopeSet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for ScopeSet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ScopeSet::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6749_3_3_scope_parameter_is_the_display_form_in_one_allocation() {
        for set in [ScopeSet::for_service(McService::Video), ScopeSet::new()] {
            let parameter = set.to_parameter();
            assert_eq!(parameter, set.to_string());
            assert_eq!(parameter.capacity(), parameter.len());
        }
    }

    #[test]
    fn scope_set_debug_is_its_scope_text_as_every_language_prints_it() {
        // Kotlin's and Python's records and Swift's `String(reflecting:)` print a scope set by
        // this Debug: the `scope` parameter, not Rust variant names.
        let set = ScopeSet::parse("openid 3gpp:mc:ptt_service").unwrap_or_default();
        assert_eq!(format!("{set:?}"), r#"ScopeSet("openid 3gpp:mc:ptt_service")"#);
    }

    #[test]
    fn b_7_4_the_twelve_mcx_scopes_are_known_and_typed() {
        for (text, scope) in &KNOWN {
            assert_eq!(scope.as_str(), *text);
        }
        let mcx: Vec<&str> = KNOWN.iter().map(|(t, _)| *t).filter(|t| t.starts_with(MCX_SCOPE_PREFIX)).collect();
        assert_eq!(mcx.len(), 12);
        for text in mcx {
            let scope = Scope::from_value(text);
            assert!(!matches!(scope, Scope::McxOther(_) | Scope::Other(_)), "{text}");
            assert_eq!(scope.as_str(), text);
            assert!(scope.service().is_some());
        }
    }

    #[test]
    fn scope_value_lookups_agree_with_the_table() {
        let mut values: Vec<&str> = KNOWN.iter().map(|(text, _)| *text).collect();
        values.extend(["3gpp:mc:", "3gpp:mc:future_service", "openid2", "OPENID", "3gpp:mc:ptt_servicE", ""]);
        for text in values {
            let scope = Scope::from_value(text);
            let listed = KNOWN.iter().find(|(known, _)| *known == text).map(|(_, scope)| scope.clone());
            let expected = listed.unwrap_or_else(|| match text.starts_with(MCX_SCOPE_PREFIX) {
                true => Scope::McxOther(text.to_owned()),
                false => Scope::Other(text.to_owned()),
            });
            assert_eq!(scope, expected, "{text}");
            let service = McService::ALL.into_iter().find(|service| service.scopes().contains(&scope));
            assert_eq!(scope.service(), service, "{text}");
        }
    }

    #[test]
    fn rfc6749_3_3_the_one_pass_reading_accepts_only_what_the_full_reading_accepts() {
        // Every text one edit (a byte dropped, doubled, or replaced by one of a set) away from a
        // few scopes: the one-pass reading, when it reads, gives what the full reading gives, and
        // `parse` always gives what the full reading gives.
        let seeds = [
            "openid 3gpp:mc:ptt_service 3gpp:mc:ptt_key_management_service",
            "openid 3gpp:mc:future_service x",
            "a b",
            "openid",
        ];
        let replacements = [b' ', b',', b'"', b'\\', b'a', b'\t', 0x7f, 0xc3, b'!', b'~', b'o'];
        let (mut plain, mut total) = (0, 0);
        for seed in seeds {
            let bytes = seed.as_bytes();
            let mut texts = vec![seed.to_owned(), format!("{seed} {seed}"), format!(" {seed}"), format!("{seed} ")];
            for at in 0..bytes.len() {
                let mut dropped = bytes.to_vec();
                dropped.remove(at);
                let mut doubled = bytes.to_vec();
                doubled.insert(at, bytes[at]);
                texts.extend([dropped, doubled].into_iter().filter_map(|b| String::from_utf8(b).ok()));
                for &replacement in &replacements {
                    let mut replaced = bytes.to_vec();
                    replaced[at] = replacement;
                    texts.extend(String::from_utf8(replaced).ok());
                }
            }
            texts.push("openid 3gpp:mc:ptt_service é".to_owned());
            for text in texts {
                total += 1;
                let full = ScopeSet::parse_each(&text);
                if let Some(set) = ScopeSet::parse_plain(&text) {
                    plain += 1;
                    assert_eq!(full.as_ref(), Ok(&set), "{text:?}");
                }
                assert_eq!(ScopeSet::parse(&text), full, "{text:?}");
            }
        }
        assert!(plain > 50 && plain < total, "both readings taken: {plain} of {total}");
    }

    #[test]
    fn b_7_4_unknown_mcx_values_are_kept_not_dropped() {
        let set = ScopeSet::parse("openid 3gpp:mc:ptt_service 3gpp:mc:new_thing_service").unwrap();
        assert_eq!(set.len(), 3);
        assert_eq!(set.to_string(), "openid 3gpp:mc:ptt_service 3gpp:mc:new_thing_service");
    }

    #[test]
    fn rfc6749_3_3_strict_refuses_commas_duplicates_empty_values_and_bad_characters() {
        assert_eq!(ScopeSet::parse("").unwrap_err().code(), "scope_empty");
        assert_eq!(ScopeSet::parse("openid  3gpp:mc:ptt_service").unwrap_err().code(), "scope_empty");
        assert_eq!(ScopeSet::parse("openid ").unwrap_err().code(), "scope_empty");
        assert_eq!(ScopeSet::parse("openid openid").unwrap_err().code(), "scope_duplicate");
        assert_eq!(ScopeSet::parse("a\"b").unwrap_err().code(), "scope_invalid_character");
        assert_eq!(ScopeSet::parse("a\\b").unwrap_err().code(), "scope_invalid_character");
        assert_eq!(
            ScopeSet::parse("openid 3gpp:mc:ptt_service,3gpp:mc:ptt_key_management_service").unwrap_err().code(),
            "scope_comma"
        );
    }

    #[test]
    fn b_7_4_example_2_comma_scope_is_read_leniently_with_a_report() {
        let mut report = Vec::new();
        let set = ScopeSet::parse_lenient(
            "openid 3gpp:mc:ptt_service,3gpp:mc:ptt_key_management_service,3gpp:mc:ptt_config_management_service,3gpp:mc:ptt_group_management_service",
            &mut report,
        )
        .unwrap();
        assert_eq!(set, ScopeSet::for_service(McService::Ptt));
        assert_eq!(report.len(), 1);
        assert_eq!(report[0].code, "comma_separated_scope");
    }

    #[test]
    fn b_7_4_examples_no_break_space_is_read_leniently_with_a_report() {
        assert_eq!(ScopeSet::parse("openid\u{a0}3gpp:mc:ptt_service").unwrap_err().code(), "scope_invalid_character");
        let mut report = Vec::new();
        let set = ScopeSet::parse_lenient("openid\u{a0}3gpp:mc:ptt_group_management_service", &mut report).unwrap();
        assert_eq!(set.to_string(), "openid 3gpp:mc:ptt_group_management_service");
        assert_eq!(report[0].code, "no_break_space_in_scope");
    }

    #[test]
    fn rfc6749_5_1_reply_scope_is_read_whatever_its_spacing_repeats_and_commas() {
        let mut report = Vec::new();
        let set = ScopeSet::parse_reply("openid\t3gpp:mc:ptt_service\u{a0}a,b a\"b openid", &mut report);
        assert_eq!(set.to_string(), "openid 3gpp:mc:ptt_service a,b");
        let codes: Vec<&str> = report.iter().map(|n| n.code.as_str()).collect();
        assert_eq!(
            codes,
            ["scope_whitespace_normalised", "scope_value_with_comma", "scope_value_dropped", "duplicate_scope_dropped"]
        );
        let mut clean = Vec::new();
        assert_eq!(ScopeSet::parse_reply("openid 3gpp:mc:ptt_service", &mut clean).len(), 2);
        assert!(clean.is_empty(), "a reply that follows RFC 6749 section 3.3 is not reported");
        let mut empty = Vec::new();
        assert!(ScopeSet::parse_reply("  ", &mut empty).is_empty());
        assert_eq!(empty[0].code, "scope_reply_empty");
    }

    #[test]
    fn b_5_refresh_may_narrow_but_not_widen() {
        let granted = ScopeSet::for_service(McService::Ptt);
        assert!(ScopeSet::parse("openid 3gpp:mc:ptt_service").unwrap().require_within(&granted).is_ok());
        let err = ScopeSet::parse("openid 3gpp:mc:video_service").unwrap().require_within(&granted).unwrap_err();
        assert_eq!(err, ScopeError::Widened("3gpp:mc:video_service".into()));
    }

    #[test]
    fn b_7_4_scope_must_include_an_mcx_value() {
        assert_eq!(ScopeSet::parse("openid").unwrap().require_mcx().unwrap_err().code(), "scope_missing_mcx");
    }

    #[test]
    fn b_7_4_only_a_listed_mcx_value_satisfies_the_rule_unknown_ones_when_opted_in() {
        let unknown = ScopeSet::parse("openid 3gpp:mc:future_service").unwrap();
        assert!(!unknown.has_mcx());
        assert_eq!(unknown.require_mcx_with(false).unwrap_err().code(), "scope_unknown_mcx_only");
        assert!(unknown.require_mcx_with(true).is_ok());
        let bare = ScopeSet::parse("openid 3gpp:mc:").unwrap();
        assert_eq!(bare.unknown_mcx().count(), 0);
        assert_eq!(bare.require_mcx_with(true).unwrap_err().code(), "scope_missing_mcx");
        let mixed = ScopeSet::parse("3gpp:mc:future_service 3gpp:mc:data_service").unwrap();
        assert!(mixed.require_mcx().is_ok());
        assert_eq!(mixed.unknown_mcx().collect::<Vec<_>>(), ["3gpp:mc:future_service"]);
    }
}
