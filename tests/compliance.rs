//! `docs/COMPLIANCE.md` names only what exists: every file of its *implemented in* column exists
//! and holds each function named beside it, and every name of its *checked by* column is a
//! shared vector (`tests/vectors/*.json`), a Rust function of the repository, or a path.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the tests crate is in the repository").to_path_buf()
}

/// The names of every vector of `tests/vectors/*.json`.
fn vector_names(root: &Path) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(root.join("tests/vectors")).expect("tests/vectors") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let doc: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("a vector file")).expect("JSON");
            for case in doc["cases"].as_array().into_iter().flatten() {
                if let Some(name) = case["name"].as_str() {
                    names.insert(name.to_owned());
                }
            }
        }
    }
    names
}

/// Every `.rs` file of the repository, build outputs and dependencies left out.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if !matches!(name.as_ref(), "target" | "node_modules" | "pkg" | "corpus" | "artifacts")
                && !name.starts_with('.')
            {
                rust_files(&path, out);
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

/// The names declared with `fn` in `text`.
fn function_names(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("fn ").filter_map(move |(at, _)| {
        let before = text.get(..at)?.chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            return None;
        }
        let rest = text.get(at + 3..)?;
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        rest.get(..end).filter(|name| !name.is_empty())
    })
}

/// The text between backticks of a table cell.
fn quoted(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

struct Row<'a> {
    id: &'a str,
    implemented: &'a str,
    checked: &'a str,
}

fn rows(table: &str) -> Vec<Row<'_>> {
    table
        .lines()
        .filter(|line| line.starts_with("| C"))
        .map(|line| {
            let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
            assert_eq!(cells.len(), 6, "a row of docs/COMPLIANCE.md has {} cells, not 6: {line}", cells.len());
            Row { id: cells[0], implemented: cells[4], checked: cells[5] }
        })
        .collect()
}

#[test]
fn compliance_table_names_only_existing_code_vectors_and_tests() {
    let root = root();
    let table = std::fs::read_to_string(root.join("docs/COMPLIANCE.md")).expect("docs/COMPLIANCE.md");
    let vectors = vector_names(&root);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let sources: Vec<(PathBuf, String)> =
        files.into_iter().map(|path| (path.clone(), std::fs::read_to_string(&path).unwrap_or_default())).collect();
    let functions: BTreeSet<&str> = sources.iter().flat_map(|(_, text)| function_names(text)).collect();

    let rows = rows(&table);
    let mut problems = Vec::new();
    let mut ids = BTreeSet::new();
    for row in &rows {
        if !ids.insert(row.id) {
            problems.push(format!("{}: the id is used twice", row.id));
        }
        let implemented = quoted(row.implemented);
        let (paths, names): (Vec<&str>, Vec<&str>) = implemented.iter().partition(|item| item.contains('/'));
        if paths.is_empty() {
            problems.push(format!("{}: names no source file", row.id));
        }
        for path in &paths {
            if !root.join(path).is_file() {
                problems.push(format!("{}: `{path}` does not exist", row.id));
            }
        }
        for name in names {
            let function = name.rsplit("::").next().unwrap_or(name);
            let found = paths.iter().any(|path| {
                std::fs::read_to_string(root.join(path)).is_ok_and(|text| function_names(&text).any(|f| f == function))
            });
            if !found {
                problems.push(format!("{}: no `fn {function}` in {}", row.id, paths.join(", ")));
            }
        }
        let checked = quoted(row.checked);
        if checked.is_empty() {
            problems.push(format!("{}: names no vector or test", row.id));
        }
        for name in checked {
            let exists = if name.contains('/') {
                root.join(name).exists()
            } else {
                vectors.contains(name) || functions.contains(name)
            };
            if !exists {
                problems.push(format!("{}: `{name}` is neither a vector, a test nor a path", row.id));
            }
        }
    }
    assert!(rows.len() >= 50, "docs/COMPLIANCE.md has {} rows; the table is the whole list", rows.len());
    assert!(problems.is_empty(), "docs/COMPLIANCE.md:\n{}", problems.join("\n"));
}

#[test]
fn compliance_checker_finds_functions_and_quoted_names() {
    let text = "pub(crate) fn read_resource(x: u8) {}\nfn b_7_2_rule() {}\nlet f = other_fn (1);";
    assert_eq!(function_names(text).collect::<Vec<_>>(), ["read_resource", "b_7_2_rule"]);
    assert_eq!(quoted("`core/src/a.rs` `parse`, `Type::new`"), ["core/src/a.rs", "parse", "Type::new"]);
}
