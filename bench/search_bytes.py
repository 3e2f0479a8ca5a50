#!/usr/bin/env python3
"""What a search query downloads from a built site's search index, gzipped (-9).

    python3 bench/search_bytes.py PUBLIC_DIR [--json]

The browser fetches the manifest (resurser/sokindex.<hash>.json), then for each word of
the query the chunk of terms the word falls in and at most per_ord - 1 following chunks
its prefix expands into, the title list of the query's first letter and squashed length
(and, when no name matches, the four lists beside it for "Menade du …?"), and the result
details of the best `kandidater` hits and of three names offered (at most that many store
files). This script computes that
for every one-word query that can matter: every term of the index and every prefix of
one, two or three characters of one, and reports the worst case of each part. The store
part is counted as the largest such number of store files: an upper bound.
"""
import bisect
import gzip
import json
import sys
from pathlib import Path



def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def main() -> None:
    out = Path(sys.argv[1])
    manifest_path = next((out / "resurser").glob("sokindex.*.json"))
    manifest = json.loads(manifest_path.read_text())
    folder = out / manifest["mapp"].strip("/")
    firsts = manifest["termer"]
    per_word = manifest["per_ord"]
    chunks = [gz(folder / f"t{i}.json") for i in range(len(firsts))]
    terms = []
    for i in range(len(firsts)):
        terms.extend(json.loads((folder / f"t{i}.json").read_text()).keys())
    stores = sorted((gz(p) for p in folder.glob("d*.json")), reverse=True)
    titles = {k: gz(folder / f"n-{k}.json") for k in manifest["titlar"]}

    def chunks_for(word):
        i = max(bisect.bisect_right(firsts, word) - 1, 0)
        got = [i]
        while len(got) < per_word and got[-1] + 1 < len(firsts) and firsts[got[-1] + 1].startswith(word):
            got.append(got[-1] + 1)
        return sum(chunks[j] for j in got)

    queries = set(terms)
    for t in terms:
        for n in (1, 2, 3):
            queries.add(t[:n])
    worst_terms, worst_word = max(((chunks_for(q), q) for q in queries))
    by_letter = {}
    for k, size in titles.items():
        letter, n = k.rsplit("-", 1)
        by_letter.setdefault(letter, {})[int(n)] = size
    raw = manifest["titlar"]
    budget = manifest["titelbudget"]

    def near(letter, n):
        # as sok.js titleKeys: the list of the query's length, then the nearest within budget
        got, used = 0, 0
        for d in (0, -1, 1, -2, 2):
            key = f"{letter}-{n + d}"
            if key in raw and (d == 0 or used + raw[key] <= budget):
                got += titles[key]
                used += raw[key]
        return got

    five = max(near(letter, n) for letter, lens in by_letter.items() for n in lens)
    store = sum(stores[: manifest["kandidater"] + 3])
    m = gz(manifest_path)
    r = {
        "documents": manifest["antal"],
        "manifest": m,
        "term_chunks": len(chunks),
        "largest_term_chunk": max(chunks),
        "all_term_chunks": sum(chunks),
        "worst_word": worst_word,
        "worst_word_chunks": worst_terms,
        "store_files": len(stores),
        "store_largest_needed": store,
        "title_lists": len(titles),
        "largest_five_title_lists": five,
        # any one-word query, worst case, with "Menade du …?" and its store files
        "worst_query_any": m + worst_terms + five + store,
    }
    if "--json" in sys.argv:
        print(json.dumps(r, indent=2, ensure_ascii=False))
    else:
        for k, v in r.items():
            print(f"{k:28} {v}")


if __name__ == "__main__":
    main()
