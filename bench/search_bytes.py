#!/usr/bin/env python3
"""What a search query downloads from a built site's sharded index, gzipped (-9).

    python3 bench/search_bytes.py PUBLIC_DIR [--json]

A one-word query fetches the manifest (sokindex.<hash>.json), the shard of its term's
first two characters (a one-letter term: every shard that begins with the letter), the
title list of its squashed length and, when it matches no name, the four lists beside
it (for "Menade du …?"). Reports the worst case of each part and of a whole query.
"""
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def main() -> None:
    out = Path(sys.argv[1])
    manifest_path = next((out / "resurser").glob("sokindex.*.json"))
    manifest = json.loads(manifest_path.read_text())
    at = lambda url: out / url.lstrip("/")  # noqa: E731
    shards = {key: gz(at(url)) for key, url in manifest["delar"].items()}
    titles = {int(n): gz(at(url)) for n, url in manifest["titlar"].items()}
    letters = defaultdict(int)
    for key, size in shards.items():
        letters[key[0]] += size
    five = max(sum(titles.get(m, 0) for m in range(n - 2, n + 3)) for n in titles)
    one = max(titles.values())
    m = gz(manifest_path)
    r = {
        "documents": manifest["antal"],
        "manifest": m,
        "shards": len(shards),
        "largest_shard": max(shards.values()),
        "all_shards": sum(shards.values()),
        "largest_letter": max(letters.values()),
        "largest_letter_is": max(letters, key=letters.get),
        "title_lists": len(titles),
        "all_title_lists": sum(titles.values()),
        "largest_title_list": one,
        "largest_five_title_lists": five,
        # two or more letters, a name among the hits: manifest, one shard, one title list
        "worst_query_2plus_letters_hit": m + max(shards.values()) + one,
        # any one-word query, worst case: one letter and "Menade du …?" both counted
        "worst_query_any": m + max(max(shards.values()), max(letters.values())) + five,
    }
    if "--json" in sys.argv:
        print(json.dumps(r, indent=2))
    else:
        for k, v in r.items():
            print(f"{k:32} {v}")


if __name__ == "__main__":
    main()
