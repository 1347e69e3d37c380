//! Graded checks (a probe's rows, a security token's rules): check, rule, expected, got,
//! pass/fail/skip — as a table for people or as stable JSON.

use crate::output::Ctx;
use serde_json::{json, Value};

/// How a check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The reply or token follows the rule.
    Pass,
    /// It does not.
    Fail,
    /// The check could not run (a token the probe cannot obtain); never counted as passed.
    Skip,
}

impl Verdict {
    fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Skip => "skip",
        }
    }
}

/// One graded check.
#[derive(Debug, Clone)]
pub(crate) struct Check {
    /// A stable identifier, `case.aspect` (`comma_scope.error`).
    pub(crate) id: String,
    /// The clause or RFC section the check applies.
    pub(crate) rule: &'static str,
    /// What the rule asks for.
    pub(crate) expected: String,
    /// What the server answered (or why the check was skipped).
    pub(crate) got: String,
    /// The verdict.
    pub(crate) verdict: Verdict,
}

impl Check {
    /// A check that passes when `pass` holds.
    pub(crate) fn graded(
        id: impl Into<String>,
        rule: &'static str,
        expected: impl Into<String>,
        got: impl Into<String>,
        pass: bool,
    ) -> Self {
        let verdict = if pass { Verdict::Pass } else { Verdict::Fail };
        Self { id: id.into(), rule, expected: expected.into(), got: got.into(), verdict }
    }

    /// A check that could not run, and why.
    pub(crate) fn skipped(id: impl Into<String>, rule: &'static str, expected: impl Into<String>, why: &str) -> Self {
        Self { id: id.into(), rule, expected: expected.into(), got: format!("skipped: {why}"), verdict: Verdict::Skip }
    }

    /// `{ "id", "rule", "expected", "got", "result" }`.
    pub(crate) fn to_json(&self) -> Value {
        json!({ "id": self.id, "rule": self.rule, "expected": self.expected, "got": self.got,
                "result": self.verdict.as_str() })
    }
}

/// How many checks passed, failed and were skipped.
pub(crate) fn summary(checks: &[Check]) -> (usize, usize, usize) {
    let count = |v: Verdict| checks.iter().filter(|c| c.verdict == v).count();
    (count(Verdict::Pass), count(Verdict::Fail), count(Verdict::Skip))
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut clipped: String = text.chars().take(width.saturating_sub(1)).collect();
        clipped.push('…');
        clipped
    }
}

/// The checks as an aligned table: check, rule, expected, got, result.
pub(crate) fn table(ctx: &Ctx, checks: &[Check]) -> String {
    const WIDE: usize = 48;
    let rows: Vec<[String; 4]> =
        checks.iter().map(|c| [c.id.clone(), c.rule.to_owned(), clip(&c.expected, WIDE), clip(&c.got, WIDE)]).collect();
    let header = ["check", "rule", "expected", "got"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 4]| -> String {
        cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell}{}", " ".repeat(width.saturating_sub(cell.chars().count()))))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let mut out = format!("{}  {}\n", ctx.bold(&line(header)), ctx.bold("result"));
    for ([id, rule, expected, got], check) in rows.iter().zip(checks) {
        let verdict = match check.verdict {
            Verdict::Pass => ctx.good("pass"),
            Verdict::Fail => ctx.bad("FAIL"),
            Verdict::Skip => ctx.dim("skip"),
        };
        out.push_str(&format!("{}  {verdict}\n", line([id, rule, expected, got])));
    }
    out
}
