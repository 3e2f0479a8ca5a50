// Checks that the browser's Swedish pipeline (themes/default/static/sok-sv.js) turns
// words into the same index terms as elasticlunr-rs did when it built the index.
//
//   node tests/js/pipeline-agrees.mjs words.json
//
// words.json: {"word": "token" | null, ...}, written by the Rust test (tests/search.rs)
// from every word of the national index: the token elasticlunr-rs's Swedish pipeline
// makes of the word, or null when it drops it. Each word is put through the JS
// tokenizer and pipeline; every disagreement is listed, and the exit code is 1 if
// there is any. The last line is "N passed, M failed".
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const sv = require("../../themes/default/static/sok-sv.js");

const file = process.argv[2];
if (!file) {
  console.error("usage: node tests/js/pipeline-agrees.mjs WORDS.json");
  process.exit(2);
}
const expected = JSON.parse(readFileSync(file, "utf8"));

let passed = 0;
let failed = 0;
for (const [word, want] of Object.entries(expected)) {
  // The Rust side ran its pipeline on the word as its tokenizer gave it; the word should
  // come out of the JS tokenizer unchanged, as a single token.
  const tokens = sv.tokenize(word);
  const terms = tokens.map(sv.pipeline).filter((t) => t !== undefined);
  const got = tokens.length === 1 && tokens[0] === word ? (terms.length === 1 ? terms[0] : null) : tokens;
  if (got === want) {
    passed++;
  } else {
    failed++;
    const what = Array.isArray(got) ? `tokenized as ${JSON.stringify(got)}` : JSON.stringify(got);
    console.log(`FAIL ${JSON.stringify(word)}: Rust ${JSON.stringify(want)}, JS ${what}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
