// The search as a visitor uses it, in headless Chromium, on a built site.
//
//   KATALOG_SITE=/path/to/built/site node --test tests/e2e/
//
// The site is served from 127.0.0.1 by tests/e2e/server.mjs with the Content-Security-Policy
// it is meant to run under (script-src 'self', no inline styles). Chromium is Debian's
// (/usr/bin/chromium, or $CHROMIUM), driven by playwright-core; nothing is downloaded.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { closeSite, openSite } from "./browser.mjs";

const SITE = process.env.KATALOG_SITE;
const T = { timeout: 90_000 };

let server;
let origin;
let browser;
let context;
const requests = []; // every URL any page asked for
const problems = []; // page errors, console errors, CSP violations

if (!SITE) {
  test("browser tests", { skip: "KATALOG_SITE is not set (scripts/test-js sets it)" }, () => {});
} else {
  before(async () => {
    assert.ok(existsSync(path.join(SITE, "resurser")), `no resurser/ (fingerprinted assets) in ${SITE}`);
    ({ server, origin, browser } = await openSite(SITE));
    context = await newContext();
  });

  after(() => closeSite({ server, browser }));

  async function newContext(options = {}) {
    const ctx = await browser.newContext({ locale: "sv-SE", ...options });
    ctx.setDefaultTimeout(20_000);
    ctx.on("request", (r) => requests.push(r.url()));
    ctx.on("page", watch);
    return ctx;
  }

  function watch(page) {
    page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
    page.on("console", (m) => {
      const where = m.location().url || "";
      if (m.type() === "error" && !where.endsWith("/favicon.ico")) {
        problems.push(`${page.url()}: console: ${m.text()} ${where}`);
      }
    });
  }

  async function open(url = "/", ctx = context) {
    const page = await ctx.newPage();
    await page.goto(origin + url);
    return page;
  }

  const form = (page) => page.locator("form[data-sok]").first();
  const input = (page) => form(page).locator('input[name="q"]');

  // Types like a person, then waits for the live region to speak for what was typed.
  async function type(page, query) {
    await input(page).click();
    await input(page).pressSequentially(query, { delay: 25 });
    await page.waitForFunction(
      (q) => {
        const f = document.querySelector("form[data-sok]");
        return f.querySelector('input[name="q"]').value === q && f.querySelector(".sokstatus").textContent.trim() !== "";
      },
      query,
      { timeout: 30_000 },
    );
  }

  async function results(page) {
    return form(page).locator(".sokresultat:not([hidden]) li a").evaluateAll((as) =>
      as.map((a) => ({ titel: a.querySelector(".titel").textContent, href: new URL(a.href).pathname, text: a.textContent })),
    );
  }

  async function titles(page) {
    return (await results(page)).map((r) => r.titel);
  }

  async function search(query) {
    const page = await open("/");
    await type(page, query);
    const t = await titles(page);
    await page.close();
    return t;
  }

  // Typing mistakes, joined or split words: the right name is a hit or a "Menade du …?".
  async function statusOf(page) {
    return (await form(page).locator(".sokstatus").textContent()).trim();
  }
  async function suggestions(page) {
    return form(page).locator(".sokresultat:not([hidden]) .forslag a").evaluateAll((as) =>
      as.map((a) => ({ titel: a.textContent, href: new URL(a.href).pathname })),
    );
  }
  const NEAR = [
    // [query, name, "suggestion" or "hit"]
    ["ostersnd", "Östersund", "suggestion"],
    ["gotheborg", "Göteborg", "suggestion"],
    ["ekjsö", "Eksjö", "suggestion"],
    ["dalsed", "Dals-Ed", "hit"],
    ["dals ed", "Dals-Ed", "hit"],
    ["upplandsvasby", "Upplands Väsby", "hit"],
    ["hudiksval", "Hudiksvall", "hit"],
    ["bräcke diakon", "Bräcke diakoni", "hit"],
  ];
  for (const [query, name, how] of NEAR) {
    test(`"${query}" leads to ${name} (${how})`, T, async () => {
      const page = await open("/");
      await type(page, query);
      const t = await titles(page);
      const s = await suggestions(page);
      const status = await statusOf(page);
      if (how === "hit") {
        assert.equal(t[0], name, `results: ${t.join(" | ")}`);
        assert.equal(s.length, 0, `no suggestion when a name matches: ${JSON.stringify(s)}`);
      } else {
        assert.equal(t.length, 0, `results: ${t.join(" | ")}`);
        assert.equal(s[0]?.titel, name, `suggestions: ${JSON.stringify(s)}`);
        // Announced in the live region.
        assert.ok(status.endsWith(`Menade du ${name}?`), status);
      }
      await page.close();
    });
  }

  test('"xyzzy" suggests nothing and says so', T, async () => {
    const page = await open("/");
    await type(page, "xyzzy");
    assert.equal(await statusOf(page), "Inga träffar för ”xyzzy”");
    assert.equal((await suggestions(page)).length, 0);
    await page.close();
  });

  test("a suggestion is reached and opened with the keyboard", T, async () => {
    const page = await open("/");
    await type(page, "ostersnd");
    await page.keyboard.press("ArrowDown");
    const focused = await page.evaluate(() => document.activeElement.textContent);
    assert.equal(focused, "Östersund");
    await Promise.all([page.waitForURL(origin + "/kommun/ostersund/"), page.keyboard.press("Enter")]);
    await page.close();
  });

  const FIRST = [
    ["ostersund", "Östersund"],
    ["malmo", "Malmö"],
    ["harnosand", "Härnösand"],
    ["borl", "Borlänge"],
    ["BORLÄNGE", "Borlänge"],
  ];
  for (const [query, first] of FIRST) {
    test(`"${query}" finds ${first} first`, T, async () => {
      const t = await search(query);
      assert.equal(t[0], first, `results: ${t.join(" | ")}`);
    });
  }

  test('"bracke diakoni" finds the organisation Bräcke diakoni runs, and its kommuner', T, async () => {
    const t = await search("bracke diakoni");
    // Bräcke diakoni runs PO for Göteborg (and, in 2012, for Härryda and Mölndal too).
    const orgs = t.slice(0, 3).filter((x) => x.startsWith("Personligt ombud") && x.includes("Göteborg"));
    assert.ok(orgs.length >= 1, `results: ${t.join(" | ")}`);
    for (const k of ["Göteborg", "Härryda", "Mölndal"]) {
      assert.ok(t.includes(k), `${k} missing: ${t.join(" | ")}`);
    }
  });

  for (const query of ["rsmh", "po-skane"]) {
    test(`"${query}" finds PO-Skåne's organisation page and its kommuner`, T, async () => {
      const page = await open("/");
      await type(page, query);
      const r = await results(page);
      const summary = r.map((x) => `${x.titel} ${x.href}`).join(" | ");
      assert.ok(r.some((x) => x.href === "/po/po-skane/"), `no /po/po-skane/: ${summary}`);
      // PO-Skåne has 17 kommuner now; the ten results hold the organisation, its
      // utförare and the first of its kommuner.
      for (const k of ["Helsingborg", "Bjuv"]) {
        assert.ok(r.some((x) => x.titel === k), `${k} missing: ${summary}`);
      }
      await page.close();
    });
  }

  test('"dalarna" has Dalarnas län among the first three', T, async () => {
    const t = await search("dalarna");
    assert.ok(t.slice(0, 3).includes("Dalarnas län"), `results: ${t.join(" | ")}`);
  });

  test("a result reads as title — type · info, and links to its page", T, async () => {
    const page = await open("/");
    await type(page, "borlange");
    const [first] = await results(page);
    assert.equal(first.href, "/kommun/borlange/");
    assert.match(first.text, /^Borlänge — Kommun · \S/);
    await page.close();
  });

  test("the live region announces the number of hits, or none", T, async () => {
    const page = await open("/");
    const status = form(page).locator(".sokstatus");
    assert.equal(await status.getAttribute("role"), "status");
    assert.equal(await status.getAttribute("aria-live"), "polite");
    assert.equal((await status.textContent()).trim(), "");
    await type(page, "dalarna");
    assert.match(await status.textContent(), /^\d+ träff(ar)?\b/);
    const shown = (await results(page)).length;
    assert.ok(shown >= 1 && shown <= 10, `${shown} results shown`);
    await input(page).fill("");
    await input(page).pressSequentially("qqxxzz", { delay: 25 });
    await page.waitForFunction(() => /^Inga träffar/.test(document.querySelector(".sokstatus").textContent));
    assert.equal(await form(page).locator(".sokresultat").getAttribute("hidden"), "");
    await page.close();
  });

  test("arrow keys move between the field and the results; Enter opens a result", T, async () => {
    const page = await open("/");
    await type(page, "borlange");
    const focused = () => page.evaluate(() => {
      const a = document.activeElement;
      return a.tagName === "A" ? new URL(a.href).pathname : a.tagName + "#" + a.id;
    });
    const r = await results(page);
    assert.ok(r.length >= 2, `need two results: ${r.map((x) => x.titel).join(" | ")}`);
    const fieldId = await input(page).getAttribute("id");
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(), r[0].href);
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(), r[1].href);
    await page.keyboard.press("ArrowUp");
    assert.equal(await focused(), r[0].href);
    await page.keyboard.press("ArrowUp");
    assert.equal(await focused(), "INPUT#" + fieldId);
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(), "/kommun/borlange/");
    await Promise.all([page.waitForURL(origin + "/kommun/borlange/"), page.keyboard.press("Enter")]);
    assert.match(await page.locator("h1").textContent(), /Borlänge/);
    await page.close();
  });

  test("Enter in the field opens the first result", T, async () => {
    const page = await open("/");
    await type(page, "malmo");
    await Promise.all([page.waitForURL(origin + "/kommun/malmo/"), page.keyboard.press("Enter")]);
    await page.close();
  });

  test("Escape hides the results and returns to the field", T, async () => {
    const page = await open("/");
    await type(page, "ostersund");
    const box = form(page).locator(".sokresultat");
    assert.equal(await box.isHidden(), false);
    await page.keyboard.press("Escape");
    assert.equal(await box.isHidden(), true);
    assert.equal(await input(page).inputValue(), "ostersund");
    assert.equal(await input(page).evaluate((el) => el === document.activeElement), true);
    // from a result, too
    await page.keyboard.press("ArrowDown");
    assert.equal(await box.isHidden(), false);
    assert.equal(await page.evaluate(() => document.activeElement.tagName), "A");
    await page.keyboard.press("Escape");
    assert.equal(await box.isHidden(), true);
    assert.equal(await input(page).evaluate((el) => el === document.activeElement), true);
    await page.close();
  });

  test("nothing for the search is loaded before the visitor types", T, async () => {
    const page = await context.newPage();
    const asked = [];
    page.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(origin + "/", { waitUntil: "load" });
    await page.waitForTimeout(1000);
    // Asset names carry a content hash: /resurser/sok.0123456789.js
    const fingerprinted = (name, ext) => new RegExp(`^/resurser/${name}\\.[0-9a-f]{10}\\.${ext}$`);
    const isIndex = (p) => fingerprinted("sokindex", "json").test(p);
    assert.ok(asked.some((p) => fingerprinted("sok", "js").test(p)), `sok.js not loaded: ${asked.join(" ")}`);
    for (const [name, ext] of [["sokindex", "json"], ["elasticlunr\\.min", "js"], ["sok-sv", "js"]]) {
      assert.ok(!asked.some((p) => fingerprinted(name, ext).test(p)), `${name} loaded before typing`);
    }
    await input(page).focus();
    await page.waitForTimeout(300);
    assert.ok(!asked.some(isIndex), "index loaded on focus");
    await Promise.all([
      page.waitForRequest((r) => isIndex(new URL(r.url()).pathname)),
      page.keyboard.type("l"),
    ]);
    await page.close();
  });

  test("/sok/?q=borlange shows Borlänge first", T, async () => {
    const page = await open("/sok/?q=borlange");
    await page.waitForFunction(() => document.querySelector("form[data-sok] .sokstatus").textContent.trim() !== "");
    assert.equal(await input(page).inputValue(), "borlange");
    const t = await titles(page);
    assert.equal(t[0], "Borlänge", `results: ${t.join(" | ")}`);
    assert.notEqual(await form(page).getAttribute("data-sok-sida"), null);
    await page.close();
  });

  test("without JavaScript: the A–Ö list is there and the form goes to /sok/", T, async () => {
    const noJs = await newContext({ javaScriptEnabled: false });
    const page = await open("/", noJs);
    assert.match(await page.locator("#ao-rubrik").textContent(), /A till Ö/);
    const kommuner = await page.locator(".kommunlista a").count();
    assert.ok(kommuner >= 290, `${kommuner} kommun links`);
    assert.ok(await page.locator('.kommunlista a[href="/kommun/borlange/"]').isVisible());
    await input(page).fill("borlange");
    await Promise.all([page.waitForURL(/\/sok\/\?q=borlange$/), input(page).press("Enter")]);
    assert.match(await page.locator("h1").textContent(), /Sök/);
    await noJs.close();
  });

  test("no request went to any other host", T, () => {
    assert.ok(requests.length > 20, `only ${requests.length} requests recorded`);
    const elsewhere = requests.filter((u) => !u.startsWith(origin + "/") && !u.startsWith("data:"));
    assert.deepEqual(elsewhere, []);
  });

  test("no script errors, console errors or CSP violations", T, () => {
    assert.deepEqual(problems, []);
  });
}
