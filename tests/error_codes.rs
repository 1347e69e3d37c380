//! Issue 15 §4, errors as data: the registry of stable codes (`mcx_connect::error::ERROR_CODES`)
//! and the shared vectors agree. Every vector's `expect.error.code` is registered, its
//! `oauth_error` is the one the registry gives, and every registered code is produced by at least
//! one vector (so by every language's runner) — except the few listed in `NOT_IN_A_VECTOR`, each
//! with the reason and the test files that check it instead.

use mcx_connect::error::{ErrorCode, RfcError, ERROR_CODES};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Codes no vector can produce, why, and the tests (relative to the repository) that assert them.
const NOT_IN_A_VECTOR: &[(&str, &str, &[&str])] = &[
    (
        "login_randomness_unavailable",
        "the operating system's random source cannot be made to fail from an input (core/src/pkce.rs maps its failure)",
        &[],
    ),
    (
        "security_token_already_signed",
        "a second `finish` of the UniFFI binding's shared unsigned security token: a vector is one call, Rust's \
         `finish` consumes the token and the npm package signs within one call",
        &[
            "bindings/uniffi/kotlin/McxConnectTest.kt",
            "bindings/uniffi/swift/Tests/McxConnectTests/ApiTests.swift",
            "bindings/uniffi/python/test_api.py",
        ],
    ),
];

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the repository")
}

/// Every `expect.error` of every vector file: (file :: case, code, oauth_error if given).
fn vector_errors() -> Vec<(String, String, Option<String>)> {
    let mut errors = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(repository().join("tests/vectors"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    for path in files {
        let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for case in file["cases"].as_array().unwrap_or_else(|| panic!("{name} has no cases")) {
            let Some(error) = case["expect"].get("error") else { continue };
            let code = error["code"].as_str().unwrap_or_else(|| panic!("{name} :: {} has no code", case["name"]));
            let oauth_error = error.get("oauth_error").and_then(Value::as_str).map(str::to_owned);
            errors.push((format!("{name} :: {}", case["name"].as_str().unwrap_or("?")), code.to_owned(), oauth_error));
        }
    }
    errors
}

#[test]
fn every_code_in_a_vector_is_registered_with_the_rfc_error_the_vector_expects() {
    let errors = vector_errors();
    assert!(errors.len() > 300, "only {} error vectors found", errors.len());
    for (case, code, oauth_error) in errors {
        let entry = ErrorCode::lookup(&code).unwrap_or_else(|| panic!("{case}: `{code}` is not in ERROR_CODES"));
        let Some(oauth_error) = oauth_error else { continue };
        match entry.rfc_error {
            RfcError::Always(expected) => assert_eq!(oauth_error, expected, "{case}"),
            RfcError::Usually { code: usual, note } => {
                assert!(oauth_error == usual || note.contains(&format!("`{oauth_error}`")), "{case}: {oauth_error}")
            }
            RfcError::ByContext => {
                assert!(["invalid_grant", "invalid_request"].contains(&oauth_error.as_str()), "{case}: {oauth_error}")
            }
            RfcError::ServersOwn => {}
            RfcError::NotSent => {
                panic!("{case}: `{code}` is never sent by a server, but the vector expects {oauth_error}")
            }
            _ => unreachable!("a new RfcError variant needs a rule here"),
        }
    }
}

#[test]
fn every_registered_code_is_produced_by_a_vector_or_listed_with_its_reason() {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (_, code, _) in vector_errors() {
        *seen.entry(code).or_default() += 1;
    }
    let mut missing = Vec::new();
    for entry in ERROR_CODES {
        let exempt = NOT_IN_A_VECTOR.iter().find(|(code, _, _)| *code == entry.code);
        match (seen.contains_key(entry.code), exempt) {
            (true, Some(_)) => panic!("`{}` now has a vector: remove it from NOT_IN_A_VECTOR", entry.code),
            (false, None) => missing.push(entry.code),
            (true, None) => {}
            (false, Some((code, reason, tests))) => {
                assert!(!reason.is_empty());
                for test in *tests {
                    let text = std::fs::read_to_string(repository().join(test)).unwrap_or_else(|_| panic!("{test}"));
                    assert!(text.contains(&format!("\"{code}\"")), "{test} does not assert `{code}`");
                }
            }
        }
    }
    assert!(missing.is_empty(), "registered codes that no vector produces: {missing:?}");
    for (code, _, _) in NOT_IN_A_VECTOR {
        assert!(ErrorCode::lookup(code).is_some(), "NOT_IN_A_VECTOR lists `{code}`, which is not registered");
    }
}

/// A meaning reaches the docs of Kotlin's, Swift's, Python's and TypeScript's `ErrorCode`: it names
/// no Rust path (`ProfileLimits::max_depth`) and uses no rustdoc link syntax.
#[test]
fn error_code_meanings_are_written_for_every_language() {
    let rust: Vec<_> = ERROR_CODES
        .iter()
        .filter(|entry| {
            entry.meaning.contains("::") || entry.meaning.contains("[`") || entry.meaning.contains("Date.now")
        })
        .map(|entry| entry.code)
        .collect();
    assert!(rust.is_empty(), "meanings in Rust's or JavaScript's words: {rust:?}");
}

/// The codes as typed constants in each binding's own language, written from the registry:
/// `MCX_BLESS=1 cargo test -p mcx-connect-tests --test error_codes` rewrites them after a change.
#[test]
fn typed_error_codes_of_every_binding_are_the_registry() {
    let header = "Generated from the core's error registry (mcx_connect::error::ERROR_CODES) by tests/error_codes.rs; do not edit.";
    let doc = |entry: &ErrorCode| format!("{}: {}", entry.concept.as_str(), entry.meaning.replace("*/", "* /"));
    let camel = |code: &str| {
        let mut out = String::new();
        for (index, word) in code.split('_').enumerate() {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(if index == 0 {
                    first.to_lowercase().collect::<Vec<_>>()
                } else {
                    first.to_uppercase().collect()
                });
                out.push_str(chars.as_str());
            }
        }
        out
    };
    let mut kotlin = format!(
        "// {header}\npackage org.mcxconnect\n\nimport org.mcxconnect.core.McxConnectException\n\n/** The stable error codes: `error.errorCode == ErrorCode.SCOPE_COMMA`, or a `when` over them. A code this version does\n *  not know (from a newer core) has no entry; `code` still holds it. */\nenum class ErrorCode(\n    /** The code as every language writes it (`scope_comma`). */\n    val code: String,\n) {{\n"
    );
    let mut swift = format!(
        "// {header}\n\n/// The stable error codes: `error.errorCode == .scopeComma`. A code this version does not know (from a newer\n/// core) has no case; `code` still holds it.\npublic enum ErrorCode: String, CaseIterable, Sendable {{\n"
    );
    let mut python = format!(
        "# {header}\n\"\"\"The stable error codes: ``error.code == ErrorCode.SCOPE_COMMA`` (a ``str`` enum).\"\"\"\nimport enum\n\n\nclass ErrorCode(str, enum.Enum):\n    \"\"\"Every stable code of the core's error table.\"\"\"\n\n"
    );
    for entry in ERROR_CODES {
        kotlin.push_str(&format!(
            "    /** {} */\n    {}(\"{}\"),\n",
            doc(entry),
            entry.code.to_uppercase(),
            entry.code
        ));
        swift.push_str(&format!("    /// {}\n    case {} = \"{}\"\n", doc(entry), camel(entry.code), entry.code));
        python.push_str(&format!(
            "    {} = \"{}\"\n    \"\"\"{}\"\"\"\n",
            entry.code.to_uppercase(),
            entry.code,
            doc(entry).replace('\\', "\\\\")
        ));
    }
    kotlin.push_str("    ;\n\n    companion object {\n        /** The entry whose `code` is [code], or `null` for a code this version does not know. */\n        fun of(code: String): ErrorCode? = values().firstOrNull { it.code == code }\n    }\n}\n\n/** The code as an [ErrorCode], or `null` for a code this version does not know. */\nval McxConnectException.errorCode: ErrorCode?\n    get() = ErrorCode.of(code)\n");
    swift.push_str("}\n\nextension McxConnectError {\n    /// The code as an `ErrorCode`, or `nil` for a code this version does not know.\n    public var errorCode: ErrorCode? { ErrorCode(rawValue: code) }\n}\n");
    // TypeScript: a union in the npm package's error declarations, between two marker lines.
    let declarations = repository().join("bindings/wasm/js/error.d.ts");
    let current = std::fs::read_to_string(&declarations).unwrap();
    let (begin, end) = ("// BEGIN generated error codes", "// END generated error codes");
    let (Some(from), Some(to)) = (current.find(begin), current.find(end)) else {
        panic!("error.d.ts lacks the markers")
    };
    let from = from + current[from..].find('\n').unwrap() + 1;
    let mut union = String::from("/** Every stable code of the core's error table (the same strings in every language). */\nexport type ErrorCode =\n");
    for entry in ERROR_CODES {
        union.push_str(&format!("  /** {} */\n  | \"{}\"\n", doc(entry), entry.code));
    }
    union.truncate(union.len() - 1);
    union.push_str(";\n");
    let typescript = format!("{}{union}{}", &current[..from], &current[to..]);
    let files = [
        ("bindings/wasm/js/error.d.ts", typescript),
        ("bindings/uniffi/kotlin/src/ErrorCodes.kt", kotlin),
        ("bindings/uniffi/swift/Sources/ErrorCodes.swift", swift),
        ("bindings/uniffi/python/src/mcx_connect/error_codes.py", python),
    ];
    let mut stale = Vec::new();
    for (path, generated) in files {
        let path = repository().join(path);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
            if std::env::var_os("MCX_BLESS").is_some() {
                std::fs::write(&path, generated).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "out of date (MCX_BLESS=1 cargo test -p mcx-connect-tests --test error_codes): {stale:?}"
    );
}
