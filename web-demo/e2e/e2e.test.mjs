// End-to-end tests of the migration console in headless Chromium (system chromium driven by
// playwright-core). The demo server must be running: DEMO_URL (e.g. http://127.0.0.1:8080).
// Screenshots of each test's final state go to DEMO_E2E_OUT (default ./output).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = (process.env.DEMO_URL ?? "http://127.0.0.1:8080").replace(/\/$/, "");
const OUT = process.env.DEMO_E2E_OUT ?? join(process.cwd(), "output");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
mkdirSync(OUT, { recursive: true });

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
after(async () => {
  await browser?.close();
});

const LAPTOP = { width: 1366, height: 900 };
/** A phone-sized screen (iPhone 12 to 15 in CSS pixels). */
const PHONE = { width: 390, height: 844 };

async function openConsole(viewport = LAPTOP) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(`${BASE}/`);
  await page.waitForSelector("body[data-ready=true]");
  return { page, context, problems };
}

async function login(page, clientId = "mcx-console") {
  await page.selectOption("#client-id", clientId);
  // Keyboard: focus the sign-in button and press Enter.
  await page.focus("#login");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/primary\/authorize/);
  await page.fill("#username", "alice");
  await page.fill("#password", "demo");
  await page.click("button[value=login]");
  await page.waitForURL(`${BASE}/`);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForSelector(".step[data-status=passed]");
}

async function setSkew(page, seconds) {
  await page.evaluate((value) => {
    const input = document.getElementById("clock-skew");
    input.value = String(value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, seconds);
}

/** How far the page is wider than the window (0 when nothing overflows horizontally). */
async function horizontalOverflow(page) {
  return page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
}

/** Whether the whole element is inside the window as it is scrolled now. */
async function inViewport(page, selector) {
  return page.locator(selector).evaluate((node) => {
    const { top, bottom } = node.getBoundingClientRect();
    return { top: Math.round(top), bottom: Math.round(bottom), visible: top >= 0 && bottom <= window.innerHeight };
  });
}

async function shot(page, name) {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

test("full login and migration with the sample profile", async () => {
  const { page, context, problems } = await openConsole();
  assert.equal(await page.inputValue("#profile-source"), "sample");
  assert.equal(await page.locator("input[name=partner]").count(), 2);
  await login(page);
  await page.click("#run-all");
  await page.waitForSelector("#outcome[data-outcome]");
  assert.equal(await page.getAttribute("#outcome", "data-outcome"), "success", await page.textContent("#outcome"));
  assert.equal(await page.locator(".step[data-status=passed]").count(), 4);
  // The core's report: 12 rules; lifetime and service_ids are not checked by the console.
  assert.equal(await page.locator(".rule").count(), 12);
  assert.equal(await page.locator(".rule[data-status=passed]").count(), 10);
  assert.equal(await page.locator(".rule[data-status=failed]").count(), 0);
  assert.equal(await page.getAttribute(".rule[data-rule=signature]", "data-status"), "passed");
  // Secrets are masked until revealed.
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/);
  const secret = page.locator("dl.tokens button.secret").first();
  const before = (await secret.textContent()).length;
  await secret.click();
  assert.ok((await secret.textContent()).length > before);
  await secret.click();
  assert.deepEqual(problems, []);
  await shot(page, "full-migration");
  await context.close();
});

test("a profile whose partner has no token endpoint is refused in words", async () => {
  const { page, context } = await openConsole();
  await page.selectOption("#profile-source", "missing");
  await page.waitForSelector("#profile-result .error");
  const words = await page.textContent("#profile-result .error .words");
  assert.match(words, /no token endpoint/);
  assert.equal(await page.textContent("#profile-result .cause-code"), "profile_missing_element");
  assert.equal(await page.isDisabled("#login"), true);
  await shot(page, "missing-token-endpoint");
  await context.close();
});

test("the partner refuses a client it has no agreement for", async () => {
  const { page, context } = await openConsole();
  await login(page, "mcx-console-unlisted");
  await page.click("#run-all");
  await page.waitForSelector("#outcome[data-outcome]");
  assert.equal(await page.getAttribute("#outcome", "data-outcome"), "failed");
  assert.equal(await page.textContent("#outcome .rfc-code"), "unauthorized_client");
  assert.match(await page.textContent("#outcome .words"), /does not accept this console/);
  await shot(page, "partner-refuses-client");
  await context.close();
});

test("an expired security token: within the 30 s leeway, then beyond it", async () => {
  const { page, context } = await openConsole();
  await login(page);
  await page.click("#next-step"); // token exchange
  await page.waitForFunction(() => document.querySelectorAll(".step[data-status=passed]").length === 2);
  await page.click("#next-step"); // inspect the security token
  await page.waitForSelector("#rules .rule");
  // 120 s lifetime: +130 s is 10 s past exp, inside the leeway.
  await setSkew(page, 130);
  const expRule = page.locator(".rule[data-rule=exp]");
  assert.equal(await expRule.getAttribute("data-status"), "passed");
  assert.match(await expRule.textContent(), /within the 30 s leeway/);
  // +180 s is 60 s past exp: the console shows it failed, and the partner refuses it.
  await setSkew(page, 180);
  assert.equal(await expRule.getAttribute("data-status"), "failed");
  await page.click("#next-step"); // partner token request
  await page.waitForSelector("#outcome[data-outcome]");
  assert.equal(await page.getAttribute("#outcome", "data-outcome"), "failed");
  assert.equal(await page.textContent("#outcome .rfc-code"), "invalid_grant");
  assert.match(await page.textContent("#outcome .words"), /expired/);
  await shot(page, "expired-security-token");
  // Back to a true clock, a fresh security token gets through.
  await setSkew(page, 0);
  await page.click("#again");
  await page.click("#run-all");
  await page.waitForSelector("#outcome[data-outcome]");
  assert.equal(await page.getAttribute("#outcome", "data-outcome"), "success", await page.textContent("#outcome"));
  await context.close();
});

test("a profile file dropped on the text area, or opened with the file picker, is read", async () => {
  const { page, context, problems } = await openConsole();
  const sample = await (await fetch(`${BASE}/profiles/sample.xml`)).text();
  await page.selectOption("#profile-source", "own");
  assert.equal(await page.inputValue("#profile-xml"), "");
  // A real drop: a DataTransfer holding a File, as the browser builds it when a file is dragged in.
  const dataTransfer = await page.evaluateHandle((xml) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([xml], "alice-profile.xml", { type: "application/xml" }));
    return transfer;
  }, sample);
  await page.dispatchEvent("#profile-xml", "dragover", { dataTransfer });
  assert.match(await page.getAttribute("#profile-xml", "class"), /drop/);
  await page.dispatchEvent("#profile-xml", "drop", { dataTransfer });
  await page.waitForSelector("#profile-result .ok");
  assert.equal(await page.inputValue("#profile-xml"), sample);
  assert.equal(await page.locator("input[name=partner]").count(), 2);
  assert.doesNotMatch((await page.getAttribute("#profile-xml", "class")) ?? "", /drop/);
  // The file picker: a broken document is refused in words, with its code.
  await page.setInputFiles("#profile-file", { name: "broken.xml", mimeType: "application/xml", buffer: Buffer.from("<mcptt-user-profile") });
  await page.waitForSelector("#profile-result .error");
  assert.equal(await page.textContent("#profile-result .cause-code"), "profile_malformed_xml");
  assert.match(await page.textContent("#profile-result .error .words"), /not a well-formed XML document/);
  assert.equal(await page.isDisabled("#login"), true);
  assert.deepEqual(problems, []);
  await shot(page, "dropped-profile");
  await context.close();
});

test("on a narrow laptop window the console fits its width and stays keyboard-usable", async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 700 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/`);
  await page.waitForSelector("body[data-ready=true]");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);
  // Every control can be reached with Tab, and the sign-in button has a visible focus.
  const reached = new Set();
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press("Tab");
    reached.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
  }
  for (const id of ["profile-source", "profile-xml", "read-profile", "client-id", "login"]) {
    assert.ok(reached.has(id), `Tab never reaches #${id} (reached: ${[...reached].join(", ")})`);
  }
  await page.focus("#login");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "the focused button shows no outline");
  await shot(page, "narrow-window");
  await context.close();
});

test("on a phone (390 × 844) nothing overflows, and the success message is in view at the end of the migration", async () => {
  const { page, context, problems } = await openConsole(PHONE);
  assert.equal(await horizontalOverflow(page), 0, "the console is wider than a 390 px screen");
  await login(page);
  await page.click("#run-all");
  await page.waitForSelector("#outcome[data-outcome]");
  assert.equal(await page.getAttribute("#outcome", "data-outcome"), "success", await page.textContent("#outcome"));
  const outcome = await inViewport(page, "#outcome");
  assert.ok(outcome.visible, `the success message is at ${outcome.top}..${outcome.bottom} px, outside the 844 px window`);
  // ... and it follows the last step, where the user has read to (not above the steps).
  const lastStep = await inViewport(page, ".step:last-child");
  const gap = outcome.top - lastStep.bottom;
  assert.ok(gap >= 0 && gap < 50, `the success message is ${gap} px from the end of the last step`);
  // Every step's messages, claims and tokens wrap within the width.
  assert.equal(await horizontalOverflow(page), 0, "the finished migration is wider than a 390 px screen");
  assert.deepEqual(problems, []);
  await page.screenshot({ path: join(OUT, "phone-migrated.png") });
  await context.close();
});

test("on a phone, a cancelled sign-in is said next to the sign-in button, in view", async () => {
  const { page, context } = await openConsole(PHONE);
  await page.click("#login");
  await page.waitForURL(/\/primary\/authorize/);
  assert.equal(await horizontalOverflow(page), 0, "the login page is wider than a 390 px screen");
  await page.click("button[value=deny]");
  await page.waitForURL(`${BASE}/`);
  await page.waitForSelector("body[data-ready=true]");
  const status = "#login-status .error";
  await page.waitForSelector(status);
  assert.match(await page.textContent(`${status} .words`), /Sign-in was cancelled/);
  assert.equal(await page.textContent(`${status} .rfc-code`), "access_denied");
  const shown = await inViewport(page, status);
  assert.ok(shown.visible, `the cancelled sign-in is at ${shown.top}..${shown.bottom} px, outside the 844 px window`);
  const button = await inViewport(page, "#login");
  assert.ok(button.visible && shown.top - button.bottom < 100, `the message (${shown.top} px) is not next to the button (${button.bottom} px)`);
  assert.equal(await horizontalOverflow(page), 0);
  await page.screenshot({ path: join(OUT, "phone-cancelled-sign-in.png") });
  await context.close();
});

test("a profile with one broken partner offers the usable partner and says why the other is unusable", async () => {
  const { page, context, problems } = await openConsole(PHONE);
  await page.selectOption("#profile-source", "broken");
  await page.waitForSelector("#partners ul.unusable");
  assert.match(await page.textContent("#profile-result .ok"), /1 of 2 partner systems usable/);
  // Partner a is offered; partner b (token endpoint on plain http) is listed with the core's refusal.
  assert.equal(await page.locator("input[name=partner]").count(), 1);
  assert.match(await page.textContent("label[for^=partner-]"), /partner-a\.example/);
  const unusable = page.locator("#partners ul.unusable li");
  assert.equal(await unusable.count(), 1);
  assert.match(await unusable.locator("strong").textContent(), /urn:mc:partner-b:ptt/);
  assert.equal(await unusable.locator(".cause-code").textContent(), "profile_endpoint_invalid");
  assert.match(await unusable.locator(".words").textContent(), /not a secure \(https\) address/);
  assert.equal(await horizontalOverflow(page), 0);
  // The usable partner works end to end.
  await login(page);
  assert.equal(await page.locator("#partners ul.unusable li").count(), 1, "the unusable partner is still listed after the sign-in");
  await page.click("#run-all");
  await page.waitForSelector("#outcome[data-outcome]");
  assert.equal(await page.getAttribute("#outcome", "data-outcome"), "success", await page.textContent("#outcome"));
  assert.match(await page.textContent("#outcome"), /partner-a\.example/);
  assert.deepEqual(problems, []);
  await shot(page, "one-broken-partner");
  await context.close();
});
