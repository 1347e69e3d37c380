//! The Rust runner of the shared vectors (`tests/vectors/README.md` has the format).
//!
//! Runs every `*.json` file in `tests/vectors/` and in each folder named by the environment
//! variable `MCX_CONNECT_VECTORS` (colon-separated), prints one line per failure and a closing
//! `N passed, N failed` line, and exits non-zero when any case fails.
//!
//! The cases run once per signature path (`vector_ops::SignaturePath`): the built-in backend
//! (the closing `vectors:` line), the `ring` backend, and the validators' `prepare` / `finish`
//! split. A path that gives any case another outcome than the vector's fails, so the backends
//! agree with the built-in one on every vector.

#[path = "vector_ops/mod.rs"]
mod vector_ops;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vector_ops::SignaturePath;

fn vector_files(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(folder).map_err(|e| format!("cannot read {}: {e}", folder.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// Runs every case of every vector file once; failures are printed with `label` first.
fn run(folders: &[PathBuf], filter: Option<&str>, label: &str) -> (usize, usize) {
    let (mut passed, mut failed) = (0usize, 0usize);
    for folder in folders {
        let files = match vector_files(folder) {
            Ok(files) => files,
            Err(e) => {
                println!("FAIL {e}");
                failed += 1;
                continue;
            }
        };
        for file in files {
            let text = match std::fs::read_to_string(&file) {
                Ok(text) => text,
                Err(e) => {
                    println!("FAIL {}: {e}", file.display());
                    failed += 1;
                    continue;
                }
            };
            let document: Value = match serde_json::from_str(&text) {
                Ok(document) => document,
                Err(e) => {
                    println!("FAIL {}: not JSON: {e}", file.display());
                    failed += 1;
                    continue;
                }
            };
            let Some(cases) = document.get("cases").and_then(Value::as_array) else {
                println!("FAIL {}: no `cases` array", file.display());
                failed += 1;
                continue;
            };
            let file_name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            for case in cases {
                let name = case.get("name").and_then(Value::as_str).unwrap_or("<unnamed>");
                if filter.is_some_and(|f| !name.contains(f)) {
                    continue;
                }
                match vector_ops::run_case(case) {
                    Ok(()) => passed += 1,
                    Err(why) => {
                        println!("FAIL {label}{file_name} :: {name}: {why}");
                        failed += 1;
                    }
                }
            }
        }
    }
    (passed, failed)
}

fn main() -> ExitCode {
    let mut folders = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")];
    if let Ok(extra) = std::env::var("MCX_CONNECT_VECTORS") {
        folders.extend(extra.split(':').filter(|s| !s.is_empty()).map(PathBuf::from));
    }
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let mut other_paths_failed = 0usize;
    for path in [SignaturePath::Ring, SignaturePath::PrepareFinish] {
        vector_ops::set_signature_path(path);
        let (passed, failed) = run(&folders, filter.as_deref(), &format!("{path:?} "));
        println!("vectors through the {path:?} signature path: {passed} passed, {failed} failed");
        other_paths_failed += failed;
    }
    vector_ops::set_signature_path(SignaturePath::BuiltIn);
    let (passed, failed) = run(&folders, filter.as_deref(), "");
    let failed = failed + other_paths_failed;
    println!("vectors: {passed} passed, {failed} failed");
    if failed == 0 && passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
