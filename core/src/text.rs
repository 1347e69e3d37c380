//! Looking for one of the crate's short literals (`","`, `"://"`, a few bytes) in text, window by
//! window: linear in the text times the literal's length. `str::contains`, `find` and `split`
//! with a string pattern (or a `char` one not folded at compile time) would link core's Two-Way
//! searcher into the npm package for them.

/// Whether `needle` occurs in `text`.
pub(crate) fn contains(text: &str, needle: &str) -> bool {
    find(text, needle).is_some()
}

/// The byte offset of the first `needle` in `text`.
pub(crate) fn find(text: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    text.as_bytes().windows(needle.len()).position(|window| window == needle.as_bytes())
}

/// `text` split around the first `needle` (as `str::split_once`).
pub(crate) fn split_once<'t>(text: &'t str, needle: &str) -> Option<(&'t str, &'t str)> {
    let at = find(text, needle)?;
    Some((text.get(..at)?, text.get(at + needle.len()..)?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_as_str_does() {
        for (text, needle) in
            [("a,b", ","), ("ab", ","), ("", ","), ("x\u{a0}y", "\u{a0}"), ("h://a://b", "://"), ("a", "")]
        {
            assert_eq!(super::contains(text, needle), text.contains(needle), "{text:?} {needle:?}");
            assert_eq!(super::find(text, needle), text.find(needle), "{text:?} {needle:?}");
            assert_eq!(super::split_once(text, needle), text.split_once(needle), "{text:?} {needle:?}");
        }
    }
}
