// The sharded search index on a generated site of 3 000 records (bench/gen_site.py
// --n 3000, built by scripts/test-js): a query fetches the manifest, only the chunks of
// its terms, its title list and the details of its best hits, and finds the record it names.
//
//   KATALOG_SITE_N3000=/path/to/built/n3000 node --test tests/e2e/sharded.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { closeSite, openSite } from "./browser.mjs";

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
    ({ server, origin, browser } = await openSite(SITE));
  });
  after(() => closeSite({ server, browser }));

  const files = (asked, prefix) => asked.filter((p) => p.startsWith(manifest.mapp + prefix));

  test("the manifest names the chunks of terms of a site of 3 000 records", () => {
    assert.ok(manifest.antal > 4000, `${manifest.antal} documents`);
    assert.ok(manifest.termer.length > 10, `${manifest.termer.length} chunks`);
  });

  test('"upvilosa" fetches the manifest, one chunk of terms, one title list and a few details, and finds Upvilösa first', T, async () => {
    const page = await browser.newPage();
    const asked = [];
    page.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(origin + "/sok/?q=upvilosa");
    await page.waitForFunction(() => document.querySelectorAll("form[data-sok] .sokresultat:not([hidden]) li a").length > 0);
    const first = await page.locator("form[data-sok] .sokresultat li a").first();
    assert.equal(await first.locator(".titel").textContent(), "Upvilösa");
    assert.equal(new URL(await first.getAttribute("href"), origin).pathname, "/kommun/upvilosa/");
    assert.ok(asked.includes(`/resurser/${manifestName}`));
    // "upvilosa" is one term (the folded form is the same): one chunk, the list of names
    // of eight letters beginning with u, and the details of at most `kandidater` hits.
    assert.equal(files(asked, "t").length, 1, files(asked, "t").join(" "));
    assert.deepEqual(files(asked, "n-"), [manifest.mapp + "n-u-8.json"]);
    const stores = files(asked, "d");
    assert.ok(stores.length >= 1 && stores.length <= manifest.kandidater, stores.join(" "));
    const all = asked.filter((p) => p.endsWith(".json"));
    assert.equal(all.length, 1 + 1 + 1 + stores.length, all.join(" "));
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
    const link = page.locator("form[data-sok] .forslag a", { hasText: "Upvilösa" });
    assert.equal(new URL(await link.getAttribute("href"), origin).pathname, "/kommun/upvilosa/");
    const titleLists = files(asked, "n-");
    assert.ok(titleLists.length >= 2 && titleLists.length <= 5, titleLists.join(" "));
    assert.ok(titleLists.every((p) => /\/n-u-\d+\.json$/.test(p)), titleLists.join(" "));
    assert.equal(files(asked, "t").length, 1);
    await page.close();
  });

  test("a one-letter query stays within its budget and says there may be more", T, async () => {
    const page = await browser.newPage();
    const asked = [];
    page.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(origin + "/sok/?q=s");
    await page.waitForFunction(() => document.querySelector("form[data-sok] .sokstatus").textContent.trim() !== "");
    assert.ok(files(asked, "t").length <= manifest.per_ord, files(asked, "t").join(" "));
    const status = await page.locator("form[data-sok] .sokstatus").textContent();
    assert.match(status, /^minst \d+ träffar/, status);
    assert.ok((await page.locator("form[data-sok] .sokresultat li a").count()) === 10);
    await page.close();
  });
}
