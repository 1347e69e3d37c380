//! A serde_json error told to a host's caller who wrote a value, not a JSON text (the npm
//! package's arguments go through `JSON.stringify`): where in the document it stopped, as a member
//! path from the root (`jwks.keys[0].kty`), and what, without serde_json's position in a text the
//! caller never saw (`at line 1 column 812`) and in a JSON reader's words (an array, an object)
//! rather than serde's (a sequence, a map, a struct).

use std::fmt::Write;

/// The longest member name a path shows, in characters (a name is the caller's, not a secret,
/// but it may be long).
const MAX_NAME_CHARS: usize = 64;

/// Where `error` stopped reading `text`, as a member path from the document's root (empty at the
/// root), and its message without the position and in a JSON reader's words.
///
/// ```
/// #[derive(Debug, serde::Deserialize)]
/// #[serde(deny_unknown_fields)]
/// struct Key { kty: String }
/// #[derive(Debug, serde::Deserialize)]
/// struct Set { keys: Vec<Key> }
/// let text = r#"{"keys":[{"kty":"EC"},{"kty":5}]}"#;
/// let error = mcx_connect::json::from_str::<Set>(text).unwrap_err();
/// let (path, message) = mcx_connect::json::describe_error(text, &error);
/// assert_eq!(path, "keys[1].kty");
/// assert_eq!(message, "invalid type: integer `5`, expected a string");
/// ```
pub fn describe_error(text: &str, error: &serde_json::Error) -> (String, String) {
    let message = safe_message(error);
    // serde_json's column counts the bytes of the line up to and including where it stopped.
    let end = line_start(text, error.line()).saturating_add(error.column());
    // An unknown member stopped on its own name, which the message names: the path is its object's.
    let path = path_at(text, end, message.starts_with("unknown field"));
    (path, in_json_words(&message))
}

/// serde_json's message, safe to show: without the position it appends (` at line 1 column 812`)
/// and without a string value it quotes (`invalid type: string "eyJ…", expected …`): a string in
/// the wrong place may be a token or a secret, so it is said to be a string, never shown.
pub(crate) fn safe_message(error: &serde_json::Error) -> String {
    let mut message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    if message.ends_with(position.as_str()) {
        message.truncate(message.len() - position.len());
    }
    for kind in ["invalid type: string \"", "invalid value: string \""] {
        // The value is written escaped (`\"` inside), so its end is the last `", expected `: what
        // is expected is the reading type's own text.
        if let (true, Some(end)) = (message.starts_with(kind), message.rfind("\", expected ")) {
            let tail = message.get(end + 1..).unwrap_or_default().to_owned();
            message = format!("{}a string{tail}", kind.trim_end_matches("string \""));
        }
    }
    message
}

/// The byte offset where line `line` (1-based) of `text` starts.
fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.bytes().enumerate().filter(|&(_, byte)| byte == b'\n').nth(line - 2).map_or(text.len(), |(at, _)| at + 1)
}

/// The member path (`a.b[0].c`) open at byte offset `end` of the JSON text `text`, written as the
/// text is walked: for each open object or array, where its part of the path starts and its state
/// (an array's element index times two; an object's 1 while a name is awaited, 3 after it).
/// `without_last_name` leaves out the name of the innermost object's member.
fn path_at(text: &str, end: usize, without_last_name: bool) -> String {
    let bytes = text.as_bytes();
    let mut path = String::new();
    let (mut starts, mut states): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at).filter(|_| at < end) {
        match (byte, states.last_mut()) {
            (b'"', state) => {
                let start = at + 1;
                at = start;
                while let Some(&inside) = bytes.get(at).filter(|&&inside| inside != b'"') {
                    at += if inside == b'\\' { 2 } else { 1 };
                }
                if let (Some(state @ 1), Some(&base)) = (state, starts.last()) {
                    *state = 3;
                    path.truncate(base);
                    let name = text.get(start..at.min(bytes.len())).unwrap_or_default();
                    if base > 0 {
                        path.push('.');
                    }
                    path.extend(name.chars().take(MAX_NAME_CHARS));
                    if name.chars().nth(MAX_NAME_CHARS).is_some() {
                        path.push('…');
                    }
                }
            }
            (b'{', _) => {
                starts.push(path.len());
                states.push(1);
            }
            (b'[', _) => {
                starts.push(path.len());
                states.push(0);
                path.push_str("[0]");
            }
            (b'}' | b']', _) => {
                path.truncate(starts.pop().unwrap_or_default());
                states.pop();
            }
            (b',', Some(state)) => {
                if *state % 2 == 0 {
                    *state += 2;
                    path.truncate(starts.last().copied().unwrap_or_default());
                    let _ = write!(path, "[{}]", *state / 2);
                } else {
                    *state = 1;
                }
            }
            _ => {}
        }
        at += 1;
    }
    if without_last_name && states.last().is_some_and(|state| state % 2 == 1) {
        path.truncate(starts.last().copied().unwrap_or_default());
    }
    path
}

/// serde's words for JSON's (`sequence` → `array`, `map` → `object`, `struct X` → `object X`, a Rust
/// number type such as `u64` → the numbers it takes), whole words only and outside the backquoted
/// names and values the message quotes.
fn in_json_words(message: &str) -> String {
    const WORDS: [(&str, &str); 15] = [
        ("a sequence", "an array"),
        ("a map", "an object"),
        ("sequence", "array"),
        ("map", "object"),
        ("struct", "object"),
        ("u8", "an integer from 0 to 255"),
        ("u16", "an integer from 0 to 65535"),
        ("u32", "an integer from 0 to 4294967295"),
        ("u64", "a non-negative integer"),
        ("usize", "a non-negative integer"),
        ("i32", "an integer from -2147483648 to 2147483647"),
        ("i64", "an integer"),
        ("isize", "an integer"),
        ("f32", "a number"),
        ("f64", "a number"),
    ];
    let mut out = String::with_capacity(message.len());
    for (part, text) in message.split('`').enumerate() {
        if part > 0 {
            out.push('`');
        }
        if part % 2 == 1 {
            out.push_str(text);
            continue;
        }
        let mut rest = text;
        'text: while let Some(first) = rest.chars().next() {
            let after_word = out.chars().next_back().is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
            if after_word {
                for (from, to) in WORDS {
                    let ends_word = rest
                        .get(from.len()..)
                        .is_some_and(|next| !next.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'));
                    if let Some(next) = rest.strip_prefix(from).filter(|_| ends_word) {
                        out.push_str(to);
                        rest = next;
                        continue 'text;
                    }
                }
            }
            out.push(first);
            rest = rest.get(first.len_utf8()..).unwrap_or_default();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::describe_error;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Client {
        method: String,
        client_id: String,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Request {
        resource: String,
        scopes: Vec<String>,
        client: Client,
    }

    fn described(text: &str) -> (String, String) {
        let error = crate::json::from_str::<Request>(text).unwrap_err();
        describe_error(text, &error)
    }

    #[test]
    fn a_wrong_type_names_its_member_and_no_position() {
        let (path, message) = described(r#"{"resource":5,"scopes":[],"client":{"method":"m","client_id":"c"}}"#);
        assert_eq!((path.as_str(), message.as_str()), ("resource", "invalid type: integer `5`, expected a string"));
        let (path, _) = described(r#"{"resource":"r","scopes":["a",7],"client":{"method":"m","client_id":"c"}}"#);
        assert_eq!(path, "scopes[1]");
        let (path, _) = described(r#"{"resource":"r","scopes":[],"client":{"method":"m","client_id":[1]}}"#);
        assert_eq!(path, "client.client_id");
    }

    #[test]
    fn an_unknown_member_is_named_by_the_message_at_its_objects_path() {
        let (path, message) =
            described(r#"{"resource":"r","scopes":[],"client":{"method":"m","client_id":"c","secret":"s"}}"#);
        assert_eq!(path, "client");
        assert_eq!(message, "unknown field `secret`, expected `method` or `client_id`");
    }

    #[test]
    fn a_missing_member_is_named_by_the_message_at_its_objects_path() {
        let (path, message) = described(r#"{"resource":"r","scopes":[],"client":{"method":"m"}}"#);
        assert_eq!((path.as_str(), message.as_str()), ("client", "missing field `client_id`"));
        let (path, message) = described(r#"{"scopes":[],"client":{"method":"m","client_id":"c"}}"#);
        assert_eq!((path.as_str(), message.as_str()), ("", "missing field `resource`"));
    }

    #[test]
    fn an_array_for_an_object_is_said_in_json_words() {
        let (path, message) = described(r#"["r",[],{}]"#);
        assert_eq!(path, "");
        assert_eq!(message, "invalid type: array, expected object Request");
        let (path, message) = described(r#"{"resource":"r","scopes":{},"client":{"method":"m","client_id":"c"}}"#);
        assert_eq!((path.as_str(), message.as_str()), ("scopes", "invalid type: object, expected an array"));
    }

    #[test]
    fn a_string_in_the_wrong_place_is_never_quoted_it_may_be_a_token() {
        let token = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";
        let text = format!(r#"{{"resource":"r","scopes":[],"client":"{token}"}}"#);
        let (path, message) = described(&text);
        assert_eq!((path.as_str(), message.as_str()), ("client", "invalid type: a string, expected object Client"));
        // A quote and `", expected ` inside the value do not end it early.
        let text = r#"{"resource":"r","scopes":[],"client":"x\", expected y"}"#;
        let (_, message) = described(text);
        assert_eq!(message, "invalid type: a string, expected object Client");
        let error = serde_json::from_str::<u64>(&format!("\"{token}\"")).unwrap_err();
        assert!(!super::safe_message(&error).contains("eyJ"));
    }

    #[test]
    fn a_number_is_said_by_the_numbers_it_takes_not_by_its_rust_type() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Limits {
            max_body_bytes: u64,
            status: Option<u16>,
        }
        let said = |text: &str| {
            let error = crate::json::from_str::<Limits>(text).unwrap_err();
            describe_error(text, &error)
        };
        assert_eq!(
            said(r#"{"max_body_bytes":-1}"#),
            ("max_body_bytes".to_owned(), "invalid value: integer `-1`, expected a non-negative integer".to_owned())
        );
        assert_eq!(
            said(r#"{"max_body_bytes":1,"status":70000}"#).1,
            "invalid value: integer `70000`, expected an integer from 0 to 65535"
        );
        assert_eq!(
            super::in_json_words("expected u64, u640 or `u64`"),
            "expected a non-negative integer, u640 or `u64`"
        );
    }

    #[test]
    fn only_whole_words_outside_quotes_are_said_anew() {
        assert_eq!(
            super::in_json_words("invalid type: map, expected struct HeaderMap with `map` in a sequence of maps"),
            "invalid type: object, expected object HeaderMap with `map` in an array of maps"
        );
    }

    #[test]
    fn names_with_quotes_and_escapes_are_shown_as_written_and_long_ones_cut() {
        let long = "n".repeat(100);
        let text =
            format!(r#"{{"resource":"r","scopes":[],"client":{{"method":"m","client_id":"c","a\"b{long}":1}}}}"#);
        let error = crate::json::from_str::<Request>(&text).unwrap_err();
        let (path, _) = describe_error(&text, &error);
        assert_eq!(path, "client");
        let text = r#"{"resource":"r\"x","scopes":[],"client":{"method":"m","client_id":5}}"#;
        let error = crate::json::from_str::<Request>(text).unwrap_err();
        assert_eq!(describe_error(text, &error).0, "client.client_id");
        let text = format!(r#"{{"{long}":{{"x":1}}}}"#);
        let error =
            serde_json::from_str::<std::collections::HashMap<String, std::collections::HashMap<String, String>>>(&text)
                .unwrap_err();
        let (path, _) = describe_error(&text, &error);
        assert_eq!(path, format!("{}….x", "n".repeat(64)));
    }

    #[test]
    fn a_syntax_error_names_where_it_stopped() {
        let text = "{\"resource\":\"r\",\n\"scopes\":[\"a\",";
        let error = crate::json::from_str::<Request>(text).unwrap_err();
        let (path, message) = describe_error(text, &error);
        assert_eq!((path.as_str(), message.as_str()), ("scopes[1]", "EOF while parsing a value"));
    }
}
