// Accessibility of the built site, in headless Chromium: an automated audit with axe-core
// on every kind of page, reflow at 320 CSS pixels, and a visitor who uses only the keyboard.
//
//   KATALOG_SITE=/path/to/built/site node --test tests/e2e/a11y.test.mjs
//
// The site is served from 127.0.0.1 by tests/e2e/server.mjs with its Content-Security-Policy.
// Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM), driven by playwright-core; axe-core
// comes from the npm packages axe-core and @axe-core/playwright. Nothing is downloaded.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { closeSite, openSite } from "./browser.mjs";
import { AxeBuilder } from "@axe-core/playwright";

const SITE = process.env.KATALOG_SITE;
const T = { timeout: 120_000 };

// WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

// One page of every kind the site has.
const PAGES = [
  ["/", "start"],
  ["/kommun/borlange/", "kommun with personligt ombud"],
  ["/kommun/bjuv/", "kommun lacking personligt ombud"],
  ["/kommun/dorotea/", "kommun whose status is unknown"],
  ["/kommun/alingsas/", "kommun whose sources disagree"],
  ["/po/sodra-dalarna/", "organisation"],
  ["/po/jamtland/", "organisation with charts"],
  ["/lan/dalarnas-lan/", "län"],
  ["/saknar-po/", "kommuner lacking personligt ombud"],
  ["/karta/", "maps"],
  ["/driftsformer/", "driftsformer"],
  ["/verksamheter/", "organisations in a sortable table"],
  ["/verksamheter/ombud/", "organisations sorted by ombud per inhabitant"],
  ["/dmo/", "Delaktighetsmodellen"],
  ["/sok/", "search"],
  ["/sok/?q=borl", "search with results"],
  ["/sok/?q=ostersnd", "search with a 'Menade du' suggestion"],
  ["/data/", "open data"],
  ["/kallor/", "sources"],
  ["/om/personligt-ombud/", "content page"],
  ["/om/lattlast/", "lättläst"],
  ["/en/", "English start page"],
  ["/en/kommun/borlange/", "English kommun page"],
  ["/en/kommun/alingsas/", "English kommun page with history"],
  ["/en/saknar-po/", "English list of kommuner without an ombudsman"],
  ["/en/dmo/", "English DMO summary"],
  ["/underhall/", "maintainers' to-do list"],
  ["/kommun/kumla/", "kommun whose newest sources cannot be ordered"],
  ["/kommun/sotenas/", "kommun that left its organisation"],
  ["/kalender/", "calendar"],
  ["/utforare/bracke-diakoni/", "utförare"],
  ["/404.html", "not found"],
];

let server;
let origin;
let browser;
let context;
const problems = []; // page errors, console errors, CSP violations

if (!SITE) {
  test("accessibility tests", { skip: "KATALOG_SITE is not set (scripts/test-js sets it)" }, () => {});
} else {
  before(async () => {
    ({ server, origin, browser } = await openSite(SITE));
    context = await newContext();
  });

  after(() => closeSite({ server, browser }));

  async function newContext(options = {}) {
    const ctx = await browser.newContext({ locale: "sv-SE", ...options });
    ctx.setDefaultTimeout(30_000);
    ctx.on("page", (page) => {
      page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error") {
          problems.push(`${page.url()}: console: ${m.text()} ${m.location().url || ""}`);
        }
      });
    });
    return ctx;
  }

  // Opens a page and waits until it is ready to be read: for a search URL, until the
  // script has shown its results or its "Menade du …?" links.
  async function open(url, ctx = context) {
    const page = await ctx.newPage();
    await page.goto(origin + url);
    if (url.startsWith("/sok/?q=")) {
      // Results, or a "Menade du …?" suggestion.
      await page.waitForFunction(
        () => document.querySelectorAll("form[data-sok] .sokresultat:not([hidden]) a").length > 0,
        null,
        { timeout: 30_000 },
      );
    }
    return page;
  }

  // Every violation as one line: rule, impact, the element's selector, the page.
  function violationLines(url, results) {
    const lines = [];
    for (const v of results.violations) {
      for (const n of v.nodes) {
        const detail = (n.failureSummary || "").replace(/\s+/g, " ").trim();
        lines.push(`${v.id} [${v.impact}] ${JSON.stringify(n.target)} on ${url}: ${v.help}. ${detail}`);
      }
    }
    return lines;
  }

  async function audit(page, url) {
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    return violationLines(url, results);
  }

  // axe-core no longer checks plain duplicate ids (only those ARIA refers to); fragment
  // links and <label for> need them unique too.
  async function duplicateIds(page, url) {
    const dups = await page.evaluate(() => {
      const seen = new Map();
      for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) || 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n}×)`);
    });
    return dups.map((d) => `duplicate-id ${d} on ${url}`);
  }

  describe("axe-core, WCAG 2.2 A and AA and best practices", { concurrency: 4 }, () => {
    for (const [url, kind] of PAGES) {
      test(`axe finds no violations on ${url} (${kind})`, T, async () => {
        const page = await open(url);
        const found = [...(await audit(page, url)), ...(await duplicateIds(page, url))];
        await page.close();
        assert.deepEqual(found, [], `\n${found.join("\n")}\n`);
      });
    }
  });

  // WCAG 1.4.10 Reflow: at 320 CSS pixels nothing but a table's own wrapper scrolls sideways,
  // and a wrapper that does scroll can be reached and scrolled with the keyboard.
  const NARROW = { width: 320, height: 640 };
  const REFLOW = [
    "/kommun/borlange/",
    "/kommun/alingsas/",
    "/kommun/dorotea/",
    "/",
    "/po/jamtland/",
    "/lan/dalarnas-lan/",
    "/karta/",
    "/driftsformer/",
    "/data/",
    "/kallor/",
    "/underhall/",
    "/om/lattlast/",
    "/en/kommun/alingsas/",
    "/sok/?q=borl",
  ];
  describe("reflow at 320 px", { concurrency: 4 }, () => {
    for (const url of REFLOW) {
      test(`${url} reflows at 320 px: no horizontal scrolling, scrolling tables are keyboard regions`, T, async () => {
        const narrow = await newContext({ viewport: NARROW });
        try {
          const page = await open(url, narrow);
          const widths = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            client: document.documentElement.clientWidth,
            body: document.body.scrollWidth,
          }));
          assert.ok(widths.client <= NARROW.width, `viewport ${widths.client}`);
          assert.ok(
            widths.scroll <= widths.client && widths.body <= widths.client,
            `the page scrolls horizontally at 320 px: ${JSON.stringify(widths)}`,
          );
          // Elements reaching past the viewport, other than inside a table's own wrapper.
          const wide = await page.evaluate(() => {
            const out = [];
            const vw = document.documentElement.clientWidth;
            for (const el of document.querySelectorAll("header *, main *, footer *")) {
              if (el.closest(".tabell, .kartdefs") || getComputedStyle(el).position === "absolute") continue;
              const r = el.getBoundingClientRect();
              if (r.width > 0 && (r.right > vw + 0.5 || r.left < -0.5)) {
                const cls = el.getAttribute("class");
                out.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls ? "." + cls.split(/\s+/).join(".") : ""}`);
              }
            }
            return out;
          });
          assert.deepEqual(wide, [], `elements outside the 320 px viewport on ${url}`);
          // A table wider than the screen scrolls inside its wrapper, which keyboard users can
          // reach (tabindex="0") and screen readers announce (role="region" with a name).
          const scrolling = await page.evaluate(() =>
            [...document.querySelectorAll(".tabell")]
              .filter((d) => d.scrollWidth > d.clientWidth)
              .map((d) => {
                const ids = (d.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
                const named = ids.map((id) => document.getElementById(id)?.textContent || "").join(" ");
                const name = (d.getAttribute("aria-label") || named).trim();
                return { tabindex: d.getAttribute("tabindex"), role: d.getAttribute("role"), name };
              }),
          );
          for (const s of scrolling) {
            assert.equal(s.tabindex, "0", `a scrolling .tabell is not focusable: ${JSON.stringify(s)}`);
            assert.equal(s.role, "region", `a scrolling .tabell is not a region: ${JSON.stringify(s)}`);
            assert.ok(s.name, `a scrolling .tabell has no accessible name: ${JSON.stringify(s)}`);
          }
          // And axe agrees at this width (scrollable-region-focusable, target sizes, ...).
          const found = await audit(page, `${url} at 320 px`);
          assert.deepEqual(found, [], `\n${found.join("\n")}\n`);
        } finally {
          await narrow.close();
        }
      });
    }
  });

  // What has focus, and whether it shows: an outline or a box shadow from :focus-visible.
  function focusState(page) {
    return page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return { tag: "body", visible: false };
      const s = getComputedStyle(el);
      const clear = (c) => c === "transparent" || /rgba\(.*,\s*0\)$/.test(c);
      const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && !clear(s.outlineColor);
      const shadow = s.boxShadow && s.boxShadow !== "none";
      return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        cls: el.getAttribute("class") || "",
        text: (el.textContent || el.value || "").trim().replace(/\s+/g, " ").slice(0, 80),
        href: el.getAttribute("href"),
        focusVisible: el.matches(":focus-visible"),
        visible: el.matches(":focus-visible") && Boolean(outline || shadow),
        inKontakt: Boolean(el.closest('section[aria-labelledby="kontakt-rubrik"]')),
      };
    });
  }

  async function tab(page, steps) {
    await page.keyboard.press("Tab");
    const f = await focusState(page);
    steps.push(f);
    assert.ok(f.visible, `focus is not visible on ${f.tag}${f.id ? "#" + f.id : ""} "${f.text}" (${page.url()})`);
    return f;
  }

  test("keyboard only: skip link, search for borl, open Borlänge, reach its contact details", T, async () => {
    const page = await open("/");
    const steps = [];

    // The skip link is the first Tab stop, shows its focus, and moves focus to main.
    const skip = await tab(page, steps);
    assert.equal(skip.text, "Hoppa till innehållet");
    assert.equal(skip.href, "#innehall");
    const box = await page.locator("a.hoppa").boundingBox();
    assert.ok(box && box.y >= 0 && box.height > 0, `the focused skip link is not on screen: ${JSON.stringify(box)}`);
    // Enter moves focus to main (which, not being a control, shows no ring of its own).
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "innehall");
    assert.equal(await page.evaluate(() => document.activeElement.tagName), "MAIN");

    // The next Tab stop after main is the search box.
    const field = await tab(page, steps);
    assert.equal(field.tag, "input");
    assert.equal(field.id, "sok-start");

    // Type, then move into the results with the arrow keys.
    await page.keyboard.type("borl", { delay: 25 });
    await page.waitForFunction(
      () => document.querySelectorAll("form[data-sok] .sokresultat:not([hidden]) li a").length > 0,
      null,
      { timeout: 30_000 },
    );
    assert.equal((await focusState(page)).visible, true, "focus on the field stopped showing while typing");
    await page.keyboard.press("ArrowDown");
    const first = await focusState(page);
    steps.push(first);
    assert.equal(first.href, "/kommun/borlange/", `first result: ${first.text}`);
    assert.ok(first.visible, `focus is not visible on the first result "${first.text}"`);
    await Promise.all([page.waitForURL(origin + "/kommun/borlange/"), page.keyboard.press("Enter")]);
    assert.match(await page.locator("h1").textContent(), /Borlänge/);

    // On Borlänge's page: skip link again, then Tab to the first contact link.
    const skip2 = await tab(page, steps);
    assert.equal(skip2.text, "Hoppa till innehållet");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "innehall");
    let f;
    for (let i = 0; i < 40; i++) {
      f = await tab(page, steps);
      if (f.inKontakt) break;
    }
    assert.ok(f.inKontakt, `never reached the contact section: ${steps.map((s) => s.text).join(" | ")}`);
    const expected = await page
      .locator('section[aria-labelledby="kontakt-rubrik"] a')
      .first()
      .evaluate((a) => a.getAttribute("href"));
    assert.equal(f.href, expected, "the first Tab stop in the contact section is its first link");
    assert.match(f.href, /^(tel:|mailto:|https?:)/, `not a contact detail: ${f.href}`);
    await page.close();
  });

  test("keyboard only on a map: its skip link jumps past it, and a focused kommun shows a dark outline", T, async () => {
    const page = await open("/karta/");
    const steps = [];
    // Past the skip link and into main, then to the first map's own skip link.
    await tab(page, steps);
    await page.keyboard.press("Enter");
    let f;
    for (let i = 0; i < 10; i++) {
      f = await tab(page, steps);
      if (f.cls.includes("hoppa-forbi")) break;
    }
    assert.equal(f.text, "Hoppa förbi kartan", `steps: ${steps.map((s) => s.text).join(" | ")}`);
    assert.equal(f.href, "#po-slut");
    const box = await page.evaluate(() => document.activeElement.getBoundingClientRect().toJSON());
    assert.ok(box.left >= 0 && box.width > 0, `the focused skip link is off screen: ${JSON.stringify(box)}`);

    // The next Tab stop is the first kommun on the map; its shape gets a thick dark line.
    await page.keyboard.press("Tab");
    const shape = await page.evaluate(() => {
      const a = document.activeElement;
      const s = getComputedStyle(a.querySelector("use"));
      return {
        inMap: Boolean(a.closest("figure.karta")),
        href: a.getAttribute("href"),
        focusVisible: a.matches(":focus-visible"),
        stroke: s.stroke,
        width: parseFloat(s.strokeWidth),
      };
    });
    assert.ok(shape.inMap && /^\/kommun\//.test(shape.href), JSON.stringify(shape));
    assert.ok(shape.focusVisible, JSON.stringify(shape));
    assert.equal(shape.stroke, "rgb(27, 27, 27)", JSON.stringify(shape));
    assert.ok(shape.width >= 4, JSON.stringify(shape));

    // Back on the skip link (reload, Tab to it again), Enter, Tab: past all 290 kommuner.
    await page.reload();
    await tab(page, steps);
    await page.keyboard.press("Enter");
    for (let i = 0; i < 10; i++) {
      f = await tab(page, steps);
      if (f.cls.includes("hoppa-forbi")) break;
    }
    await page.keyboard.press("Enter");
    const after = await tab(page, steps);
    const inFirstMap = await page.evaluate(() => Boolean(document.activeElement.closest("#po-rubrik, figure:has(#po-rubrik)")));
    assert.equal(inFirstMap, false, `after skipping the map, focus is still in it: ${after.href}`);
    assert.equal(after.href, "#dmo-slut", `the next Tab stop is the second map's skip link, got ${after.text}`);
    await page.close();
  });

  test("no script errors, console errors or CSP violations", T, () => {
    assert.deepEqual(problems, []);
  });
}
