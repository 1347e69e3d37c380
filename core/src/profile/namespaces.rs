//! The namespace bindings in scope (Namespaces in XML 1.0, §§ 3, 5, 6), kept by the reader
//! itself over quick-xml's plain `Reader`.
//!
//! quick-xml's `NsReader` reads the attributes of every start tag to find declarations; here a
//! start tag's attributes are read only when the text `xmlns` occurs after its name, which most
//! elements of a profile never have, and only up to its last `xmlns` (a root with hundreds of
//! thousands of attributes after its declarations is not read for them at all). Each binding is
//! classified ([`Ns`]) once, when it is declared, not on every element resolved against it. The
//! rules are quick-xml's: the same bindings, the same refusals of the reserved prefixes and names,
//! the same resolution (the tests in `hostile_tests.rs` passed against `NsReader` too), with one
//! difference: the namespace name is the declaration's value with its references resolved
//! (`&#x3A;` is `:`), as Namespaces in XML 1.0 §2 asks; quick-xml takes the value as written.

use super::xml::{classify, Ns};
use quick_xml::events::BytesStart;

/// The reserved `xml` prefix and its namespace (bound without a declaration).
const XML: (&[u8], &[u8]) = (b"xml", b"http://www.w3.org/XML/1998/namespace");
/// The reserved `xmlns` prefix and its namespace (never declared).
const XMLNS: (&[u8], &[u8]) = (b"xmlns", b"http://www.w3.org/2000/xmlns/");

/// One binding: its prefix (empty: the default namespace) and namespace name, in `buffer`.
struct Binding {
    start: usize,
    prefix_len: usize,
    /// 0 when the declaration undeclares (`xmlns=""`, `xmlns:p=""`).
    name_len: usize,
    ns: Ns,
    /// The depth of the element that declares it (0 for the two reserved bindings).
    depth: u64,
}

/// What an element name resolves to.
pub(super) enum Resolved<'s> {
    /// A namespace: its class and its name.
    Bound(Ns, &'s [u8]),
    /// No namespace (no prefix and no default namespace).
    Unbound,
    /// A prefix that is not declared.
    Unknown,
}

/// The bindings in scope, innermost last. Each knows the depth of the element that declared it,
/// so that an element without declarations (nearly all) costs nothing to enter or leave.
pub(super) struct Scopes {
    /// The prefixes and namespace names of `bindings`, one after the other.
    buffer: Vec<u8>,
    bindings: Vec<Binding>,
}

/// The two reserved bindings, always in scope.
const RESERVED: usize = 2;

/// Where the last `xmlns` of a start tag begins: each `x` from the end is looked at once (a
/// start tag is short, shorter than what a substring search pays to set up).
fn last_xmlns(raw: &[u8]) -> Option<usize> {
    let mut end = raw.len();
    while let Some(at) = memchr::memrchr(b'x', raw.get(..end)?) {
        if raw.get(at..at + 5) == Some(b"xmlns".as_slice()) {
            return Some(at);
        }
        end = at;
    }
    None
}

impl Scopes {
    pub(super) fn new() -> Self {
        let mut scopes = Self { buffer: Vec::new(), bindings: Vec::new() };
        for (prefix, name) in [XML, XMLNS] {
            scopes.bind(prefix, name, 0);
        }
        scopes
    }

    /// Declared bindings in scope (the two reserved ones are not counted).
    pub(super) fn in_scope(&self) -> usize {
        self.bindings.len().saturating_sub(RESERVED)
    }

    fn bind(&mut self, prefix: &[u8], name: &[u8], depth: u64) {
        let start = self.buffer.len();
        self.buffer.extend_from_slice(prefix);
        self.buffer.extend_from_slice(name);
        let ns = if name.is_empty() { Ns::None } else { classify(name) };
        self.bindings.push(Binding { start, prefix_len: prefix.len(), name_len: name.len(), ns, depth });
    }

    /// Opens the scope of an element that just started at `depth` (the root is 1): adds the
    /// bindings its attributes declare. The error is the reason a declaration is refused.
    #[inline(always)]
    pub(super) fn enter(&mut self, start: &BytesStart<'_>, depth: u64) -> Result<(), &'static str> {
        // `xmlns="…"` is at least 9 bytes after the name; most elements have no attributes.
        let raw = start.attributes_raw();
        if raw.len() < 9 {
            return Ok(());
        }
        self.declare(start, raw, depth)
    }

    /// The declarations of a start tag whose attributes are `raw`.
    fn declare(&mut self, start: &BytesStart<'_>, raw: &[u8], depth: u64) -> Result<(), &'static str> {
        // Declarations start where `xmlns` occurs; none after its last occurrence, so a start
        // tag with many attributes is read only up to there.
        if let Some(last) = last_xmlns(raw) {
            let mut attributes = start.attributes();
            attributes.with_checks(false);
            // As quick-xml: a malformed attribute ends the declarations (and is reported when
            // the attributes of the element are read). Each is looked at in place (see `advance`).
            while let Some(next) = &attributes.next() {
                let Ok(attribute) = next else { break };
                let key = attribute.key.as_ref();
                // The key is a part of the tag: where it starts in `raw`.
                if (key.as_ptr() as usize).wrapping_sub(raw.as_ptr() as usize) > last {
                    break;
                }
                let Some(rest) = key.strip_prefix(b"xmlns") else { continue };
                // The namespace name is the normalized value (Namespaces in XML 1.0 §2, XML 1.0
                // §3.3.3): character references and the predefined entities resolved. Nearly
                // every declaration has none, and is taken as it stands.
                let value = attribute.value.as_ref();
                let unescaped;
                let name = if memchr::memchr(b'&', value).is_some() {
                    unescaped = attribute
                        .unescape_value()
                        .map_err(|_| "a namespace declaration holds a malformed or undeclared reference")?;
                    unescaped.as_bytes()
                } else {
                    value
                };
                match rest {
                    [] => self.bind(b"", name, depth),
                    [b':', prefix @ ..] => {
                        if prefix == XML.0 {
                            if name != XML.1 {
                                return Err("the namespace prefix `xml` cannot be bound to another namespace");
                            }
                        } else if prefix == XMLNS.0 {
                            return Err("the namespace prefix `xmlns` cannot be declared");
                        } else if name == XML.1 || name == XMLNS.1 {
                            return Err("a reserved namespace (xml or xmlns) cannot be bound to another prefix");
                        } else {
                            self.bind(prefix, name, depth);
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// Closes the scope of the element that ends at `depth`: the bindings it declared are the
    /// last ones (the reserved two are kept).
    #[inline(always)]
    pub(super) fn leave(&mut self, depth: u64) {
        if self.bindings.len() > RESERVED && self.bindings.last().is_some_and(|binding| binding.depth >= depth) {
            self.unbind(depth);
        }
    }

    fn unbind(&mut self, depth: u64) {
        let keep = self.bindings.iter().rposition(|binding| binding.depth < depth).map_or(0, |at| at + 1);
        let keep = keep.max(RESERVED);
        if let Some(start) = self.bindings.get(keep).map(|binding| binding.start) {
            self.buffer.truncate(start);
            self.bindings.truncate(keep);
        }
    }

    /// Resolves an element name (`prefix:local` or `local`, the default namespace applying).
    pub(super) fn resolve(&self, name: &[u8]) -> Resolved<'_> {
        let prefix = memchr::memchr(b':', name).map(|colon| name.get(..colon).unwrap_or_default());
        let wanted = prefix.unwrap_or_default();
        // Most names have no prefix: then the length alone decides (no call to compare bytes).
        let binding = self.bindings.iter().rev().find(|binding| {
            binding.prefix_len == wanted.len()
                && (wanted.is_empty() || self.buffer.get(binding.start..binding.start + wanted.len()) == Some(wanted))
        });
        match (binding, prefix) {
            // `:local`: an empty prefix is never declared.
            (_, Some([])) | (None, Some(_)) => Resolved::Unknown,
            (None, None) => Resolved::Unbound,
            (Some(binding), _) if binding.name_len == 0 => {
                if prefix.is_some() {
                    Resolved::Unknown
                } else {
                    Resolved::Unbound
                }
            }
            (Some(binding), _) => {
                let from = binding.start + binding.prefix_len;
                Resolved::Bound(binding.ns, self.buffer.get(from..from + binding.name_len).unwrap_or_default())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::last_xmlns;

    #[test]
    fn the_last_xmlns_of_a_tag_is_found_from_its_end() {
        assert_eq!(last_xmlns(b" xmlns='a' xmlns:p='b' x='xml'"), Some(11));
        assert_eq!(last_xmlns(b" a='xmlns' xx='1'"), Some(4));
        assert_eq!(last_xmlns(b" xmln='1' x='xmlnx'"), None);
        assert_eq!(last_xmlns(b"xmlns"), Some(0));
    }
}
