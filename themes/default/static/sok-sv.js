/*
 * Katalog: Swedish text pipeline for elasticlunr 0.9.5, identical to the one
 * elasticlunr-rs 3.1 (feature "sv") uses when it builds /sokindex.json:
 *
 *   tokenizer          split on Unicode White_Space or "-", drop empty, lowercase
 *   trimmer-sv         strip leading and trailing characters not of Script=Latin
 *   stopWordFilter-sv  drop the Swedish stop words below
 *   stemmer-sv         Snowball Swedish, as generated in rust-stemmers 1.2
 *
 * In a browser, loaded after elasticlunr.min.js, it registers the three
 * pipeline functions and installs the tokenizer on window.elasticlunr.
 * In Node it exports the same functions (module.exports).
 */
(function (root, factory) {
  "use strict";
  var sv = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = sv;
  } else {
    root.katalogSv = sv;
    if (root.elasticlunr) {
      sv.register(root.elasticlunr);
    }
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // Rust: text.split(|c| c.is_whitespace() || c == '-').filter(non-empty)
  //       .map(|s| s.trim().to_lowercase())
  // `trim()` is a no-op after splitting on every White_Space character, so it
  // is left out here (String.prototype.trim would also strip U+FEFF, which
  // Rust keeps).
  var SPLIT = /[\p{White_Space}-]/u;

  function tokenize(str) {
    if (str === null || str === undefined) {
      return [];
    }
    if (Array.isArray(str)) {
      return str.reduce(function (all, s) {
        return all.concat(tokenize(s));
      }, []);
    }
    return String(str)
      .split(SPLIT)
      .filter(function (s) {
        return s.length > 0;
      })
      .map(function (s) {
        return s.toLowerCase();
      });
  }

  // Rust: Regex "^[^\p{Latin}]+|[^\p{Latin}]+$", replace_all with "".
  // regex-syntax reads \p{Latin} as Script=Latin (not Script_Extensions).
  var TRIM = /^[^\p{Script=Latin}]+|[^\p{Script=Latin}]+$/gu;

  function trimmer(token) {
    if (token === null || token === undefined) {
      return undefined;
    }
    var t = String(token).replace(TRIM, "");
    return t === "" ? undefined : t;
  }

  var STOP_WORDS = [
    "", "alla", "allt", "att", "av", "blev", "bli", "blir", "blivit", "de", "dem", "den", "denna",
    "deras", "dess", "dessa", "det", "detta", "dig", "din", "dina", "ditt", "du", "där", "då",
    "efter", "ej", "eller", "en", "er", "era", "ert", "ett", "från", "för", "ha", "hade", "han",
    "hans", "har", "henne", "hennes", "hon", "honom", "hur", "här", "i", "icke", "ingen", "inom",
    "inte", "jag", "ju", "kan", "kunde", "man", "med", "mellan", "men", "mig", "min", "mina",
    "mitt", "mot", "mycket", "ni", "nu", "när", "någon", "något", "några", "och", "om", "oss",
    "på", "samma", "sedan", "sig", "sin", "sina", "sitta", "själv", "skulle", "som", "så", "sådan",
    "sådana", "sådant", "till", "under", "upp", "ut", "utan", "vad", "var", "vara", "varför",
    "varit", "varje", "vars", "vart", "vem", "vi", "vid", "vilka", "vilkas", "vilken", "vilket",
    "vår", "våra", "vårt", "än", "är", "åt", "över"
  ];
  var STOP = new Set(STOP_WORDS);

  function stopWordFilter(token) {
    if (token === null || token === undefined || STOP.has(token)) {
      return undefined;
    }
    return token;
  }

  // ---- Snowball Swedish (rust-stemmers 1.2, src/snowball/algorithms/swedish.rs).
  // Positions are counted in code points, as the Rust code moves by whole
  // characters; all suffixes below start with an ASCII letter, so a suffix
  // can never match inside a multi-byte character there either.
  var VOWEL = new Set(["a", "e", "i", "o", "u", "y", "ä", "å", "ö"]);
  var S_ENDING = new Set("bcdfghjklmnoprtvy".split(""));

  // among A_0 (main_suffix): result 1 = delete, 2 = "s" (delete after s_ending)
  var MAIN_SUFFIXES = [
    "a", "arna", "erna", "heterna", "orna", "ad", "e", "ade", "ande", "arne",
    "are", "aste", "en", "anden", "aren", "heten", "ern", "ar", "er", "heter",
    "or", "s", "as", "arnas", "ernas", "ornas", "es", "ades", "andes", "ens",
    "arens", "hetens", "erns", "at", "andet", "het", "ast"
  ];
  // among A_1 (consonant_pair)
  var CONSONANT_PAIRS = new Set(["dd", "gd", "nn", "dt", "gt", "kt", "tt"]);
  // among A_2 (other_suffix): suffix -> replacement
  var OTHER_SUFFIXES = [
    ["ig", ""],
    ["lig", ""],
    ["els", ""],
    ["fullt", "full"],
    ["löst", "lös"]
  ];

  function byLengthDesc(a, b) {
    return (Array.isArray(b) ? b[0] : b).length - (Array.isArray(a) ? a[0] : a).length;
  }
  MAIN_SUFFIXES.sort(byLengthDesc);
  OTHER_SUFFIXES.sort(byLengthDesc);

  function endsWithAt(chars, end, suffix) {
    // Does chars[end - suffix.length .. end] equal suffix (code points)?
    var s = Array.from(suffix);
    if (s.length > end) {
      return false;
    }
    for (var i = 0; i < s.length; i++) {
      if (chars[end - s.length + i] !== s[i]) {
        return false;
      }
    }
    return true;
  }

  // Longest entry of `list` that ends the word and lies wholly in [p1, n).
  function findAmongB(chars, n, p1, list, key) {
    for (var i = 0; i < list.length; i++) {
      var suffix = key ? list[i][0] : list[i];
      var len = Array.from(suffix).length;
      if (n - len >= p1 && endsWithAt(chars, n, suffix)) {
        return list[i];
      }
    }
    return null;
  }

  function markR1(chars) {
    var n = chars.length;
    // hop 3: fails (R1 empty) on words shorter than three characters
    if (n < 3) {
      return n;
    }
    var x = 3;
    var i = 0;
    // goto v
    while (i < n && !VOWEL.has(chars[i])) {
      i++;
    }
    if (i >= n) {
      return n;
    }
    // gopast non-v
    while (i < n && VOWEL.has(chars[i])) {
      i++;
    }
    if (i >= n) {
      return n;
    }
    var p1 = i + 1;
    return p1 < x ? x : p1;
  }

  function stemWord(word) {
    var chars = Array.from(word);
    var p1 = markR1(chars);
    var n = chars.length;

    // main_suffix
    var main = findAmongB(chars, n, p1, MAIN_SUFFIXES, false);
    if (main !== null) {
      if (main === "s") {
        // the letter before may lie outside R1
        if (n >= 2 && S_ENDING.has(chars[n - 2])) {
          n -= 1;
        }
      } else {
        n -= main.length;
      }
    }
    chars.length = n;

    // consonant_pair: both letters in R1, drop the last
    if (n - 2 >= p1 && CONSONANT_PAIRS.has(chars[n - 2] + chars[n - 1])) {
      n -= 1;
      chars.length = n;
    }

    // other_suffix
    var other = findAmongB(chars, n, p1, OTHER_SUFFIXES, true);
    if (other !== null) {
      chars.length = n - Array.from(other[0]).length;
      chars.push.apply(chars, Array.from(other[1]));
    }
    return chars.join("");
  }

  function stemmer(token) {
    if (token === null || token === undefined) {
      return undefined;
    }
    var s = stemWord(String(token));
    return s === "" ? undefined : s;
  }

  // The whole chain for one token, as in Rust's Pipeline::run.
  function pipeline(token) {
    var t = trimmer(token);
    if (t === undefined) {
      return undefined;
    }
    t = stopWordFilter(t);
    if (t === undefined) {
      return undefined;
    }
    return stemmer(t);
  }

  // tokenize + pipeline over a text: the terms the index holds for it.
  function terms(text) {
    var out = [];
    tokenize(text).forEach(function (token) {
      var t = pipeline(token);
      if (t !== undefined) {
        out.push(t);
      }
    });
    return out;
  }

  function register(elasticlunr) {
    var P = elasticlunr.Pipeline;
    if (!P.getRegisteredFunction("trimmer-sv")) {
      P.registerFunction(trimmer, "trimmer-sv");
      P.registerFunction(stopWordFilter, "stopWordFilter-sv");
      P.registerFunction(stemmer, "stemmer-sv");
    }
    // Index.search calls elasticlunr.tokenizer(query): use the Rust one.
    elasticlunr.tokenizer = tokenize;
    return elasticlunr;
  }

  return {
    tokenize: tokenize,
    trimmer: trimmer,
    stopWordFilter: stopWordFilter,
    stemmer: stemmer,
    stem: stemWord,
    pipeline: pipeline,
    terms: terms,
    register: register,
    stopWords: STOP_WORDS.slice()
  };
});
