//! A thin, bounded streaming layer over quick-xml.
//!
//! It turns quick-xml events into the few items the profile walk needs (element start with its
//! resolved namespace, element end, text, end of document) and enforces what quick-xml leaves
//! to the caller: no DOCTYPE, only the five predefined entities and character references, a
//! depth limit, exactly one root element, no text outside it, the XML declaration first and
//! in UTF-8, and every element closed. Errors carry line and column.
//!
//! Every step is linear in the size of the document, whatever the document (up to a log factor
//! for the attributes of one element): an element name is resolved by scanning the namespace
//! bindings in scope ([`super::namespaces`]), so their number is bounded
//! ([`MAX_NAMESPACE_BINDINGS`]), and duplicate attributes are found by sorting their names
//! ([`first_duplicate`]), not by comparing each attribute with every earlier one.
//!
//! Skipped content ([`Cursor::skip`]) gets every check above except one: element names there
//! are not resolved, so an undeclared namespace prefix inside content the reader does not use
//! is not reported (it is on every element the reader looks at). This keeps skipping cheaper
//! than a full namespace-resolving pass.

use super::error::ProfileError;
use super::namespaces::{Resolved, Scopes};
use crate::http::printable;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;

/// Most namespace bindings (`xmlns`, `xmlns:p`) in scope at once. Each element name is resolved
/// by scanning the bindings in scope, so without a bound a document with many declarations on
/// its root and many elements below it takes time quadratic in its size; at 16 a hostile
/// document costs at most about 2 times a benign one of the same size (`make bench`).
/// Real TS 24.484 documents declare a handful (the fixtures at most 4).
pub(super) const MAX_NAMESPACE_BINDINGS: usize = 16;

/// Most elements in one document (2^18). The tokeniser's cost is per element, so a document of
/// nothing but empty elements (`<a/>`, 4 bytes each: about a million under the 4 MiB size
/// limit) costs about 6 times a benign profile of the same size; refused at this bound, it costs
/// at most about 2 times (`make bench`: 1.3–1.7). A real profile averages well over 16 bytes an element:
/// a 4 MiB one holds far fewer (the 3.8 MB benchmark profile about 130 000).
pub(super) const MAX_ELEMENTS: u64 = 1 << 18;

/// MCPTT user profile namespace (TS 24.484).
pub(super) const NS_MCPTT_PROFILE: &str = "urn:3gpp:mcptt:user-profile:1.0";
/// MCVideo user profile namespace (TS 24.484 V20 schema).
pub(super) const NS_MCVIDEO_PROFILE: &str = "urn:3gpp:ns:mcvideo:user-profile:1.0";
/// MCData user profile namespace (first accepted spelling).
pub(super) const NS_MCDATA_PROFILE: &str = "urn:3gpp:ns:mcdata:user-profile:1.0";
/// MCData user profile namespace (second accepted spelling).
pub(super) const NS_MCDATA_PROFILE_ALT: &str = "urn:3gpp:mcdata:user-profile:1.0";
/// MC UE initial configuration namespace.
pub(super) const NS_INIT_CONFIG: &str = "urn:3gpp:mcptt:mcpttUEinitConfig:1.0";

/// The namespaces the reader tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    McpttProfile,
    McvideoProfile,
    McdataProfile,
    McdataProfileAlt,
    InitConfig,
    /// Any other namespace.
    Other,
    /// No namespace.
    None,
}

pub(super) fn classify(ns: &[u8]) -> Ns {
    // Every element start is classified: pick the one candidate by length (and one byte), then
    // compare once.
    let (candidate, class) = match (ns.len(), ns.get(9)) {
        (31, _) => (NS_MCPTT_PROFILE, Ns::McpttProfile),
        (36, Some(b'n')) => (NS_MCVIDEO_PROFILE, Ns::McvideoProfile),
        (36, _) => (NS_INIT_CONFIG, Ns::InitConfig),
        (35, _) => (NS_MCDATA_PROFILE, Ns::McdataProfile),
        (32, _) => (NS_MCDATA_PROFILE_ALT, Ns::McdataProfileAlt),
        _ => return Ns::Other,
    };
    if ns == candidate.as_bytes() {
        class
    } else {
        Ns::Other
    }
}

/// An element start: its namespace, its tag, and where it begins.
pub(super) struct Element<'a> {
    /// The resolved namespace.
    pub(super) ns: Ns,
    /// The namespace name when it is [`Ns::Other`] (for error messages).
    pub(super) other_ns: Option<Box<str>>,
    start: BytesStart<'a>,
    /// Byte offset of the `<`.
    pub(super) offset: u64,
}

impl Element<'_> {
    /// The local name (without prefix).
    pub(super) fn local(&self) -> &[u8] {
        self.start.local_name().into_inner()
    }

    /// The namespace name as found, for error messages.
    pub(super) fn namespace_name(&self) -> String {
        match self.ns {
            Ns::McpttProfile => NS_MCPTT_PROFILE.to_owned(),
            Ns::McvideoProfile => NS_MCVIDEO_PROFILE.to_owned(),
            Ns::McdataProfile => NS_MCDATA_PROFILE.to_owned(),
            Ns::McdataProfileAlt => NS_MCDATA_PROFILE_ALT.to_owned(),
            Ns::InitConfig => NS_INIT_CONFIG.to_owned(),
            Ns::Other => self.other_ns.as_deref().map(|ns| printable(ns, 100)).unwrap_or_default(),
            Ns::None => String::new(),
        }
    }

    /// The local name, sanitised and shortened for error messages.
    pub(super) fn local_printable(&self) -> String {
        printable(&String::from_utf8_lossy(self.local()), 64)
    }
}

/// One step of the walk.
pub(super) enum Item<'a> {
    /// An element starts (its end will come as [`Item::End`]).
    Start(Element<'a>),
    /// The current element ends.
    End,
    /// Character data (text, CDATA or a resolved reference); only when text is wanted
    /// (otherwise it is passed over).
    Text(Cow<'a, str>),
    /// The end of the document (only after the root element closed).
    Eof,
}

/// The bounded reader.
pub(super) struct Cursor<'a> {
    reader: Reader<&'a [u8]>,
    xml: &'a [u8],
    /// The same document as text (checked to be UTF-8 once, as a whole).
    doc: &'a str,
    depth: u64,
    max_depth: u64,
    seen_root: bool,
    first_event: bool,
    /// The element last started was empty (`<a/>`): its end is the next item.
    pending_end: bool,
    /// The namespace bindings in scope.
    scopes: Scopes,
    /// Elements entered so far (bounded by `max_elements`).
    elements: u64,
    max_elements: u64,
}

impl<'a> Cursor<'a> {
    /// A reader over a document (already checked to be UTF-8).
    pub(super) fn new(doc: &'a str, max_depth: u64, max_elements: u64) -> Self {
        let xml = doc.as_bytes();
        let mut reader = Reader::from_reader(xml);
        let config = reader.config_mut();
        // `<a/>` comes as one event, read as a start and an end here (quick-xml's expansion
        // allocates a copy of the name for the end of every empty element).
        config.expand_empty_elements = false;
        config.check_end_names = true;
        config.check_comments = true;
        config.trim_text(false);
        Self {
            reader,
            xml,
            doc,
            depth: 0,
            max_depth,
            seen_root: false,
            first_event: true,
            pending_end: false,
            scopes: Scopes::new(),
            elements: 0,
            max_elements,
        }
    }

    /// Opens the namespace scope of an element that just started (its declarations). Inlined
    /// into the one loop that reads events, as [`Self::enter`] and [`Self::leave`]: they run for
    /// every element, and for most of them do next to nothing.
    #[inline(always)]
    fn declare(&mut self, start: &BytesStart<'_>, offset: u64) -> Result<(), ProfileError> {
        self.scopes.enter(start, self.depth + 1).map_err(|reason| self.malformed(offset, reason))
    }

    /// Enters an element whose scope is open: checks the depth limit, the number of elements
    /// against `max_elements` and the namespace bindings in scope against
    /// [`MAX_NAMESPACE_BINDINGS`].
    #[inline(always)]
    fn enter(&mut self, offset: u64) -> Result<(), ProfileError> {
        if self.depth >= self.max_depth
            || self.elements >= self.max_elements
            || self.scopes.in_scope() > MAX_NAMESPACE_BINDINGS
        {
            return Err(self.over_limit(offset));
        }
        self.elements += 1;
        self.depth += 1;
        Ok(())
    }

    /// The limit an element at `offset` exceeds, checked in the order of [`Self::enter`].
    #[cold]
    fn over_limit(&self, offset: u64) -> ProfileError {
        let (line, column) = line_column(self.xml, offset);
        if self.depth >= self.max_depth {
            ProfileError::TooDeep { limit: self.max_depth, line, column }
        } else if self.elements >= self.max_elements {
            ProfileError::TooManyElements { limit: self.max_elements, line, column }
        } else {
            ProfileError::TooManyNamespaces { limit: MAX_NAMESPACE_BINDINGS, line, column }
        }
    }

    /// Leaves the current element: its namespace bindings go out of scope.
    #[inline(always)]
    fn leave(&mut self) {
        self.scopes.leave(self.depth);
        self.depth = self.depth.saturating_sub(1);
    }

    /// The depth of the current element (the root is 1; 0 outside it).
    pub(super) fn depth(&self) -> u64 {
        self.depth
    }

    /// Hands every child element of the element that just started to `each` (which reads or
    /// skips it), until that element ends; other items are passed over.
    pub(super) fn children(
        &mut self,
        mut each: impl FnMut(&mut Self, &Element<'a>) -> Result<(), ProfileError>,
    ) -> Result<(), ProfileError> {
        let depth = self.depth();
        while self.depth() >= depth {
            let next = self.next(false);
            if let Some(child) = started(&next)? {
                each(self, child)?;
            }
        }
        Ok(())
    }

    /// A parser error as `profile_malformed_xml` at its position.
    #[cold]
    fn parse_error(&self, error: &quick_xml::Error) -> ProfileError {
        self.malformed(self.reader.error_position(), parse_error_text(error))
    }

    /// A malformed-XML error at a byte offset.
    pub(super) fn malformed(&self, offset: u64, reason: impl Into<String>) -> ProfileError {
        let (line, column) = line_column(self.xml, offset);
        ProfileError::MalformedXml { line, column, reason: reason.into() }
    }

    /// The next item; text is decoded only when `want_text` is set.
    pub(super) fn next(&mut self, want_text: bool) -> Result<Item<'a>, ProfileError> {
        self.advance(Some(want_text))
    }

    /// Skips the rest of the element that just started (its content and its end).
    pub(super) fn skip(&mut self) -> Result<(), ProfileError> {
        if self.depth == 0 && !self.pending_end {
            return Ok(());
        }
        self.advance(None).map(|_| ())
    }

    /// Reads on: with `Some(want_text)` to the next item, with `None` to the end of the element
    /// that just started, which is skipped with the same checks as `next` but without building
    /// items (skipped content is most of a profile).
    ///
    /// The one place where events are read, so that quick-xml's reader is inlined here: a
    /// result returned through memory is read back wider than it was written, a stall on every
    /// event (`perf annotate`) that the bare pass never pays.
    fn advance(&mut self, items: Option<bool>) -> Result<Item<'a>, ProfileError> {
        // An empty element (`<a/>`) comes as one event: its end is the next item, and skipping
        // it ends there.
        if std::mem::take(&mut self.pending_end) {
            self.leave();
            return Ok(Item::End);
        }
        let target = self.depth.saturating_sub(1);
        loop {
            let offset = self.reader.buffer_position();
            let first = std::mem::replace(&mut self.first_event, false);
            // The event is looked at in place (by reference): moving it out of the result copies
            // it through memory, read back wider than written (a stall per event). What is kept
            // of it (an element start, a text) borrows the document and is cloned cheaply.
            let result = self.reader.read_event();
            let event = match &result {
                Ok(event) => event,
                Err(error) => return Err(self.parse_error(error)),
            };
            let Some(want_text) = items else {
                if self.skipped(event, offset)? && self.depth <= target {
                    return Ok(Item::End);
                }
                continue;
            };
            let (start, empty) = match event {
                Event::Start(start) => (start.clone(), false),
                Event::Empty(start) => (start.clone(), true),
                Event::Text(text) if want_text && self.depth > 0 => {
                    return self.text_of(text, offset, || text.decode()).map(Item::Text);
                }
                Event::CData(data) if want_text && self.depth > 0 => {
                    return self.text_of(data, offset, || data.decode()).map(Item::Text);
                }
                event => match self.other_event(event, offset, first, want_text)? {
                    Some(item) => return Ok(item),
                    None => continue,
                },
            };
            // Only element starts need their namespace; ends are checked by name.
            self.declare(&start, offset)?;
            let (ns, other_ns) = match self.scopes.resolve(start.name().into_inner()) {
                Resolved::Bound(Ns::Other, name) => (Ns::Other, Some(String::from_utf8_lossy(name).into())),
                Resolved::Bound(ns, _) => (ns, None),
                Resolved::Unbound => (Ns::None, None),
                Resolved::Unknown => {
                    let name = start.name().into_inner();
                    let prefix = name.get(..memchr::memchr(b':', name).unwrap_or(0)).unwrap_or_default();
                    let prefix = printable(&String::from_utf8_lossy(prefix), 32);
                    return Err(self.malformed(offset, format!("namespace prefix `{prefix}` is not declared")));
                }
            };
            if self.depth == 0 && self.seen_root {
                return Err(self.malformed(offset, "a second root element"));
            }
            self.enter(offset)?;
            self.seen_root = true;
            self.pending_end = empty;
            return Ok(Item::Start(Element { ns, other_ns, start, offset }));
        }
    }

    /// The text of an event as `str`. A piece of the document (what the tokeniser hands out over
    /// a byte slice) is sliced from [`Self::doc`], which was checked to be UTF-8 as a whole, so
    /// it is not checked again; anything else is decoded by quick-xml.
    #[inline]
    fn text_of(
        &self,
        piece: &[u8],
        offset: u64,
        decode: impl FnOnce() -> Result<Cow<'a, str>, quick_xml::encoding::EncodingError>,
    ) -> Result<Cow<'a, str>, ProfileError> {
        // Where the piece starts in the document: only bytes of the document (a live borrow, which
        // no other allocation overlaps) give a range within it.
        let start = (piece.as_ptr() as usize).wrapping_sub(self.xml.as_ptr() as usize);
        match start.checked_add(piece.len()).and_then(|end| self.doc.get(start..end)) {
            Some(text) => Ok(Cow::Borrowed(text)),
            None => decode().map_err(|e| self.malformed(offset, e.to_string())),
        }
    }

    /// An event other than an element start or wanted text: an item, `None` to read on, or an
    /// error.
    #[inline]
    fn other_event(
        &mut self,
        event: &Event<'a>,
        offset: u64,
        first: bool,
        want_text: bool,
    ) -> Result<Option<Item<'a>>, ProfileError> {
        match event {
            // `advance` reads element starts (and wanted text) itself.
            Event::Start(_) | Event::Empty(_) => return Err(self.malformed(offset, "an element start out of place")),
            Event::End(_) => {
                self.leave();
                return Ok(Some(Item::End));
            }
            Event::Text(text) => {
                if self.depth == 0 {
                    let stray = text.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
                    if let Some(at) = stray {
                        let at = offset + at as u64;
                        return Err(self.malformed(at, "text outside the root element"));
                    }
                }
            }
            Event::CData(_) => {
                if self.depth == 0 {
                    return Err(self.malformed(offset, "CDATA outside the root element"));
                }
            }
            Event::GeneralRef(reference) => {
                if self.depth == 0 {
                    return Err(self.malformed(offset, "a reference outside the root element"));
                }
                let resolved = self.resolve_reference(reference, offset)?;
                if want_text {
                    return Ok(Some(Item::Text(resolved)));
                }
            }
            Event::Decl(decl) => {
                if !first {
                    return Err(self.malformed(offset, "the XML declaration is not at the start of the document"));
                }
                if let Some(encoding) = decl.encoding() {
                    let encoding = encoding.map_err(|e| self.malformed(offset, e.to_string()))?;
                    if !encoding.eq_ignore_ascii_case(b"UTF-8") {
                        let encoding = printable(&String::from_utf8_lossy(&encoding), 32);
                        return Err(ProfileError::UnsupportedEncoding { encoding });
                    }
                }
            }
            Event::PI(_) | Event::Comment(_) => {}
            Event::DocType(_) => {
                let (line, column) = line_column(self.xml, offset);
                return Err(ProfileError::DtdRefused { line, column });
            }
            Event::Eof => {
                if self.depth > 0 {
                    return Err(
                        self.malformed(offset, format!("the document ends inside {} open element(s)", self.depth))
                    );
                }
                if !self.seen_root {
                    return Err(self.malformed(offset, "the document has no root element"));
                }
                return Ok(Some(Item::Eof));
            }
        }
        Ok(None)
    }

    /// A character reference or one of the five predefined entities; anything else is an
    /// undeclared entity (there is no DTD to declare it).
    fn resolve_reference(
        &self,
        reference: &quick_xml::events::BytesRef<'a>,
        offset: u64,
    ) -> Result<Cow<'a, str>, ProfileError> {
        match reference.resolve_char_ref() {
            Ok(Some(ch)) => return Ok(Cow::Owned(ch.to_string())),
            Ok(None) => {}
            Err(error) => return Err(self.malformed(offset, parse_error_text(&error))),
        }
        let name = reference.decode().map_err(|e| self.malformed(offset, e.to_string()))?;
        let text = match name.as_ref() {
            "lt" => "<",
            "gt" => ">",
            "amp" => "&",
            "apos" => "'",
            "quot" => "\"",
            other => {
                let other = printable(other, 32);
                return Err(self.malformed(
                    offset,
                    format!("undeclared entity reference `&{other};` (only the five predefined entities are allowed)"),
                ));
            }
        };
        Ok(Cow::Borrowed(text))
    }

    /// One event of skipped content: namespace bindings are still tracked, but names are not
    /// resolved (nothing here is looked at by namespace). True when an element ended.
    #[inline]
    fn skipped(&mut self, event: &Event<'a>, offset: u64) -> Result<bool, ProfileError> {
        match event {
            Event::Start(start) => {
                self.declare(start, offset)?;
                self.enter(offset)?;
            }
            Event::Empty(start) => {
                self.declare(start, offset)?;
                self.enter(offset)?;
                self.leave();
            }
            Event::End(_) => {
                self.leave();
                return Ok(true);
            }
            Event::Text(_) | Event::CData(_) | Event::Comment(_) | Event::PI(_) => {}
            Event::GeneralRef(reference) => {
                self.resolve_reference(reference, offset)?;
            }
            Event::DocType(_) => {
                let (line, column) = line_column(self.xml, offset);
                return Err(ProfileError::DtdRefused { line, column });
            }
            Event::Decl(_) => {
                return Err(self.malformed(offset, "an XML declaration inside an element"));
            }
            Event::Eof => {
                let open = self.depth;
                return Err(self.malformed(offset, format!("the document ends inside {open} open element(s)")));
            }
        }
        Ok(false)
    }

    /// Reads the text content of the element that just started, up to and including its end,
    /// trimmed of XML white space. The flag is set when the element had child elements (they
    /// are skipped).
    pub(super) fn text(&mut self) -> Result<(String, bool), ProfileError> {
        let target = self.depth.saturating_sub(1);
        let mut value: Option<Cow<'a, str>> = None;
        let mut had_child = false;
        while self.depth > target {
            // Looked at in place (see `started`); a borrowed piece is copied as a reference.
            let next = self.next(true);
            match &next {
                Ok(Item::Text(piece)) => match value.as_mut() {
                    None => value = Some(piece.clone()),
                    Some(existing) => existing.to_mut().push_str(piece),
                },
                Ok(Item::Start(_)) => {
                    had_child = true;
                    self.skip()?;
                }
                Ok(Item::End) => {}
                Ok(Item::Eof) => break,
                Err(error) => return Err(error.clone()),
            }
        }
        let value = value.unwrap_or_default();
        Ok((value.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n')).to_owned(), had_child))
    }

    /// The value of an unqualified attribute. Every attribute is read, so a duplicate or a
    /// malformed attribute is an error even after the one asked for (whichever comes first in
    /// the tag). Duplicates are found by sorting the names (quick-xml's own check compares each
    /// attribute with every earlier one: quadratic in their number), see [`first_duplicate`].
    pub(super) fn attribute(&self, element: &Element<'a>, name: &str) -> Result<Option<String>, ProfileError> {
        let mut found = None;
        let mut keys = Vec::new();
        let mut attributes = element.start.attributes();
        attributes.with_checks(false);
        loop {
            // Looked at in place: moving each attribute out of its result copies it through
            // memory, read back wider than written (a stall per attribute, `perf annotate`).
            let next = attributes.next();
            let attribute = match &next {
                None => break,
                Some(Ok(attribute)) => attribute,
                Some(Err(e)) => {
                    self.no_duplicate(element, &mut keys)?;
                    return Err(self.malformed(element.offset, e.to_string()));
                }
            };
            let key = attribute.key.into_inner();
            keys.push(key);
            if key == name.as_bytes() {
                let value = attribute.unescape_value().map_err(|e| {
                    self.no_duplicate(element, &mut keys)
                        .err()
                        .unwrap_or_else(|| self.malformed(element.offset, parse_error_text(&e)))
                })?;
                found = Some(value.into_owned());
            }
        }
        self.no_duplicate(element, &mut keys)?;
        Ok(found)
    }

    fn no_duplicate(&self, element: &Element<'a>, keys: &mut [&[u8]]) -> Result<(), ProfileError> {
        match first_duplicate(keys) {
            None => Ok(()),
            Some(key) => {
                let key = printable(&String::from_utf8_lossy(key), 64);
                Err(self.malformed(element.offset, format!("duplicated attribute `{key}`")))
            }
        }
    }
}

/// An attribute name in the duplicate check: its first 8 bytes as one number (the last one
/// zero for a name of up to 7 bytes), so that most comparisons end there without reading it.
struct SortKey<'k> {
    head: u64,
    name: &'k [u8],
}

impl<'k> SortKey<'k> {
    fn new(name: &'k [u8]) -> Self {
        let mut head = [0u8; 8];
        for (to, from) in head.iter_mut().zip(name) {
            *to = *from;
        }
        Self { head: u64::from_be_bytes(head), name }
    }

    /// Orders names (by head, length, then bytes past the head); equal names are `Equal`.
    fn order(&self, other: &Self) -> std::cmp::Ordering {
        self.head.cmp(&other.head).then(self.name.len().cmp(&other.name.len())).then_with(|| {
            let tail = |key: &Self| key.name.get(8..).unwrap_or_default();
            tail(self).cmp(tail(other))
        })
    }
}

/// The name repeated first in document order (the earliest second occurrence), found in
/// O(n log n) steps whatever the names: no hashing, so no choice of names makes it slower, and
/// sorting reads a compact array in order where a hash set of hundreds of thousands of names
/// misses the cache on every insert.
pub(super) fn first_duplicate<'k>(names: &[&'k [u8]]) -> Option<&'k [u8]> {
    // Names of up to 7 bytes (nearly all) as one number each, name and length together; longer
    // ones by their first 8 bytes, then the rest.
    let short_key = |name: &[u8]| SortKey::new(name).head | name.len() as u64;
    let mut short = Vec::with_capacity(names.len());
    let mut long = Vec::new();
    for name in names {
        match name.len() {
            0..=7 => short.push(short_key(name)),
            _ => long.push(SortKey::new(name)),
        }
    }
    short.sort_unstable();
    long.sort_unstable_by(SortKey::order);
    // The names repeated, each once (sorted).
    let mut short_repeated: Vec<u64> = short
        .windows(2)
        .filter_map(|pair| match pair {
            [a, b] if a == b => Some(*a),
            _ => None,
        })
        .collect();
    short_repeated.dedup();
    let mut long_repeated: Vec<&SortKey<'k>> = long
        .windows(2)
        .filter_map(|pair| match pair {
            [a, b] if a.order(b).is_eq() => Some(a),
            _ => None,
        })
        .collect();
    long_repeated.dedup_by(|a, b| a.order(b).is_eq());
    if short_repeated.is_empty() && long_repeated.is_empty() {
        return None;
    }
    // An error, once: which repeated name comes back first.
    let mut seen_short = vec![false; short_repeated.len()];
    let mut seen_long = vec![false; long_repeated.len()];
    names.iter().copied().find(|name| {
        let seen = match name.len() {
            0..=7 => short_repeated.binary_search(&short_key(name)).ok().and_then(|i| seen_short.get_mut(i)),
            _ => {
                let key = SortKey::new(name);
                long_repeated.binary_search_by(|probe| probe.order(&key)).ok().and_then(|i| seen_long.get_mut(i))
            }
        };
        seen.is_some_and(|seen| std::mem::replace(seen, true))
    })
}

/// quick-xml's text for its error (the words of its `Display`), each kind written here: the
/// reader reads a byte slice, which never fails to read, so its I/O arm (which would format a
/// `std::io::Error` and link every `ErrorKind`'s text into the npm package) is not needed.
pub(super) fn parse_error_text(error: &quick_xml::Error) -> String {
    use quick_xml::Error;
    let (kind, detail): (&str, &dyn std::fmt::Display) = match error {
        Error::Io(_) => return "I/O error".to_owned(),
        Error::Syntax(e) => ("syntax error: ", e),
        Error::IllFormed(e) => ("ill-formed document: ", e),
        Error::InvalidAttr(e) => ("error while parsing attribute: ", e),
        Error::Encoding(e) => ("", e),
        Error::Escape(e) => ("", e),
        Error::Namespace(e) => ("", e),
    };
    format!("{kind}{detail}")
}

/// The element that an item starts, looked at in place: moving an item out of its result
/// copies it through memory, read back wider than written (a stall per item, as in
/// `Cursor::advance`). `None` for any other item; the error (cloned, once) if reading failed.
pub(super) fn started<'n, 'a>(
    next: &'n Result<Item<'a>, ProfileError>,
) -> Result<Option<&'n Element<'a>>, ProfileError> {
    match next {
        Ok(Item::Start(element)) => Ok(Some(element)),
        Ok(_) => Ok(None),
        Err(error) => Err(error.clone()),
    }
}

/// Line and column (both from 1; the column counts characters) of a byte offset.
pub(super) fn line_column(xml: &[u8], offset: u64) -> (u64, u64) {
    let end = usize::try_from(offset).unwrap_or(usize::MAX).min(xml.len());
    let before = xml.get(..end).unwrap_or_default();
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let column = before.get(line_start..).unwrap_or_default().iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64 + 1;
    (line, column)
}
