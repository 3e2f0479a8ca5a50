/*
 * Katalog: search as you type. The pages work without it: each search form
 * submits to /sok/. This script only enhances those forms:
 *
 * - Nothing is loaded with the page. The search library (elasticlunr.min.js),
 *   the Swedish pipeline (sok-sv.js) and the index (sokindex.json), named in this
 *   script tag's data attributes, are
 *   fetched when the visitor first types, or on /sok/?q=… at once.
 * - Results (at most 10 links) appear under the form; the status line, a
 *   polite live region, says how many there are once typing pauses.
 * - When nothing matches a name, "Menade du …?" offers the closest names of
 *   kommuner, organisations, utförare and län (Damerau–Levenshtein distance on
 *   the folded names, spaces and hyphens ignored) that begin with the same letter,
 *   from small title lists fetched for it. A name equal but for spaces and hyphens
 *   ("dalsed", "upplandsvasby") is a hit of its own.
 * - Keys: ArrowDown from the field goes to the first result, ArrowUp and
 *   ArrowDown move between results, ArrowUp from the first goes back to the
 *   field, Escape hides the results and returns to the field, Enter in the
 *   field opens the first result (or submits the form if there is none).
 *
 * No inline styles, no eval: it runs under script-src 'self'.
 */
(function (root, factory) {
  "use strict";
  var sok = factory(root);
  if (typeof module === "object" && module.exports) {
    module.exports = sok; // Node: the search and ranking, for the tests
  } else {
    sok.start();
  }
})(typeof self !== "undefined" ? self : this, function (window) {
  "use strict";

  var MAX_RESULTS = 10;
  var STATUS_DELAY_MS = 200;
  var SEARCH_CONFIG = {
    fields: {
      namn: { boost: 10 },
      enkel: { boost: 8 },
      sammanhang: { boost: 2 },
      text: { boost: 1 }
    },
    bool: "OR",
    expand: true
  };
  // Equal scores (hits through the same context): the organisation before its kommuner.
  var TYPE_ORDER = { Verksamhet: 0, "Utförare": 1, "Län": 2, Kommun: 3, Sida: 4 };

  var document = window.document;
  var base = "/"; // the site root, for result links: from data-rot on this script
  // The files to load, from this script's data attributes: their names carry a content
  // hash so that browsers may cache them for good.
  var files = { lunr: "/elasticlunr.min.js", sv: "/sok-sv.js", index: "/sokindex.json" };

  // ---------- loading ----------
  //
  // /sokindex.json (fingerprinted) is a manifest: the index header, the number of
  // documents, the folder of the index files, the first term of each chunk of terms,
  // and the title lists with their sizes. For each word of a query the browser fetches
  // the chunk its term falls in and at most per_ord - 1 following chunks that the
  // word's prefix expands into; then the result details (address, title, type) of the
  // best `kandidater` hits, `dokument` documents to a file; and for "Menade du …?" the
  // title lists of names with the query's first letter and a length near its own,
  // within `titelbudget` bytes. Everything fetched is merged into one elasticlunr index, so a
  // term's score is the one the whole index gives it. A query's download stays bounded
  // however large the site grows.

  var loading = null; // Promise of the db (see emptyDb)

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.async = false;
      s.onload = function () {
        resolve();
      };
      s.onerror = function () {
        reject(new Error("kunde inte ladda " + src));
      };
      document.head.appendChild(s);
    });
  }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) {
        throw new Error(url + ": " + r.status);
      }
      return r.json();
    });
  }

  // An empty index with the manifest's header; chunks are merged into it. Postings hold
  // tf already divided by √(field length), so the store has no field lengths (a length
  // of 0 counts as 1 in elasticlunr's score).
  function emptyDb(elasticlunr, manifest) {
    var header = manifest.index;
    var index = {};
    header.fields.forEach(function (f) {
      index[f] = { root: { docs: {}, df: 0 } };
    });
    var serialised = {};
    Object.keys(header).forEach(function (k) {
      serialised[k] = header[k];
    });
    serialised.index = index;
    serialised.documentStore = { save: false, docs: {}, docInfo: {}, length: manifest.antal };
    return {
      index: elasticlunr.Index.load(serialised),
      dokument: {}, // document number → {adress, titel, typ, info}
      namn: {}, // document number → title, from the title lists
      forsta: {}, // term → {document number: length of its folded name}: names that begin with the term
      titlar: {}, // title list key → [{ref, doc: {titel}}]
      manifest: manifest,
      got: {} // the addresses fetched (or being fetched): url → {promise, done}
    };
  }

  function load() {
    if (!loading) {
      var scripts = loadScript(files.lunr).then(function () {
        return loadScript(files.sv);
      });
      loading = Promise.all([scripts, getJson(files.index)]).then(function (both) {
        var elasticlunr = window.elasticlunr;
        window.katalogSv.register(elasticlunr);
        return emptyDb(elasticlunr, both[1]);
      });
      loading.catch(function () {
        loading = null; // let a later keystroke try again
      });
    }
    return loading;
  }

  // {"weight": [differences between document numbers]} → use(document number, weight).
  function eachPosting(groups, use) {
    Object.keys(groups).forEach(function (key) {
      var value = parseFloat(key);
      var doc = 0;
      groups[key].forEach(function (d) {
        doc += d;
        use(String(doc), value);
      });
    });
  }

  // A term's node in a field's trie, made on the way.
  function trieNode(root, term) {
    var n = root;
    for (var i = 0; i < term.length; i++) {
      var c = term.charAt(i);
      if (!n[c]) {
        n[c] = { docs: {}, df: 0 };
      }
      n = n[c];
    }
    return n;
  }

  // A chunk: {term: [namn, enkel, sammanhang, text, first word]}, each 0 or postings.
  function mergeChunk(db, chunk) {
    var fields = db.manifest.index.fields;
    Object.keys(chunk).forEach(function (term) {
      var parts = chunk[term];
      fields.forEach(function (field, f) {
        if (parts[f]) {
          var n = trieNode(db.index.index[field].root, term);
          eachPosting(parts[f], function (ref, tf) {
            if (!n.docs[ref]) {
              n.df += 1;
            }
            n.docs[ref] = { tf: tf };
          });
        }
      });
      if (parts[fields.length]) {
        var first = db.forsta[term] || (db.forsta[term] = {});
        eachPosting(parts[fields.length], function (ref, length) {
          first[ref] = length;
        });
      }
    });
  }

  // The index terms of a query, as elasticlunr's search makes them.
  function terms(db, query) {
    var texts = [query];
    var folded = fold(query);
    if (folded !== String(query).toLowerCase()) {
      texts.push(folded);
    }
    var out = [];
    texts.forEach(function (text) {
      var tokens = db.index.pipeline.run(window.elasticlunr.tokenizer(text));
      tokens.forEach(function (t) {
        out.push(t);
      });
    });
    return out;
  }

  // The chunks of terms a query needs, and whether a word's prefix reaches further than
  // the chunks fetched for it (then the hits are a lower bound).
  function termChunks(db, query) {
    var firsts = db.manifest.termer;
    var chunks = [];
    var partial = false;
    var add = function (i) {
      if (chunks.indexOf(i) < 0) {
        chunks.push(i);
      }
    };
    terms(db, query).forEach(function (t) {
      var lo = 0;
      var hi = firsts.length - 1;
      while (lo < hi) {
        var mid = Math.ceil((lo + hi) / 2);
        if (firsts[mid] <= t) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      add(lo);
      for (var j = lo + 1; j < firsts.length && firsts[j].lastIndexOf(t, 0) === 0; j++) {
        if (j - lo >= db.manifest.per_ord) {
          partial = true;
          break;
        }
        add(j);
      }
    });
    return {
      urls: chunks.map(function (i) {
        return db.manifest.mapp + "t" + i + ".json";
      }),
      partial: partial
    };
  }

  // A letter as the index names its files: a–z and 0–9 as they are, others as _hex.
  function fileKey(c) {
    return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16);
  }

  // The title lists of names that begin with the query's first letter: of its length,
  // and with `near`, of lengths up to two away, nearest first, within the budget.
  function titleKeys(db, query, near) {
    var q = Array.from(squash(query));
    if (q.length === 0) {
      return [];
    }
    var sizes = db.manifest.titlar;
    var keys = [];
    var used = 0;
    (near ? [0, -1, 1, -2, 2] : [0]).forEach(function (d) {
      var key = fileKey(q[0]) + "-" + (q.length + d);
      if (key in sizes && (d === 0 || used + sizes[key] <= db.manifest.titelbudget)) {
        keys.push(key);
        used += sizes[key];
      }
    });
    return keys;
  }

  function titleUrl(db, key) {
    return db.manifest.mapp + "n-" + key + ".json";
  }

  // The store files holding the details of the best of `hits` (search's answer to the
  // query) and of the names offered.
  function storeUrls(db, query, hits) {
    var refs = hits.slice(0, db.manifest.kandidater).map(function (h) {
      return h.ref;
    });
    nearMisses(db, query, hits).forEach(function (s) {
      refs.push(s.ref);
    });
    var urls = [];
    refs.forEach(function (ref) {
      if (!db.dokument[ref]) {
        var url = db.manifest.mapp + "d" + Math.floor(Number(ref) / db.manifest.dokument) + ".json";
        if (urls.indexOf(url) < 0) {
          urls.push(url);
        }
      }
    });
    return urls;
  }

  // Fetches `url` once and hands its JSON to `use`; db.got[url].done once used.
  function fetchOnce(db, url, use) {
    if (!db.got[url]) {
      var entry = { done: false };
      entry.promise = getJson(url).then(function (json) {
        use(json);
        entry.done = true;
      });
      entry.promise.catch(function () {
        delete db.got[url];
      });
      db.got[url] = entry;
    }
    return db.got[url].promise;
  }

  function fetchChunk(db, url) {
    return fetchOnce(db, url, function (chunk) {
      mergeChunk(db, chunk);
    });
  }

  function fetchTitles(db, key) {
    return fetchOnce(db, titleUrl(db, key), function (list) {
      db.titlar[key] = list.map(function (e) {
        db.namn[String(e[0])] = e[1];
        return { ref: String(e[0]), doc: { titel: e[1] } };
      });
    });
  }

  function fetchStore(db, url) {
    var start = Number(url.replace(/^.*\/d(\d+)\.json$/, "$1")) * db.manifest.dokument;
    return fetchOnce(db, url, function (rows) {
      rows.forEach(function (r, i) {
        db.dokument[String(start + i)] = { adress: r[0], titel: r[1], typ: r[2], info: r[3] };
      });
    });
  }

  function fetchAll(db, chunks, titleKeysWanted, stores) {
    return Promise.all(
      chunks
        .map(function (url) {
          return fetchChunk(db, url);
        })
        .concat(
          titleKeysWanted.map(function (key) {
            return fetchTitles(db, key);
          }),
          stores.map(function (url) {
            return fetchStore(db, url);
          })
        )
    );
  }

  // Fetches what a query needs: its terms and the title list of its length; then, if
  // it matches no name, the lists beside it; then the details of the best hits.
  function prepared(db, query) {
    return fetchAll(db, termChunks(db, query).urls, titleKeys(db, query, false), [])
      .then(function () {
        var near = wantsSuggestions(query, search(db, query));
        return near ? fetchAll(db, [], titleKeys(db, query, true), []) : null;
      })
      .then(function () {
        return fetchAll(db, [], [], storeUrls(db, query, search(db, query)));
      });
  }

  // The query's hits when everything it needs is here (so it can be shown at once),
  // else null.
  function ready(db, query) {
    var here = function (url) {
      return Boolean(db.got[url] && db.got[url].done);
    };
    if (!termChunks(db, query).urls.every(here)) {
      return null;
    }
    var hits = search(db, query);
    var titles = titleKeys(db, query, wantsSuggestions(query, hits)).map(function (key) {
      return titleUrl(db, key);
    });
    return titles.every(here) && storeUrls(db, query, hits).length === 0 ? hits : null;
  }

  // ---------- searching ----------

  // "Östersund" → "ostersund", as the index's `enkel` field has it.
  function fold(text) {
    return String(text)
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/ø/g, "o")
      .replace(/æ/g, "ae")
      .replace(/ß/g, "ss")
      .replace(/\s+/g, " ")
      .trim();
  }

  // Ranks the hits: 0 the name is the query, 1 the name starts with it, 2 a later
  // word of the name starts with it, 3 the rest; within a rank by score.
  function rank(name, folded) {
    if (name === folded) {
      return 0;
    }
    var at = name.indexOf(folded);
    if (at === 0) {
      return 1;
    }
    while (at > 0) {
      if (/[^\p{L}\p{N}]/u.test(name.charAt(at - 1))) {
        return 2;
      }
      at = name.indexOf(folded, at + 1);
    }
    return 3;
  }

  // Hits: {ref, doc (null until its details are fetched), score, rank, length}.
  function compareHits(a, b) {
    if (a.rank !== b.rank) {
      return a.rank - b.rank;
    }
    if (a.rank === 1 && a.length !== b.length) {
      return a.length - b.length; // the closest prefix match first
    }
    if (Math.abs(a.score - b.score) > 1e-9 * Math.max(a.score, b.score)) {
      return b.score - a.score;
    }
    // The index numbers its documents by type, then by the Swedish order of titles.
    if (/^\d+$/.test(a.ref) && /^\d+$/.test(b.ref)) {
      return Number(a.ref) - Number(b.ref);
    }
    var ta = a.doc.typ in TYPE_ORDER ? TYPE_ORDER[a.doc.typ] : 9;
    var tb = b.doc.typ in TYPE_ORDER ? TYPE_ORDER[b.doc.typ] : 9;
    if (ta !== tb) {
      return ta - tb;
    }
    return a.doc.titel.localeCompare(b.doc.titel, "sv") || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
  }

  // What the index knows of a hit's name without its details: whether the name begins
  // with the query's first word and has its other words too (rank 1, with the name's
  // length; 0 if that length is the query's), has a word that begins with a word of the
  // query (2), or neither (3). It only chooses whose details to fetch: the hits shown are
  // ranked by their names.
  function guessRank(db, query, folded) {
    var first = {};
    var inName = {};
    var lists = [query, folded].map(function (text) {
      return db.index.pipeline.run(window.elasticlunr.tokenizer(text));
    });
    var inWord = [];
    var collect = function (j, t) {
      var found = inWord[j];
      ["namn", "enkel"].forEach(function (field) {
        db.index.index[field].expandToken(t).forEach(function (key) {
          Object.keys(db.index.index[field].getDocs(key)).forEach(function (ref) {
            found[ref] = true;
            inName[ref] = true;
          });
          if (j === 0 && db.forsta[key]) {
            Object.keys(db.forsta[key]).forEach(function (ref) {
              first[ref] = db.forsta[key][ref];
            });
          }
        });
      });
    };
    for (var j = 0; j < Math.max(lists[0].length, lists[1].length); j++) {
      inWord.push({});
      lists.forEach(function (tokens) {
        if (tokens[j]) {
          collect(j, tokens[j]);
        }
      });
    }
    return function (ref) {
      var everyWord = inWord.every(function (found) {
        return found[ref];
      });
      if (ref in first && everyWord) {
        return { rank: first[ref] === folded.length ? 0 : 1, length: first[ref] };
      }
      return { rank: inName[ref] ? 2 : 3, length: 0 };
    };
  }


  // ---------- near misses ----------

  // The documents whose names are offered as "Menade du …?".
  var NAMED_TYPES = { Kommun: true, Verksamhet: true, "Utförare": true, "Län": true };

  // "Dals-Ed" → "dalsed": folded, without spaces and hyphens, so that "dals ed",
  // "dalsed" and "Dals-Ed" are the same name.
  function squash(text) {
    return fold(text).replace(/[\s\-\u2010-\u2015]+/g, "");
  }

  // Damerau–Levenshtein distance (optimal string alignment: insertions, deletions,
  // substitutions and swaps of neighbours), or max + 1 once it must exceed max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) {
      return max + 1;
    }
    var before = null;
    var prev = [];
    for (var j = 0; j <= b.length; j++) {
      prev.push(j);
    }
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      var best = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a.charAt(i - 1) === b.charAt(k - 1) ? 0 : 1;
        var d = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + cost);
        if (before && i > 1 && k > 1 && a.charAt(i - 1) === b.charAt(k - 2) && a.charAt(i - 2) === b.charAt(k - 1)) {
          d = Math.min(d, before[k - 2] + 1);
        }
        cur.push(d);
        best = Math.min(best, d);
      }
      if (best > max) {
        return max + 1;
      }
      before = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  // How far a query may be from a name: one edit for short words, two for longer.
  function tolerance(squashed) {
    return squashed.length <= 5 ? 1 : 2;
  }

  // The named documents at hand, [{ref, doc}]: from the title lists fetched so far (the
  // browser), or from every document of a whole index (db.titlar absent: the unit tests).
  function named(db) {
    var out = [];
    if (db.titlar) {
      Object.keys(db.titlar).forEach(function (n) {
        db.titlar[n].forEach(function (e) {
          out.push(e);
        });
      });
    } else {
      Object.keys(db.dokument).forEach(function (ref) {
        if (NAMED_TYPES[db.dokument[ref].typ]) {
          out.push({ ref: ref, doc: db.dokument[ref] });
        }
      });
    }
    return out;
  }

  // The closest names to a query that matched no name: at most three, nearest first.
  function suggest(db, query) {
    var q = squash(query);
    if (q.length < 3) {
      return [];
    }
    var max = tolerance(q);
    var found = [];
    named(db).forEach(function (n) {
      var d = distance(q, squash(n.doc.titel), max);
      if (d <= max) {
        found.push({ ref: n.ref, doc: n.doc, distance: d });
      }
    });
    found.sort(function (a, b) {
      if (a.distance !== b.distance) {
        return a.distance - b.distance;
      }
      if (/^\d+$/.test(a.ref) && /^\d+$/.test(b.ref)) {
        return Number(a.ref) - Number(b.ref); // numbered by type, then title
      }
      var ta = TYPE_ORDER[a.doc.typ];
      var tb = TYPE_ORDER[b.doc.typ];
      return ta - tb || a.doc.titel.localeCompare(b.doc.titel, "sv");
    });
    return found.slice(0, 3);
  }

  // db: {index: elasticlunr.Index, dokument: {ref: {titel, typ, info}}}.
  // Searches the query as typed and folded to ASCII; returns all hits, best first,
  // each {ref, doc, score, rank}.
  function search(db, query) {
    var q = String(query).trim();
    if (q === "") {
      return [];
    }
    var scores = Object.create(null);
    var folded = fold(q);
    var queries = [q];
    if (folded !== q.toLowerCase()) {
      queries.push(folded);
    }
    queries.forEach(function (text) {
      db.index.search(text, SEARCH_CONFIG).forEach(function (hit) {
        if (!(hit.ref in scores) || hit.score > scores[hit.ref]) {
          scores[hit.ref] = hit.score;
        }
      });
    });
    // "dalsed", "dals ed" and "upplandsvasby" are the names Dals-Ed and Upplands
    // Väsby, written without their hyphen or space: exact hits, whatever the index says.
    var squashed = squash(q);
    var guess = db.forsta ? guessRank(db, q, folded) : null;
    var hit = function (ref, score) {
      var doc = db.dokument[ref] || null;
      var titel = doc ? doc.titel : db.namn && db.namn[ref];
      if (titel === undefined) {
        var g = guess(ref);
        return { ref: ref, doc: doc, score: score, rank: g.rank, length: g.length };
      }
      var name = fold(titel);
      var r = squash(titel) === squashed ? 0 : rank(name, folded);
      return { ref: ref, doc: doc, score: score, rank: r, length: name.length };
    };
    var hits = [];
    Object.keys(scores).forEach(function (ref) {
      hits.push(hit(ref, scores[ref]));
    });
    named(db).forEach(function (n) {
      if (!(n.ref in scores) && squash(n.doc.titel) === squashed) {
        hits.push(hit(n.ref, 0));
      }
    });
    return hits.sort(compareHits);
  }

  // The near misses to offer: only when no hit matches a name (rank 3 hits match
  // words elsewhere, such as an organisation's members or a page's text).
  function nearMisses(db, query, hits) {
    return wantsSuggestions(query, hits) ? suggest(db, query) : [];
  }

  function wantsSuggestions(query, hits) {
    var namedHit = hits.some(function (h) {
      return h.rank <= 2;
    });
    return !namedHit && squash(query).length >= 3;
  }

  // ---------- showing ----------

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  // partial: a short word expanded only into the nearest terms, so there may be more.
  function statusText(count, query, suggestions, partial) {
    var text;
    if (count === 0) {
      text = "Inga träffar för ”" + query.trim() + "”";
    } else {
      text = (partial ? "minst " : "") + (count === 1 ? "1 träff" : count + " träffar");
      if (count > MAX_RESULTS) {
        text += ", de " + MAX_RESULTS + " bästa visas";
      }
    }
    if (suggestions && suggestions.length > 0) {
      text += ". Menade du " + orList(suggestions.map(function (s) {
        return s.doc.titel;
      })) + "?";
    }
    return text;
  }

  // "A", "A eller B", "A, B eller C".
  function orList(names) {
    if (names.length <= 1) {
      return names.join("");
    }
    return names.slice(0, -1).join(", ") + " eller " + names[names.length - 1];
  }

  function Sok(form) {
    this.form = form;
    this.input = form.querySelector('input[name="q"]');
    this.status = form.querySelector(".sokstatus");
    this.box = form.querySelector(".sokresultat");
    this.page = form.hasAttribute("data-sok-sida");
    this.shown = ""; // query whose results are in the box
    this.timer = null;
    this.db = null;
    if (!this.input || !this.box) {
      return;
    }
    if (!this.status) {
      this.status = el("p", "sokstatus");
      this.status.setAttribute("role", "status");
      this.status.setAttribute("aria-live", "polite");
      this.box.parentNode.insertBefore(this.status, this.box);
    }
    var self = this;
    this.input.addEventListener("input", function () {
      self.update();
    });
    this.input.addEventListener("keydown", function (e) {
      self.onInputKey(e);
    });
    this.box.addEventListener("keydown", function (e) {
      self.onResultKey(e);
    });
    form.addEventListener("submit", function (e) {
      self.onSubmit(e);
    });
    if (this.page) {
      var q = new URLSearchParams(window.location.search).get("q");
      if (q) {
        this.input.value = q;
        this.update(true);
      }
    }
  }

  Sok.prototype.links = function () {
    return this.box.hidden ? [] : Array.prototype.slice.call(this.box.querySelectorAll("a"));
  };

  // Called on every keystroke; announce = say the count at once (page load).
  Sok.prototype.update = function (announce) {
    var self = this;
    var query = this.input.value;
    if (query.trim() === "") {
      this.clear();
      return;
    }
    var hits = this.db ? ready(this.db, query) : null;
    if (hits) {
      this.render(query, announce, hits);
      return;
    }
    // What the status line says is about an earlier query: say nothing until this
    // one's shards are here.
    clearTimeout(this.timer);
    this.status.textContent = "";
    load()
      .then(function (db) {
        self.db = db;
        return prepared(db, query);
      })
      .then(
        function () {
          if (self.input.value === query) {
            self.render(query, announce);
          }
        },
        function () {
          if (self.input.value === query) {
            self.box.hidden = true;
            self.setStatus("Sökningen kunde inte laddas. Tryck på Sök för att försöka igen.");
          }
        }
      );
  };

  Sok.prototype.clear = function () {
    clearTimeout(this.timer);
    this.shown = "";
    this.box.hidden = true;
    this.box.textContent = "";
    this.status.textContent = "";
    if (this.page) {
      this.remember("");
    }
  };

  // `known`: the query's hits, when the caller has just searched for them.
  Sok.prototype.render = function (query, announce, known) {
    var db = this.db;
    var hits = known || search(db, query);
    var suggestions = nearMisses(db, query, hits);
    var list = el("ol");
    list.setAttribute("aria-label", "Sökresultat");
    // Only hits whose details are here can be shown (all of the best, once prepared).
    var shown = hits.filter(function (hit) {
      return hit.doc;
    });
    shown.slice(0, MAX_RESULTS).forEach(function (hit) {
      var a = el("a");
      a.href = base + (hit.doc.adress || hit.ref).replace(/^\//, "");
      a.appendChild(el("span", "titel", hit.doc.titel));
      // Read as "Borlänge — Kommun · Har personligt ombud: …"; the dash is for
      // screen readers and copying, the layout puts the details on a line of their own.
      a.appendChild(el("span", "osynlig-rubrik", " — "));
      var typ = hit.doc.typ + (hit.doc.info ? " · " + hit.doc.info : "");
      a.appendChild(el("span", "typ", typ));
      var li = el("li");
      li.appendChild(a);
      list.appendChild(li);
    });
    this.box.textContent = "";
    if (suggestions.length > 0) {
      // Links, so that Tab and the arrow keys reach them like the results.
      var p = el("p", "forslag", "Menade du ");
      suggestions.forEach(function (s, i) {
        if (i > 0) {
          p.appendChild(document.createTextNode(i === suggestions.length - 1 ? " eller " : ", "));
        }
        var a = el("a", null, s.doc.titel);
        var stored = db.dokument[s.ref];
        a.href = base + ((stored && stored.adress) || s.ref).replace(/^\//, "");
        p.appendChild(a);
      });
      p.appendChild(document.createTextNode("?"));
      this.box.appendChild(p);
    }
    if (shown.length > 0) {
      this.box.appendChild(list);
    }
    this.box.hidden = shown.length === 0 && suggestions.length === 0;
    this.shown = query;
    if (this.page) {
      this.remember(query);
    }
    var text = statusText(hits.length, query, suggestions, termChunks(db, query).partial);
    var self = this;
    clearTimeout(this.timer);
    if (announce) {
      this.setStatus(text);
    } else {
      // Announce when typing pauses, not on every keystroke.
      this.timer = setTimeout(function () {
        self.setStatus(text);
      }, STATUS_DELAY_MS);
    }
  };

  Sok.prototype.setStatus = function (text) {
    clearTimeout(this.timer);
    this.status.textContent = text;
  };

  // On /sok/, keep ?q= in the address so that reloading and going back work.
  Sok.prototype.remember = function (query) {
    if (!window.history || !window.history.replaceState) {
      return;
    }
    var url = new URL(window.location.href);
    if (query.trim() === "") {
      url.searchParams.delete("q");
    } else {
      url.searchParams.set("q", query);
    }
    if (url.href !== window.location.href) {
      window.history.replaceState(null, "", url.href);
    }
  };

  Sok.prototype.hide = function () {
    clearTimeout(this.timer);
    this.box.hidden = true;
    this.input.focus();
  };

  Sok.prototype.onInputKey = function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) {
      return;
    }
    var links;
    if (e.key === "ArrowDown") {
      if (this.box.hidden && this.shown !== "" && this.shown === this.input.value && this.box.firstChild) {
        this.box.hidden = false; // bring back results hidden with Escape
      }
      links = this.links();
      if (links.length > 0) {
        e.preventDefault();
        links[0].focus();
      }
    } else if (e.key === "Escape") {
      if (!this.box.hidden) {
        e.preventDefault(); // hide the results, keep the text
        this.hide();
      }
    } else if (e.key === "Enter") {
      var hits =
        this.db && this.input.value.trim() !== "" && this.shown !== this.input.value
          ? ready(this.db, this.input.value)
          : null;
      if (hits) {
        this.render(this.input.value, true, hits);
      }
      links = this.shown === this.input.value ? this.links() : [];
      if (links.length > 0) {
        e.preventDefault();
        window.location.href = links[0].href;
      }
    }
  };

  Sok.prototype.onResultKey = function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    var links = this.links();
    var i = links.indexOf(document.activeElement);
    if (i < 0) {
      return;
    }
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (i + 1 < links.length) {
        links[i + 1].focus();
      }
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (i === 0) {
        this.input.focus();
      } else {
        links[i - 1].focus();
      }
    } else if (e.key === "Escape") {
      e.preventDefault();
      this.hide();
    }
  };

  // The "Sök" button: on /sok/ itself, search in place once the index is here;
  // elsewhere (or before loading) the form goes to /sok/?q=… as usual.
  Sok.prototype.onSubmit = function (e) {
    if (this.page && this.db) {
      e.preventDefault();
      if (this.input.value.trim() === "") {
        this.clear();
        return;
      }
      var hits = ready(this.db, this.input.value);
      if (hits) {
        this.render(this.input.value, true, hits);
      } else {
        this.update(true);
      }
    }
  };

  function start() {
    if (!document || !window.fetch || !window.Promise || !("hidden" in document.documentElement)) {
      return; // a very old browser: the forms submit to /sok/ as without script
    }
    var me = document.currentScript;
    if (me && me.dataset) {
      base = me.dataset.rot || base;
      files.lunr = me.dataset.elasticlunr || files.lunr;
      files.sv = me.dataset.sokSv || files.sv;
      files.index = me.dataset.index || files.index;
    }
    var init = function () {
      var forms = document.querySelectorAll("form[data-sok]");
      for (var i = 0; i < forms.length; i++) {
        new Sok(forms[i]);
      }
    };
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }

  return {
    MAX_RESULTS: MAX_RESULTS,
    SEARCH_CONFIG: SEARCH_CONFIG,
    fold: fold,
    distance: distance,
    search: search,
    suggest: suggest,
    emptyDb: emptyDb,
    mergeChunk: mergeChunk,
    termChunks: termChunks,
    titleKeys: titleKeys,
    nearMisses: nearMisses,
    statusText: statusText,
    start: start
  };
});
