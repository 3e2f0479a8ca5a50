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
 *   the folded names, spaces and hyphens ignored), from the titles the index
 *   already holds: no extra download. A name equal but for spaces and hyphens
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
  // /sokindex.json is a manifest: the index header, the number of documents, and the
  // address of each shard (the postings of the terms that begin with the same two
  // characters, with the field lengths and result details of their documents) and of
  // each title list (the named documents whose squashed name has n characters). A query
  // fetches only the shards of its terms and one to five title lists; everything fetched
  // is merged into one elasticlunr index, so scores are those of the whole index.

  var loading = null; // Promise of the db: {index, dokument, titlar, manifest, got}

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

  // An empty index with the manifest's header; shards are merged into it.
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
      dokument: {},
      titlar: {}, // n → [{ref, doc}]
      manifest: manifest,
      got: {} // the addresses fetched (or being fetched): url → Promise
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

  // Trie nodes: {docs: {ref: {tf}}, df, "a": node, …}. Shards hold different terms, so
  // a node's docs come from one shard; the nodes above them are shared and empty.
  function mergeNode(into, from) {
    Object.keys(from).forEach(function (k) {
      if (k === "docs") {
        Object.keys(from.docs).forEach(function (ref) {
          into.docs[ref] = from.docs[ref];
        });
      } else if (k === "df") {
        into.df += from.df;
      } else if (into[k]) {
        mergeNode(into[k], from[k]);
      } else {
        into[k] = from[k];
      }
    });
  }

  function mergeShard(db, shard) {
    Object.keys(shard.index).forEach(function (field) {
      mergeNode(db.index.index[field].root, shard.index[field]);
    });
    var store = db.index.documentStore;
    Object.keys(shard.docInfo).forEach(function (ref) {
      store.docs[ref] = null;
      store.docInfo[ref] = shard.docInfo[ref];
    });
    Object.keys(shard.dokument).forEach(function (ref) {
      db.dokument[ref] = shard.dokument[ref];
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

  // The shard addresses a query needs: a term of two or more characters lies in the
  // shard of its first two (and so do all terms it expands to); a one-character term
  // expands into every shard that begins with it.
  function shardUrls(db, query) {
    var delar = db.manifest.delar;
    var n = db.manifest.prefix || 2;
    var urls = [];
    var add = function (url) {
      if (urls.indexOf(url) < 0) {
        urls.push(url);
      }
    };
    terms(db, query).forEach(function (t) {
      var chars = Array.from(t);
      if (chars.length >= n) {
        var key = chars.slice(0, n).join("");
        if (delar[key]) {
          add(delar[key]);
        }
      } else {
        Object.keys(delar).forEach(function (key) {
          if (key.lastIndexOf(t, 0) === 0) {
            add(delar[key]);
          }
        });
      }
    });
    return urls;
  }

  // The title lists for names within `spread` characters of the query's squashed length.
  function titleUrls(db, query, spread) {
    var n = Array.from(squash(query)).length;
    var urls = [];
    for (var len = Math.max(0, n - spread); len <= n + spread; len++) {
      if (db.manifest.titlar[len]) {
        urls.push({ n: len, url: db.manifest.titlar[len] });
      }
    }
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

  function fetchShard(db, url) {
    return fetchOnce(db, url, function (shard) {
      mergeShard(db, shard);
    });
  }

  function fetchTitles(db, t) {
    return fetchOnce(db, t.url, function (list) {
      db.titlar[t.n] = list.map(function (e) {
        return { ref: e[0], doc: { titel: e[1], typ: e[2], info: e[3] } };
      });
    });
  }

  // Everything the query needs, or, with `near`, what "Menade du …?" needs as well.
  function wanted(db, query, near) {
    var spread = near ? 2 : 0;
    return {
      shards: shardUrls(db, query),
      titles: titleUrls(db, query, spread)
    };
  }

  // Fetches what a query needs that is not here yet.
  function prepare(db, query, near) {
    var w = wanted(db, query, near);
    return Promise.all(
      w.shards
        .map(function (url) {
          return fetchShard(db, url);
        })
        .concat(
          w.titles.map(function (t) {
            return fetchTitles(db, t);
          })
        )
    );
  }

  // Whether everything a query needs is already merged (so it can be shown at once).
  function ready(db, query) {
    var w = wanted(db, query, true);
    var here = function (url) {
      return Boolean(db.got[url] && db.got[url].done);
    };
    return (
      w.shards.every(here) &&
      w.titles.every(function (t) {
        return here(t.url);
      })
    );
  }

  // Fetches what the query needs to be searched, then, if it matches no name, the
  // title lists that "Menade du …?" looks in.
  function prepared(db, query) {
    return prepare(db, query, false).then(function () {
      return wantsSuggestions(query, search(db, query)) ? prepare(db, query, true) : null;
    });
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

  function compareHits(a, b) {
    if (a.rank !== b.rank) {
      return a.rank - b.rank;
    }
    if (a.rank === 1 && a.name.length !== b.name.length) {
      return a.name.length - b.name.length; // the closest prefix match first
    }
    if (Math.abs(a.score - b.score) > 1e-9 * Math.max(a.score, b.score)) {
      return b.score - a.score;
    }
    var ta = a.doc.typ in TYPE_ORDER ? TYPE_ORDER[a.doc.typ] : 9;
    var tb = b.doc.typ in TYPE_ORDER ? TYPE_ORDER[b.doc.typ] : 9;
    if (ta !== tb) {
      return ta - tb;
    }
    return a.doc.titel.localeCompare(b.doc.titel, "sv") || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
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
      var ta = TYPE_ORDER[a.doc.typ];
      var tb = TYPE_ORDER[b.doc.typ];
      return a.distance - b.distance || ta - tb || a.doc.titel.localeCompare(b.doc.titel, "sv");
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
    var hits = [];
    Object.keys(scores).forEach(function (ref) {
      var doc = db.dokument[ref];
      if (doc) {
        var name = fold(doc.titel);
        var r = squash(doc.titel) === squashed ? 0 : rank(name, folded);
        hits.push({ ref: ref, doc: doc, score: scores[ref], rank: r, name: name });
      }
    });
    named(db).forEach(function (n) {
      if (!(n.ref in scores) && squash(n.doc.titel) === squashed) {
        hits.push({ ref: n.ref, doc: n.doc, score: 0, rank: 0, name: fold(n.doc.titel) });
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

  function statusText(count, query, suggestions) {
    var text;
    if (count === 0) {
      text = "Inga träffar för ”" + query.trim() + "”";
    } else {
      text = count === 1 ? "1 träff" : count + " träffar";
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
    if (this.db && ready(this.db, query)) {
      this.render(query, announce);
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

  Sok.prototype.render = function (query, announce) {
    var hits = search(this.db, query);
    var suggestions = nearMisses(this.db, query, hits);
    var list = el("ol");
    list.setAttribute("aria-label", "Sökresultat");
    hits.slice(0, MAX_RESULTS).forEach(function (hit) {
      var a = el("a");
      a.href = base + hit.ref.replace(/^\//, "");
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
        a.href = base + s.ref.replace(/^\//, "");
        p.appendChild(a);
      });
      p.appendChild(document.createTextNode("?"));
      this.box.appendChild(p);
    }
    if (hits.length > 0) {
      this.box.appendChild(list);
    }
    this.box.hidden = hits.length === 0 && suggestions.length === 0;
    this.shown = query;
    if (this.page) {
      this.remember(query);
    }
    var text = statusText(hits.length, query, suggestions);
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
      if (
        this.db &&
        this.input.value.trim() !== "" &&
        this.shown !== this.input.value &&
        ready(this.db, this.input.value)
      ) {
        this.render(this.input.value, true);
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
      } else if (ready(this.db, this.input.value)) {
        this.render(this.input.value, true);
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
    mergeShard: mergeShard,
    shardUrls: shardUrls,
    titleUrls: titleUrls,
    nearMisses: nearMisses,
    statusText: statusText,
    start: start
  };
});
