//! Issue 15 §2, parity: every operation of the shared vectors is documented in
//! `tests/vectors/README.md` and implemented by the vector runner of every language, so each one
//! reaches the core through every binding. `docs/PARITY.md` (operation × language, with the number
//! of vectors) is written from what this test finds: `MCX_BLESS=1 cargo test -p mcx-connect-tests
//! --test parity` rewrites it.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Each language's runner: (column, the files that implement its operations).
const RUNNERS: &[(&str, &[&str])] = &[
    (
        "Rust",
        &[
            "tests/vector_ops/request.rs",
            "tests/vector_ops/login.rs",
            "tests/vector_ops/flow.rs",
            "tests/vector_ops/profile.rs",
            "tests/vector_ops/token.rs",
        ],
    ),
    ("JavaScript (npm)", &["bindings/wasm/test/vector-runner.mjs"]),
    ("Kotlin", &["bindings/uniffi/kotlin/VectorRunner.kt"]),
    ("Swift", &["bindings/uniffi/swift/Tests/McxConnectTests/VectorRunner.swift"]),
    ("Python", &["bindings/uniffi/python/vector_runner.py"]),
];

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the repository")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repository().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every operation the vector files use, with how many cases use it.
fn operations() -> BTreeMap<String, usize> {
    let mut operations = BTreeMap::new();
    for entry in std::fs::read_dir(repository().join("tests/vectors")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in file["cases"].as_array().unwrap() {
            *operations.entry(case["operation"].as_str().unwrap().to_owned()).or_default() += 1;
        }
    }
    operations
}

#[test]
fn every_vector_operation_is_documented_and_implemented_in_every_language() {
    let operations = operations();
    assert!(operations.len() >= 30, "only {} operations found", operations.len());
    let readme = read("tests/vectors/README.md");
    let sources: Vec<(&str, String)> =
        RUNNERS.iter().map(|(language, files)| (*language, files.iter().map(|f| read(f)).collect())).collect();
    let mut table = String::from(
        "# Parity: every vector operation in every language\n\n\
         Written by `tests/parity.rs` from the vector files and the five runners; the test fails when an\n\
         operation a vector uses is missing from `tests/vectors/README.md` or from any runner. Each runner\n\
         calls its binding's API (no rule is re-implemented), so a row is an operation of the core reachable\n\
         from every language.\n\n| operation | vectors |",
    );
    for (language, _) in RUNNERS {
        table.push_str(&format!(" {language} |"));
    }
    table.push_str("\n|---|---:|");
    table.push_str(&"---|".repeat(RUNNERS.len()));
    table.push('\n');
    let mut missing = Vec::new();
    for (operation, count) in &operations {
        if !readme.contains(&format!("| `{operation}` |")) {
            missing.push(format!("{operation}: not in tests/vectors/README.md"));
        }
        table.push_str(&format!("| `{operation}` | {count} |"));
        for (language, source) in &sources {
            // Rust, Kotlin, Swift and Python name an operation in a string literal; JavaScript in a
            // property name, also quoted.
            let implemented = source.contains(&format!("\"{operation}\""));
            if !implemented {
                missing.push(format!("{operation}: no {language} runner"));
            }
            table.push_str(if implemented { " ✓ |" } else { " — |" });
        }
        table.push('\n');
    }
    let path = repository().join("docs/PARITY.md");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(table.as_str()) {
        if std::env::var_os("MCX_BLESS").is_some() {
            std::fs::write(&path, &table).unwrap();
        } else {
            missing.push(
                "docs/PARITY.md is out of date (MCX_BLESS=1 cargo test -p mcx-connect-tests --test parity)".into(),
            );
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
