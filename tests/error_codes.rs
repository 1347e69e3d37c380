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
        "profile_too_many_elements",
        "needs a document of more than 262 144 elements (the bound is fixed, not a limit a vector can lower)",
        &["core/src/profile/hostile_tests.rs"],
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
