// The sharded search index on a generated site of 3 000 records (bench/gen_site.py
// --n 3000, built by scripts/test-js): a query fetches the manifest, only the shards of
// its terms and its title list, and finds the record it names.
//
//   KATALOG_SITE_N3000=/path/to/built/n3000 node --test tests/e2e/sharded.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { launchChromium } from "./browser.mjs";
import { serve } from "./server.mjs";

const SITE = process.env.KATALOG_SITE_N3000;
const T = { timeout: 90_000 };

if (!SITE) {
  test("sharded search on n3000", { skip: "KATALOG_SITE_N3000 is not set (scripts/test-js sets it)" }, () => {});
} else {
  let server;
  let origin;
  let browser;
  const manifestName = readdirSync(path.join(SITE, "resurser")).find((f) => /^sokindex\.[0-9a-f]{10}\.json$/.test(f));
  const manifest = JSON.parse(readFileSync(path.join(SITE, "resurser", manifestName), "utf8"));

  before(async () => {
    ({ server, origin } = await serve(SITE));
    browser = await launchChromium();
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await new Promise((resolve) => server.close(resolve));
  });

  test("the manifest names the shards of a site of 3 000 records", () => {
    assert.ok(manifest.antal > 4000, `${manifest.antal} documents`);
    assert.ok(Object.keys(manifest.delar).length > 100, `${Object.keys(manifest.delar).length} shards`);
  });

  test('"upvilosa" fetches the manifest, shard "up" and one title list, and finds Upvilösa first', T, async () => {
    const page = await browser.newPage();
    const asked = [];
    page.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(origin + "/sok/?q=upvilosa");
    await page.waitForFunction(() => document.querySelectorAll("form[data-sok] .sokresultat:not([hidden]) li a").length > 0);
    const first = await page.locator("form[data-sok] .sokresultat li a").first();
    assert.equal(await first.locator(".titel").textContent(), "Upvilösa");
    assert.equal(new URL(await first.getAttribute("href"), origin).pathname, "/kommun/upvilosa/");
    const json = asked.filter((p) => p.endsWith(".json"));
    // "upvilosa" is one term (the folded form is the same), so exactly one shard.
    assert.deepEqual(json.sort(), [`/resurser/${manifestName}`, manifest.delar.up, manifest.titlar["8"]].sort());
    await page.close();
  });

  test('a typo, "upvilsa", fetches the title lists beside it and suggests Upvilösa', T, async () => {
    const page = await browser.newPage();
    const asked = [];
    page.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(origin + "/sok/?q=upvilsa");
    await page.waitForFunction(() => document.querySelector("form[data-sok] .sokstatus").textContent.trim() !== "");
    const names = await page.locator("form[data-sok] .forslag a").allTextContents();
    assert.ok(names.includes("Upvilösa"), `suggestions: ${names.join(", ")}`);
    const titleLists = asked.filter((p) => Object.values(manifest.titlar).includes(p));
    assert.ok(titleLists.length >= 1 && titleLists.length <= 5, titleLists.join(" "));
    const shards = asked.filter((p) => Object.values(manifest.delar).includes(p));
    assert.deepEqual(shards, [manifest.delar.up]);
    await page.close();
  });
}
