// Print: a kommun page, Swedish and English, on one A4 sheet, with what someone without a
// phone needs, and nothing else: the answer, which names its source and date in words, the
// contact, and the entry of the Källor list that the contact's reference [n] leads to, with
// its date. Chromium's own PDF output, as "Skriv ut" gives it.
//
//   KATALOG_SITE=/path/to/built/site node --test tests/e2e/print.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { closeSite, openSite } from "./browser.mjs";

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
    ({ server, origin, browser } = await openSite(SITE));
  });
  after(() => closeSite({ server, browser }));

  const PAGES = [
    { lang: "sv", prefix: "", says: /Enligt .*(\d{4}|odaterad)/, address: "Sidan finns på" },
    { lang: "en", prefix: "/en", says: /According to .*(\d{4}|undated)/, address: "This page:" },
  ];
  for (const slug of ["borlange", "alvesta", "alingsas"]) {
    for (const { lang, prefix, says, address } of PAGES) {
      const url = `${prefix}/kommun/${slug}/`;
      test(`${url} prints on one A4 page with answer, contact, source and address`, T, async () => {
        const page = await browser.newPage();
        await page.goto(origin + url);
        const pdf = await page.pdf({ format: "A4", printBackground: false });
        assert.equal(pageCount(pdf), 1, "pages in the PDF");
        await page.emulateMedia({ media: "print" });
        const shown = await page.evaluate(() => {
          const visible = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
          // The entry in the printed Källor list that a link on the page points at, less
          // its title (which may hold a year of its own).
          const entry = (a) => {
            const el = a && document.getElementById(a.getAttribute("href").slice(1));
            if (!el || !el.closest("ol.kallor") || el.getClientRects().length === 0) return null;
            return el.innerText.slice(el.querySelector("a").innerText.length);
          };
          const contact = document.getElementById("kontakt-rubrik").closest("section");
          return {
            answer: visible(".svar"),
            contact: visible("#kontakt-rubrik"),
            address: visible(".utskriftsadress"),
            sources: visible("ol.kallor"),
            map: visible(".lagesbild") || visible(".karta"),
            menu: visible(".sidhuvud nav"),
            search: visible("form[data-sok]"),
            footer: visible(".sidfot"),
            contactSources: [...contact.querySelectorAll("a.ref")].map(entry),
            printedEntries: [...document.querySelectorAll("ol.kallor li")].filter((e) => e.getClientRects().length > 0).length,
            text: document.body.innerText,
          };
        });
        const info = JSON.stringify(shown);
        assert.ok(shown.answer && shown.contact && shown.address && shown.sources, info);
        assert.ok(!shown.map && !shown.menu && !shown.search && !shown.footer, info);
        assert.match(shown.text, says, "the answer names its source and date");
        // On paper the contact's reference [n] leads to a printed entry with the source's date.
        const dated = lang === "sv" ? /, .*(\d{4}|odaterad)/ : /, .*(\d{4}|undated)/;
        assert.ok(shown.contactSources.length > 0, info);
        for (const e of shown.contactSources) assert.match(e || "", dated, info);
        // Sources the paper does not cite by number (history, DMO, conflicts) stay off it.
        assert.equal(shown.printedEntries, new Set(shown.contactSources).size, info);
        assert.match(shown.text, new RegExp(`${address} https?://\\S+${prefix}/kommun/${slug}/`));
        await page.close();
      });
    }
  }
}
