//! The `mcx-connect` binary run as a user runs it: arguments, standard input, environment; what
//! comes back is the exit status and both output streams.
#![allow(dead_code)] // each test binary uses the entry points it needs

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", self.stdout, self.stderr))
    }
}

/// Runs the binary with `args`, `stdin` on standard input (none: closed at once) and `env` added
/// to an environment without `NO_COLOR`.
pub(crate) fn run_with(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mcx-connect"));
    command.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    command.env_remove("NO_COLOR");
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    // A command that refuses its arguments may exit before it reads standard input.
    if let Err(e) = input.write_all(stdin.unwrap_or_default()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    drop(input);
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().expect("exited"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

pub(crate) fn run(args: &[&str]) -> Run {
    run_with(args, None, &[])
}

pub(crate) fn run_stdin(args: &[&str], stdin: &str) -> Run {
    run_with(args, Some(stdin.as_bytes()), &[])
}
