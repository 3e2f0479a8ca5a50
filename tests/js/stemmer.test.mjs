// The browser's Swedish pipeline (themes/default/static/sok-sv.js). Every expected value
// here was checked against elasticlunr-rs 3.1 / rust-stemmers 1.2, which build the index.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const sv = require("../../themes/default/static/sok-sv.js");

// [word, Snowball Swedish stem as rust-stemmers 1.2 gives it]
const STEMS = [
  // from the Snowball Swedish sample vocabulary and its classic demo
  ["jaktkarlarne", "jaktkarl"], ["jaktkarl", "jaktkarl"], ["klokheten", "klok"],
  ["aftonmåltiden", "aftonmåltid"], ["avundsjukan", "avundsjukan"], ["barnsligheten", "barns"],
  ["begravningsbyrå", "begravningsbyrå"], ["behagligaste", "behag"], ["anspråkslösheten", "anspråkslös"],
  ["bekymmerslösheten", "bekymmerslös"], ["ansiktsmusklerna", "ansiktsmuskl"], ["andades", "and"],
  ["allmänheten", "allmän"], ["allmänhetens", "allmän"], ["arbetande", "arbet"], ["gossarne", "goss"],
  // the words of the directory
  ["kommunerna", "kommun"], ["kommuner", "kommun"], ["kommun", "kommun"], ["ombudens", "ombud"],
  ["ombud", "ombud"], ["personligt", "person"], ["personliga", "person"], ["hjälp", "hjälp"],
  ["hjälpa", "hjälp"], ["verksamheten", "verksam"], ["verksamheter", "verksam"], ["verksamhet", "verksam"],
  ["samverkan", "samverkan"], ["gemensamt", "gemensamt"], ["tillsammans", "tillsamman"],
  ["borlänge", "borläng"], ["östersund", "östersund"], ["härnösand", "härnösand"], ["göteborgs", "göteborg"],
  ["skåne", "skån"], ["dalarnas", "dal"], ["dalarna", "dal"], ["dalarne", "dal"], ["rsmh", "rsmh"],
  ["sala", "sal"], ["mora", "mor"], ["heby", "heby"], ["höör", "höör"], ["åre", "åre"], ["vännäs", "vännäs"],
  ["nässjö", "nässjö"], ["söderhamn", "söderhamn"],
  // main suffixes, longest first, only in R1
  ["flickorna", "flick"], ["flickornas", "flick"], ["pojkarnas", "pojk"], ["bilarna", "bil"], ["bilen", "bil"],
  ["bilar", "bil"], ["glada", "glad"], ["huvudstaden", "huvudstad"], ["stadens", "stad"],
  ["kvinnornas", "kvinn"], ["svenskarnas", "svensk"], ["änglarnas", "ängl"], ["möjligheter", "möj"],
  ["möjligheterna", "möj"], ["landet", "landet"], ["åren", "åren"], ["huset", "huset"],
  // "s" only after one of b c d f g h j k l m n o p r t v y, which may lie outside R1
  ["kors", "kor"], ["fiskars", "fiskar"], ["kvinnans", "kvinnan"], ["hus", "hus"], ["ås", "ås"],
  ["pass", "pass"], ["glass", "glass"],
  // consonant pairs (dd gd nn dt gt kt tt) in R1: drop the last letter
  ["hängd", "häng"], ["bredd", "bredd"], ["känt", "känt"], ["ensamt", "ensamt"],
  // other suffixes: ig lig els deleted, löst → lös, fullt → full, in R1
  ["hemligt", "hem"], ["hemlig", "hem"], ["lycklig", "lyck"], ["lyckligt", "lyck"], ["kraftigt", "kraft"],
  ["konstigt", "konst"], ["vardagligt", "vardag"], ["trevliga", "trev"], ["vänlig", "vän"],
  ["kärlekslöst", "kärlekslös"], ["skönhetsfullt", "skönhetsfull"], ["fullt", "fullt"], ["löst", "löst"],
  ["tröst", "tröst"],
  // short words: R1 starts at least three letters in
  ["abc", "abc"], ["a", "a"], ["ab", "ab"], ["po", "po"],
];

test("stemmer: Snowball Swedish as in rust-stemmers 1.2", () => {
  for (const [word, stem] of STEMS) {
    assert.equal(sv.stem(word), stem, word);
    assert.equal(sv.stemmer(word), stem, word);
  }
});

test("stemmer: passes non-Swedish text through, never returns empty", () => {
  assert.equal(sv.stem("i̇stanbul"), "i̇stanbul");
  assert.equal(sv.stem("σίσυφος"), "σίσυφος");
  assert.equal(sv.stemmer(null), undefined);
});

// [text, Rust tokens, Rust terms after the pipeline]
const TEXTS = [
  ["PO-Skåne (Personliga Ombud Skåne)", ["po", "skåne", "(personliga", "ombud", "skåne)"], ["po", "skån", "person", "ombud", "skån"]],
  ["RSMH – Riksförbundet för Social & Mental Hälsa", ["rsmh", "–", "riksförbundet", "för", "social", "&", "mental", "hälsa"], ["rsmh", "riksförbundet", "social", "mental", "häls"]],
  ["Malung-Sälen", ["malung", "sälen"], ["malung", "säl"]],
  ["  Östersund,  Härnösand och Timrå. ", ["östersund,", "härnösand", "och", "timrå."], ["östersund", "härnösand", "timrå"]],
  ["Personligt ombud i Göteborg, Härryda och Mölndal", ["personligt", "ombud", "i", "göteborg,", "härryda", "och", "mölndal"], ["person", "ombud", "göteborg", "härryd", "mölndal"]],
  ["2012 års «rapport» – 100 %", ["2012", "års", "«rapport»", "–", "100", "%"], ["års", "rapport"]],
  ["İstanbul ΣΊΣΥΦΟΣ", ["i̇stanbul", "σίσυφος"], ["i̇stanbul"]],
  ["Har personligt ombud: samverkan mellan kommuner", ["har", "personligt", "ombud:", "samverkan", "mellan", "kommuner"], ["person", "ombud", "samverkan", "kommun"]],
];

test("tokenizer and pipeline: as elasticlunr-rs's Swedish language", () => {
  for (const [text, tokens, terms] of TEXTS) {
    assert.deepEqual(sv.tokenize(text), tokens, text);
    assert.deepEqual(sv.terms(text), terms, text);
  }
  // Unicode White_Space, not JavaScript's \s: U+0085 splits, U+FEFF does not
  assert.deepEqual(sv.tokenize("a\u0085b\u2003c\u00a0d"), ["a", "b", "c", "d"]);
  assert.deepEqual(sv.tokenize("\ufeffa"), ["\ufeffa"]);
  assert.deepEqual(sv.tokenize(""), []);
  assert.deepEqual(sv.tokenize(" - -- "), []);
  assert.deepEqual(sv.tokenize(null), []);
});

test("trimmer: strips what is not Latin script at both ends only", () => {
  assert.equal(sv.trimmer("«rapport»"), "rapport");
  assert.equal(sv.trimmer("göteborg,"), "göteborg");
  assert.equal(sv.trimmer("a1b"), "a1b");
  assert.equal(sv.trimmer("12:a"), "a");
  assert.equal(sv.trimmer("2012"), undefined);
  assert.equal(sv.trimmer("–"), undefined);
  assert.equal(sv.trimmer("σίσυφος"), undefined);
});

test("stop words: the list elasticlunr-rs uses, and nothing else", () => {
  assert.equal(sv.stopWords.length, 115); // with ""
  for (const w of ["och", "för", "över", "i", "på", "att", "är", ""]) {
    assert.equal(sv.stopWordFilter(w), undefined, w);
  }
  for (const w of ["ombud", "kommun", "po", "län"]) {
    assert.equal(sv.stopWordFilter(w), w, w);
  }
});
