// Search and ranking in themes/default/static/sok.js, on a small index built here with
// elasticlunr.js and the Swedish pipeline, saved and loaded as JSON like /sokindex.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const elasticlunr = require("elasticlunr");
const sv = require("../../themes/default/static/sok-sv.js");
const sok = require("../../themes/default/static/sok.js");

function fold(s) {
  return s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
}

// [ref, namn, typ, sammanhang, text]
const DOCS = [
  ["/kommun/borlange/", "Borlänge", "Kommun", "Dalarnas län Personligt Ombud Södra Dalarna", ""],
  ["/kommun/ostersund/", "Östersund", "Kommun", "Jämtlands län Personligt ombud i Jämtlands län", ""],
  ["/kommun/malmo/", "Malmö", "Kommun", "Skåne län Personligt ombud Malmö", ""],
  ["/kommun/malung-salen/", "Malung-Sälen", "Kommun", "Dalarnas län Personligt ombud i Norra Dalarna", ""],
  ["/kommun/dals-ed/", "Dals-Ed", "Kommun", "Västra Götalands län", ""],
  ["/kommun/lund/", "Lund", "Kommun", "Skåne län PO-Skåne RSMH", ""],
  ["/lan/dalarnas-lan/", "Dalarnas län", "Län", "", ""],
  ["/po/sodra-dalarna/", "Personligt Ombud Södra Dalarna", "Verksamhet", "Borlänge Avesta", ""],
  ["/po/po-skane/", "PO-Skåne (Personliga Ombud Skåne)", "Verksamhet", "Lund RSMH", ""],
  ["/om/personligt-ombud/", "Vad är personligt ombud?", "Sida", "", "Ett personligt ombud hjälper dig i Malmö och Borlänge."],
];

function database() {
  sv.register(elasticlunr);
  const built = elasticlunr(function () {
    this.setRef("ref");
    for (const f of ["namn", "enkel", "sammanhang", "text"]) this.addField(f);
    this.saveDocument(false);
    this.pipeline.reset();
    this.pipeline.add(sv.trimmer, sv.stopWordFilter, sv.stemmer);
  });
  const dokument = {};
  for (const [ref, namn, typ, sammanhang, text] of DOCS) {
    built.addDoc({ ref, namn, enkel: fold(namn).replace(/-/g, " "), sammanhang: `${sammanhang} ${fold(sammanhang)}`, text });
    dokument[ref] = { titel: namn, typ, info: null };
  }
  const json = JSON.parse(JSON.stringify(built.toJSON()));
  assert.deepEqual(json.pipeline, ["trimmer-sv", "stopWordFilter-sv", "stemmer-sv"]);
  return { index: elasticlunr.Index.load(json), dokument };
}

const db = database();
const titles = (q) => sok.search(db, q).map((h) => h.doc.titel);

test("an exact name match comes first, typed with or without å, ä, ö and in any case", () => {
  for (const q of ["borlänge", "borlange", "BORLÄNGE", "Borlange ", "östersund", "ostersund", "malmo", "Malmö"]) {
    const want = { b: "Borlänge", o: "Östersund", ö: "Östersund", m: "Malmö" }[q.trim().toLowerCase()[0]];
    assert.equal(titles(q)[0], want, q);
  }
});

test("then names that start with the query, the shortest first", () => {
  assert.equal(titles("borl")[0], "Borlänge");
  assert.deepEqual(titles("mal").slice(0, 2), ["Malmö", "Malung-Sälen"]);
  assert.equal(titles("po-skane")[0], "PO-Skåne (Personliga Ombud Skåne)");
});

test("then names with a later word that starts with the query, then the rest by score", () => {
  const t = titles("dalarna");
  assert.equal(t[0], "Dalarnas län");
  assert.equal(t[1], "Personligt Ombud Södra Dalarna");
  assert.ok(t.indexOf("Dals-Ed") > 1, t.join(", "));
  assert.ok(t.includes("Borlänge"), t.join(", "));
});

test("context finds the kommuner of an organisation and whoever runs it", () => {
  const t = titles("rsmh");
  assert.ok(t.includes("PO-Skåne (Personliga Ombud Skåne)"), t.join(", "));
  assert.ok(t.includes("Lund"), t.join(", "));
});

test("no hits, empty queries and stop words alone", () => {
  assert.deepEqual(titles("xyzzy"), []);
  assert.deepEqual(titles(""), []);
  assert.deepEqual(titles("   "), []);
  assert.deepEqual(titles("och"), []);
});

test("fold and status texts", () => {
  assert.equal(sok.fold("  Östra  Göinge "), "ostra goinge");
  assert.equal(sok.fold("Malung-Sälen"), "malung-salen");
  assert.equal(sok.statusText(1, "x"), "1 träff");
  assert.equal(sok.statusText(3, "x"), "3 träffar");
  assert.equal(sok.statusText(27, "x"), "27 träffar, de 10 bästa visas");
  assert.equal(sok.statusText(0, " qwerty "), "Inga träffar för ”qwerty”");
});

test("distance: Damerau–Levenshtein with neighbours swapped, capped", () => {
  assert.equal(sok.distance("ekjso", "eksjo", 1), 1);
  assert.equal(sok.distance("gotheborg", "goteborg", 2), 1);
  assert.equal(sok.distance("ostersnd", "ostersund", 2), 1);
  assert.equal(sok.distance("abc", "abc", 1), 0);
  assert.equal(sok.distance("xyzzy", "lund", 1), 2, "stops at max + 1");
});

test("near misses: the closest names, only when no name matches", () => {
  const db = database();
  const names = (q) => sok.nearMisses(db, q, sok.search(db, q)).map((s) => s.doc.titel);
  assert.deepEqual(names("ostersnd"), ["Östersund"]);
  assert.deepEqual(names("borlnge"), ["Borlänge"]);
  assert.deepEqual(names("lnud"), ["Lund"], "a swap in a short word is one edit");
  assert.deepEqual(names("xyzzy"), []);
  assert.deepEqual(names("borlänge"), [], "an exact hit needs no suggestion");
  // Spaces and hyphens do not count: "dalsed" is the name Dals-Ed itself.
  assert.equal(sok.search(db, "dalsed")[0].doc.titel, "Dals-Ed");
  assert.equal(sok.search(db, "dals ed")[0].rank, 0);
});

test("status: the suggestions are announced", () => {
  const s = [{ doc: { titel: "Östersund" } }, { doc: { titel: "Östhammar" } }];
  assert.equal(sok.statusText(0, "ostersnd", s), "Inga träffar för ”ostersnd”. Menade du Östersund eller Östhammar?");
});
