// Print: a kommun page on one A4 sheet, with what someone without a phone needs, and
// nothing else. Chromium's own PDF output, as "Skriv ut" gives it.
//
//   KATALOG_SITE=/path/to/built/site node --test tests/e2e/print.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchChromium } from "./browser.mjs";
import { serve } from "./server.mjs";

const SITE = process.env.KATALOG_SITE;
const T = { timeout: 90_000 };

// Pages in a PDF: its page objects (not the /Pages tree nodes).
function pageCount(pdf) {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
}

if (!SITE) {
  test("print tests", { skip: "KATALOG_SITE is not set (scripts/test-js sets it)" }, () => {});
} else {
  let server, origin, browser;
  before(async () => {
    ({ server, origin } = await serve(SITE));
    browser = await launchChromium();
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await new Promise((resolve) => server.close(resolve));
  });

  for (const slug of ["borlange", "alvesta", "alingsas"]) {
    test(`/kommun/${slug}/ prints on one A4 page with answer, contact, source and address`, T, async () => {
      const page = await browser.newPage();
      await page.goto(`${origin}/kommun/${slug}/`);
      const pdf = await page.pdf({ format: "A4", printBackground: false });
      assert.equal(pageCount(pdf), 1, "pages in the PDF");
      await page.emulateMedia({ media: "print" });
      const shown = await page.evaluate(() => {
        const visible = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
        return {
          answer: visible(".svar"),
          contact: visible("#kontakt-rubrik"),
          address: visible(".utskriftsadress"),
          map: visible(".lagesbild") || visible(".karta"),
          menu: visible(".sidhuvud nav"),
          search: visible("form[data-sok]"),
          footer: visible(".sidfot"),
          text: document.body.innerText,
        };
      });
      assert.ok(shown.answer && shown.contact && shown.address, JSON.stringify(shown));
      assert.ok(!shown.map && !shown.menu && !shown.search && !shown.footer, JSON.stringify(shown));
      assert.match(shown.text, /Enligt .*(\d{4}|odaterad)/, "the answer names its source and date");
      assert.match(shown.text, new RegExp(`Sidan finns på https?://\\S+/kommun/${slug}/`));
      await page.close();
    });
  }
}
