// node --test: the package's documentation is written for JavaScript readers (issue 15 §7), and its
// examples run. Read from the installed package's declarations (what an editor shows) and glue:
//   * every exported function, class and class member has a doc comment;
//   * none names Rust (paths like `Type::method`, `Option<…>`, `Vec<…>`, `&str`, `Some(…)`);
//   * every function or method that can throw (the glue rethrows the core's error) or returns a
//     promise (which rejects) says so with `@throws`;
//   * every exported function and class has an `@example`, and every example runs, as a module of a
//     fresh project that installed the tarball. A line `expr; // => value` in an example is also
//     checked: `value` (a JavaScript literal) must deep-equal `expr`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { installPackage } from "./install-package.mjs";

const folder = installPackage();
const web = join(folder, "node_modules", "mcx-connect", "web");
const declarations = readFileSync(join(web, "mcx_connect.d.ts"), "utf8");
const glue = readFileSync(join(web, "mcx_connect.js"), "utf8");

/** The documented API: `{ name, kind, doc, returns }` for functions, classes and members. */
function documented(text) {
  const items = [];
  let doc = null;
  let owner = null;
  let comment = null;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (comment !== null) {
      if (trimmed.endsWith("*/")) {
        doc = comment.join("\n");
        comment = null;
      } else comment.push(trimmed.replace(/^\* ?/, ""));
      continue;
    }
    if (trimmed.startsWith("/**")) {
      if (trimmed.endsWith("*/")) doc = trimmed.slice(3, -2).trim();
      else comment = [];
      continue;
    }
    let m;
    if ((m = /^export function (\w+)\(.*\): (.*);$/.exec(line))) {
      if (m[1] !== "initSync") items.push({ name: m[1], kind: "function", doc, returns: m[2] });
    } else if ((m = /^export class (\w+) \{$/.exec(line))) {
      owner = m[1];
      items.push({ name: owner, kind: "class", doc });
    } else if (owner && line === "}") {
      owner = null;
    } else if (owner && (m = /^ {4}(static )?(readonly )?(constructor|\w+)(\(.*\))?: ?(.*?);$|^ {4}(constructor)\(.*\);$/.exec(line))) {
      const name = m[3] ?? m[6];
      if (name !== "free" && !line.includes("private constructor")) {
        const kind = m[4] === undefined && name !== "constructor" ? "property" : "method";
        items.push({ name: `${owner}.${name}`, kind, doc, returns: m[5] ?? "" });
      }
    }
    if (!trimmed.startsWith("/**") && trimmed !== "") doc = null;
  }
  return items;
}

/** Names of the glue's functions and members whose body rethrows an error from the core. */
function throwing(text) {
  const names = new Set();
  let owner = null;
  let current = null;
  let body = [];
  const close = () => {
    if (current && body.some((l) => /\bthrow\b/.test(l))) names.add(current);
    current = null;
    body = [];
  };
  for (const line of text.split("\n")) {
    let m;
    if ((m = /^export function (\w+)\(/.exec(line))) {
      close();
      owner = null;
      current = m[1];
    } else if ((m = /^export class (\w+) \{$/.exec(line))) {
      close();
      owner = m[1];
    } else if (owner && (m = /^ {4}(?:static |get |set )?(\w+)\(.*\) \{$/.exec(line))) {
      close();
      current = `${owner}.${m[1]}`;
    } else if (line === "}" || (owner && line === "    }")) {
      close();
      if (line === "}") owner = null;
    } else if (current) body.push(line);
  }
  return names;
}

const api = documented(declarations);
const throws = throwing(glue);
const rustisms = /::|\b(?:Option|Result|Vec|Box|Arc)<|&str\b|\b(?:Some|Ok|Err)\(|\busize\b|\bimpl\b/;

test("the package's declarations list its API (the parser of this test sees it)", () => {
  const functions = api.filter((item) => item.kind === "function").length;
  const classes = api.filter((item) => item.kind === "class").length;
  assert.ok(functions >= 40, `only ${functions} functions found`);
  assert.ok(classes >= 7, `only ${classes} classes found`);
  assert.ok(throws.has("parseScope") && throws.has("MigrationFlow.nextRequest"), "the glue's throwing functions were not found");
});

test("every exported function, class and member has a doc comment", () => {
  assert.deepEqual(api.filter((item) => !item.doc).map((item) => item.name), []);
});

test("no doc comment names Rust (paths, Option<…>, Vec<…>, &str, Some(…))", () => {
  const found = api.filter((item) => item.doc && rustisms.test(item.doc)).map((item) => `${item.name}: ${item.doc.match(rustisms)[0]}`);
  assert.deepEqual(found, []);
});

// The declared types (interfaces, type aliases and their members) carry the core's rustdoc: what an
// editor shows on hover over an option or a result member. It is read as JavaScript too: no Rust
// example (a fence that is not ```js or ```ts), no rustdoc link (`[`x`](Self::x)`, `[`X`]`), no
// Rust path (`Type::method`), and an absent value is `null`, never `None`.
test("no doc comment of a declared type holds a Rust example, a rustdoc link, a Rust path or `None`", () => {
  const docs = [...declarations.matchAll(/\/\*\*([\s\S]*?)\*\//g)].map((m) => m[1].replace(/^[ \t]*\* ?/gm, ""));
  const rustOnly = /```(?!js\n|ts\n)\w*\n(?:(?!```)[\s\S])*?```|\]\((?:Self|super|crate)::|\[`[^`\]]+`\](?!\()|`None`|\w::\w/;
  const found = docs.filter((doc) => rustOnly.test(doc)).map((doc) => doc.match(rustOnly)[0].split("\n").slice(0, 2).join(" "));
  assert.deepEqual(found, []);
});

test("what can throw, or returns a promise that can reject, says so with @throws", () => {
  const missing = api
    .filter((item) => item.kind !== "class")
    .filter((item) => throws.has(item.name) || /^Promise</.test(item.returns))
    .filter((item) => !/@throws \{McxConnectError\}/.test(item.doc ?? ""))
    .map((item) => item.name);
  assert.deepEqual(missing, []);
});

test("every error code a doc comment names after @throws is a code the package can throw", () => {
  const errorModule = /from '(\.\/snippets\/[^']+\/error)\.js'/.exec(glue);
  assert.ok(errorModule, "the glue does not import the error class");
  const union = readFileSync(join(web, `${errorModule[1]}.d.ts`), "utf8");
  const codes = new Set([...union.matchAll(/^\s*\| "(\w+)"/gm)].map((m) => m[1]).concat("invalid_argument"));
  assert.ok(codes.size > 50, `only ${codes.size} codes in error.d.ts`);
  const unknown = [];
  for (const item of api) {
    const throwsText = (item.doc ?? "").split("@throws").slice(1).map((part) => part.split(/\n@(?:example|returns|param)/)[0]);
    for (const part of throwsText) {
      for (const [, code] of part.matchAll(/`([a-z0-9]+(?:_[a-z0-9]+)+)`/g)) {
        if (!codes.has(code) && !/^(invalid_scope|invalid_grant|invalid_request|invalid_client|invalid_target|unsupported_grant_type|access_denied)$/.test(code)) unknown.push(`${item.name}: ${code}`);
      }
    }
  }
  assert.deepEqual(unknown, []);
});

/** The ```js blocks after `@example` in a doc comment. */
function examples(doc) {
  const found = [];
  const pattern = /@example[^\n]*\n```js\n([\s\S]*?)\n```/g;
  let m;
  while ((m = pattern.exec(doc ?? ""))) found.push(m[1]);
  return found;
}

/**
 * An example as a module: `expr; // => value` lines become assertions, and each must run (one in a
 * `catch` block that is never reached fails the example: the call it documents did not throw).
 */
function runnable(code) {
  let checks = 0;
  const lines = code.split("\n").map((line) => {
    const m = /^(\s*)(?:(const|let) (\w+) = )?(.+?);? \/\/ => (.+)$/.exec(line);
    if (!m) return line;
    checks++;
    const [, indent, declare, variable, expression, expected] = m;
    const check = `__assert.deepStrictEqual(${declare ? variable : expression}, ${expected}); __checked++;`;
    return declare ? `${indent}${declare} ${variable} = ${expression};\n${indent}${check}` : `${indent}${check}`;
  });
  return `import __assert from "node:assert/strict";\nlet __checked = 0;\n${lines.join("\n")}\n__assert.equal(__checked, ${checks}, "a \`// =>\` line of this example did not run");\n`;
}

test("every exported function and class has an @example", () => {
  const missing = api
    .filter((item) => item.kind === "function" || item.kind === "class")
    .filter((item) => examples(item.doc).length === 0)
    .map((item) => item.name);
  assert.deepEqual(missing, []);
});

test("every @example runs against the installed package, and its `// =>` values hold", () => {
  const dir = join(folder, "examples");
  mkdirSync(dir, { recursive: true });
  const failures = [];
  let count = 0;
  for (const item of api) {
    examples(item.doc).forEach((code, i) => {
      const file = join(dir, `${item.name}-${i}.mjs`);
      writeFileSync(file, runnable(code));
      count++;
      try {
        execFileSync(process.execPath, [file], { cwd: folder, stdio: ["ignore", "pipe", "pipe"], timeout: 30_000 });
      } catch (e) {
        failures.push(`${item.name} example ${i + 1}: ${String(e.stderr).split("\n").filter(Boolean).slice(0, 6).join(" | ")}`);
      }
    });
  }
  console.log(`jsdoc: ${count} examples run`);
  assert.ok(count > 0);
  assert.deepEqual(failures, []);
});
