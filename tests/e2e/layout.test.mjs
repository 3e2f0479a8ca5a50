// Layout of the built site in headless Chromium: on a kommun page the answer box comes
// straight under the heading and its answer is on screen without scrolling, on a desktop
// and on a phone; the locator map never pushes it down.
//
//   KATALOG_SITE=/path/to/built/site node --test tests/e2e/layout.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { closeSite, openSite } from "./browser.mjs";

const SITE = process.env.KATALOG_SITE;
const T = { timeout: 120_000 };

const SIZES = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];
const KOMMUNER = ["/kommun/borlange/", "/kommun/alvesta/", "/kommun/alingsas/"];

let server;
let origin;
let browser;

if (!SITE) {
  test("layout tests", { skip: "KATALOG_SITE is not set (scripts/test-js sets it)" }, () => {});
} else {
  before(async () => {
    ({ server, origin, browser } = await openSite(SITE));
  });

  after(() => closeSite({ server, browser }));

  for (const size of SIZES) {
    for (const url of KOMMUNER) {
      test(`${url} at ${size.width}×${size.height}: the answer is on screen, right under the heading`, T, async () => {
        const ctx = await browser.newContext({ locale: "sv-SE", viewport: size });
        const page = await ctx.newPage();
        await page.goto(origin + url);
        const m = await page.evaluate(() => {
          const box = (el) => el && el.getBoundingClientRect().toJSON();
          const svar = document.querySelector("section.svar");
          const besked = svar && svar.querySelector(".besked");
          // The first line of the box: its question.
          const fraga = svar && svar.querySelector("h2");
          const range = document.createRange();
          if (besked) range.selectNodeContents(besked);
          return {
            scrollY: window.scrollY,
            vw: document.documentElement.clientWidth,
            vh: window.innerHeight,
            h1: box(document.querySelector("main h1")),
            svar: box(svar),
            fraga: box(fraga),
            besked: box(besked),
            beskedText: besked ? besked.textContent.trim() : "",
            // Every line box of the statement, so a statement that wraps is seen whole.
            beskedRader: besked ? Array.from(range.getClientRects(), (r) => r.toJSON()) : [],
            karta: box(document.querySelector(".lagesbild")),
          };
        });
        const info = JSON.stringify(m);
        console.log(`# ${url} ${size.width}×${size.height}: heading bottom ${Math.round(m.h1.bottom)}, answer box top ${Math.round(m.svar.top)}, statement ${Math.round(m.besked.top)}–${Math.round(m.besked.bottom)} px`);
        assert.equal(m.scrollY, 0);
        assert.match(m.beskedText, /^(Ja|Nej|Vi vet inte|Det är osäkert|Källorna säger olika)/, info);
        // Straight under the heading: no more than the heading's own margin between them.
        assert.ok(m.svar.top >= m.h1.bottom - 1, `the answer box overlaps the heading: ${info}`);
        assert.ok(m.svar.top - m.h1.bottom <= 24, `a gap of ${m.svar.top - m.h1.bottom} px between heading and answer box: ${info}`);
        // The box's first line and the statement are inside the viewport.
        for (const [name, r] of [["answer box's first line", m.fraga], ["statement", m.besked]]) {
          assert.ok(r.top >= 0 && r.bottom <= m.vh, `the ${name} is not inside the ${m.vh} px viewport: ${info}`);
          assert.ok(r.left >= 0 && r.right <= m.vw + 0.5, `the ${name} is cut off at the side: ${info}`);
        }
        assert.ok(m.beskedRader.length > 0 && m.beskedRader.every((r) => r.bottom <= m.vh), info);
        // The map, when there is one, is never above the answer box.
        if (m.karta) {
          const beside = m.karta.left >= m.svar.right - 1;
          const below = m.karta.top >= m.svar.bottom - 1;
          assert.ok(beside || below, `the locator map is neither beside nor below the answer box: ${info}`);
        }
        await ctx.close();
      });
    }
  }
}

if (SITE) {
  test("every page kind links the site's own icon, and /favicon.ico is served", T, async () => {
    const ctx = await browser.newContext({ locale: "sv-SE" });
    const page = await ctx.newPage();
    const failed = [];
    // A request cut off because the test moved on to the next page is not a failure.
    page.on("requestfailed", (r) => {
      if (r.failure()?.errorText !== "net::ERR_ABORTED") failed.push(`${r.failure()?.errorText} ${r.url()}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    for (const url of ["/", "/kommun/borlange/", "/po/jamtland/", "/karta/", "/en/"]) {
      await page.goto(origin + url);
      const icons = await page.evaluate(() =>
        Array.from(document.querySelectorAll('link[rel="icon"]'), (l) => ({ href: l.getAttribute("href"), type: l.type })),
      );
      assert.deepEqual(icons.map((i) => i.href.replace(/^\/resurser\//, "")), ["/favicon.ico", "favicon.svg"], url);
      assert.ok(icons.every((i) => i.href.startsWith("/")), `an icon from another host on ${url}`);
    }
    const ico = await page.request.get(origin + "/favicon.ico");
    assert.equal(ico.status(), 200);
    const bytes = await ico.body();
    // An ICO file: reserved 0, type 1 (icon), at least one image.
    assert.equal(bytes.readUInt16LE(0), 0);
    assert.equal(bytes.readUInt16LE(2), 1);
    assert.ok(bytes.readUInt16LE(4) >= 1);
    const svg = await page.request.get(origin + "/resurser/favicon.svg");
    assert.equal(svg.status(), 200);
    assert.match(await svg.text(), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.deepEqual(failed, []);
    await ctx.close();
  });
}

// Jämtland's organisation page was 13 172 px tall at 1280 px before its statistics were
// grouped by year and its sources became references (issue 16); it must stay at most half that.
const JAMTLAND_BEFORE = 13172;

if (SITE) {
  test("/po/jamtland/ at 1280 px: at most half its old height, with every row and chart still there", T, async () => {
    const ctx = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(origin + "/po/jamtland/");
    const m = await page.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      charts: document.querySelectorAll(".statistik figure.diagram-ram svg").length,
      closed: Array.from(document.querySelectorAll(".statistik details"), (d) => d.open),
      summaries: Array.from(document.querySelectorAll(".statistik details > summary"), (s) => s.textContent.trim()),
      captions: Array.from(document.querySelectorAll(".statistik caption"), (c) => c.textContent.trim()),
      rows: document.querySelectorAll(".statistik tbody tr").length,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    }));
    console.log(`# /po/jamtland/ at 1280 px: ${m.height} px (before: ${JAMTLAND_BEFORE} px)`);
    assert.ok(m.height <= JAMTLAND_BEFORE / 2, `${m.height} px is more than half of ${JAMTLAND_BEFORE} px`);
    assert.equal(m.overflow, 0, "the page scrolls sideways");
    // The charts are all there; older years are closed <details>, newest first.
    assert.equal(m.charts, 8, JSON.stringify(m));
    assert.ok(m.closed.length >= 1 && m.closed.every((o) => o === false), JSON.stringify(m));
    const years = m.captions.filter((c) => c.startsWith("Per kommun, ")).map((c) => Number(c.slice(12)));
    assert.ok(years.length >= 2, JSON.stringify(m));
    assert.deepEqual(years, [...years].sort((a, b) => b - a), "per-kommun years newest first");
    assert.deepEqual(m.summaries, m.captions.filter((c) => c.startsWith("Per kommun, ")).slice(1));
    // Nothing removed: the rows of the tables are the rows in the data (counted in the
    // built page's HTML, closed or not) and the open-data export says how many there are.
    const html = await (await page.request.get(origin + "/po/jamtland/")).text();
    assert.equal(m.rows, (html.match(/<tr>/g) || []).length - (html.match(/<thead><tr>/g) || []).length);
    // Opening an older year shows its table.
    const first = page.locator(".statistik details").first();
    await first.locator("summary").click();
    assert.ok(await first.locator("table").isVisible());
    await ctx.close();
  });

  const REFERENCED = [
    "/kommun/askersund/",
    "/kommun/aneby/",
    ...KOMMUNER,
    ...KOMMUNER.map((u) => "/en" + u),
    "/po/jamtland/",
    "/po/sodra-dalarna/",
  ];
  for (const url of REFERENCED) {
    test(`${url}: every source reference leads to its entry in the page's own source list, and says which source`, T, async () => {
      const ctx = await browser.newContext({ locale: "sv-SE" });
      const page = await ctx.newPage();
      await page.goto(origin + url);
      const kalla = url.startsWith("/en/") ? "Source" : "Källa";
      const refs = await page.evaluate(() =>
        Array.from(document.querySelectorAll("main a.ref"), (a) => {
          const target = document.getElementById(a.getAttribute("href").slice(1));
          return {
            href: a.getAttribute("href"),
            seen: a.querySelector('[aria-hidden="true"]').textContent,
            heard: a.querySelector(".osynlig-rubrik").textContent,
            inList: Boolean(target && target.closest("ol.kallor")),
            index: target ? Array.from(target.parentNode.children).indexOf(target) + 1 : 0,
            title: target ? target.querySelector("a").textContent : "",
            entry: target ? target.textContent : "",
          };
        }),
      );
      assert.ok(refs.length > 0, `no references on ${url}`);
      for (const r of refs) {
        const info = JSON.stringify(r);
        assert.ok(r.inList, `the reference does not point into the Källor list: ${info}`);
        assert.equal(r.seen, `[${r.index}]`, info);
        assert.ok(r.heard.startsWith(`${kalla} ${r.index}: ${r.title}, `), info);
        // The entry has title, publisher and date, and links on to the source.
        assert.ok(r.entry.split(",").length >= 3, info);
      }
      // The full "Källa: title, date" line is no longer repeated after each fact.
      const repeated = await page.locator("main .kalla", { hasText: /(Källa|Source): \S/ }).count();
      assert.equal(repeated, 0);
      // On a kommun page the source named in words in the answer (and its history) leads
      // to its entry in the same list.
      if (url.includes("/kommun/")) {
        const named = await page.evaluate(() =>
          Array.from(document.querySelectorAll(".svar a[href^='#kalla-']"), (a) => {
            const target = document.getElementById(a.getAttribute("href").slice(1));
            return { text: a.textContent, inList: Boolean(target && target.closest("ol.kallor")) };
          }),
        );
        assert.ok(named.length > 0 && named.every((n) => n.inList && n.text.length > 0), JSON.stringify(named));
      }
      // One click: following a reference brings its entry into view.
      await page.locator("main a.ref").first().click();
      const target = await page.evaluate(() => {
        const el = document.querySelector(":target");
        const r = el && el.getBoundingClientRect();
        return el && { id: el.id, top: r.top, vh: innerHeight };
      });
      assert.ok(target && target.id === refs[0].href.slice(1) && target.top >= 0 && target.top < target.vh, JSON.stringify(target));
      await ctx.close();
    });
  }
}
