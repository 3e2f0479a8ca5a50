#!/usr/bin/env python3
"""Page weights of a Katalog build and a scan for requests to other hosts.

    python3 bench/pageweights.py KATALOG_OUTPUT [REPORT.md]

Prints JSON; with REPORT.md also writes the tables as Markdown. Python 3 stdlib only.

Weights: for each page type the HTML (inline SVG included; its share is shown), plus the
stylesheet and scripts under resurser/ (hashed names), raw and gzip-compressed
(level 6, what web servers typically use). Target (e): a kommun page's HTML + CSS,
before compression, at most 40 KB (40 000 bytes; 40 960 is also shown).

Requests: every HTML file is parsed; attributes that make a browser load something
(src, srcset, poster, data, <link rel=stylesheet|icon|preload|…> href, SVG <use>/<image>
href, url() and @import in style attributes and <style>) are checked for absolute
http(s) or protocol-relative URLs. <a href> to other sites, <link rel=canonical> and
form actions are listed separately: they load nothing by themselves. The CSS is
scanned for url()/@import, the scripts for absolute URLs.
"""

import gzip
import json
import re
import statistics
import sys
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

LIMIT = 40_000
LOADING_RELS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "modulepreload", "manifest",
                "preconnect", "dns-prefetch", "apple-touch-icon", "prerender", "mask-icon"}
SRC_ATTRS = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "codebase", "archive"}
URL_IN_CSS = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)


def gz(b):
    return len(gzip.compress(b, compresslevel=6, mtime=0))


def is_external(url):
    u = url.strip()
    return u.startswith("//") or u.lower().startswith(("http://", "https://"))


class Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.loads, self.anchors, self.canonical, self.forms, self.data_attrs = [], [], [], [], []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        for k, v in a.items():
            if k in SRC_ATTRS:
                for part in v.split(","):
                    url = part.strip().split(" ")[0]
                    if url and is_external(url):
                        self.loads.append((tag, k, url))
            if k == "style":
                self.loads += [(tag, "style", u) for u in URL_IN_CSS.findall(v)]
            if k.startswith("data-") and is_external(v):
                self.data_attrs.append((tag, k, v))
        href = a.get("href") or a.get("xlink:href") or ""
        if href and is_external(href):
            rels = set(a.get("rel", "").lower().split())
            if tag == "a":
                self.anchors.append(href)
            elif tag == "link" and rels & LOADING_RELS:
                self.loads.append((tag, "href", href))
            elif tag == "link":
                self.canonical.append(href)
            else:  # SVG <use>, <image>, <feImage> … load what they point at
                self.loads.append((tag, "href", href))
        if tag == "form" and is_external(a.get("action", "")):
            self.forms.append(a["action"])
        if tag == "style":
            self.in_style = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.loads += [("style", "css", u) for u in URL_IN_CSS.findall(data)]


def svg_bytes(text):
    total, i = 0, 0
    while True:
        s = text.find("<svg", i)
        if s < 0:
            return total
        e = text.find("</svg>", s)
        if e < 0:
            return total
        total += len(text[s: e + 6].encode())
        i = e + 6


def main():
    out = Path(sys.argv[1])
    report = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    res = out / "resurser"
    assets = {}
    for p in sorted(res.iterdir()):
        if p.is_dir():
            # the search index's folder (sok-<hash>/): many small files, fetched a few per
            # query; bench/search_bytes.py measures what a query downloads
            files = [f.read_bytes() for f in sorted(p.iterdir())]
            assets[p.name + "/ (" + str(len(files)) + " files)"] = {
                "bytes": sum(len(b) for b in files), "gzip": sum(gz(b) for b in files)}
            continue
        b = p.read_bytes()
        assets[p.name] = {"bytes": len(b), "gzip": gz(b)}
    css_name = next(n for n in assets if n.startswith("style.") and n.endswith(".css"))
    css = assets[css_name]
    sok_js = next(n for n in assets if n.startswith("sok.") and n.endswith(".js"))

    def weigh(rel):
        b = (out / rel).read_bytes()
        t = b.decode("utf-8")
        return {"page": rel, "html": len(b), "html_gzip": gz(b), "inline_svg": svg_bytes(t),
                "html_plus_css": len(b) + css["bytes"], "html_plus_css_gzip": gz(b) + css["gzip"]}

    kommun_pages = sorted(out.glob("kommun/*/index.html"))
    with_po, without_po, flertydig = [], [], []
    for p in kommun_pages:
        t = p.read_text(encoding="utf-8")
        m = re.search(r'class="svar svar-([a-z-]+)"', t)
        rel = p.relative_to(out).as_posix()
        if not m:
            flertydig.append(rel)
        elif m.group(1) in ("egen-regi", "samverkan", "kommunalforbund", "entreprenad"):
            with_po.append(rel)
        else:
            without_po.append(rel)

    def typical(rels):
        ws = sorted((weigh(r) for r in rels), key=lambda w: w["html"])
        return ws[len(ws) // 2], ws[-1], ws

    rows = []
    named = [
        ("start", "index.html"),
        ("kommun with PO (Borlänge)", "kommun/borlange/index.html"),
        ("kommun without PO (Österåker)", "kommun/osteraker/index.html"),
        ("organisation (Södra Dalarna, with statistics)", "po/sodra-dalarna/index.html"),
        ("län (Dalarnas län)", "lan/dalarnas-lan/index.html"),
        ("saknar-po", "saknar-po/index.html"),
        ("karta", "karta/index.html"),
        ("driftsformer", "driftsformer/index.html"),
        ("dmo", "dmo/index.html"),
        ("data", "data/index.html"),
        ("content page (om/personligt-ombud)", "om/personligt-ombud/index.html"),
        ("404", "404.html"),
    ]
    for label, rel in named:
        if (out / rel).exists():
            rows.append(dict(weigh(rel), type=label))
    groups = {}
    for label, rels in [("kommun with PO", with_po), ("kommun without PO", without_po),
                        ("organisation", [p.relative_to(out).as_posix() for p in out.glob("po/*/index.html")]),
                        ("län", [p.relative_to(out).as_posix() for p in out.glob("lan/*/index.html")])]:
        if not rels:
            continue
        med, big, ws = typical(rels)
        rows.append(dict(med, type=f"{label}: median of {len(rels)}"))
        rows.append(dict(big, type=f"{label}: largest"))
        groups[label] = ws

    kommun_all = groups.get("kommun with PO", []) + groups.get("kommun without PO", [])
    target_e = {
        "limit_bytes": LIMIT,
        "css_bytes": css["bytes"],
        "kommun_pages": len(kommun_all),
        "html_plus_css_median": statistics.median(w["html_plus_css"] for w in kommun_all),
        "html_plus_css_max": max(w["html_plus_css"] for w in kommun_all),
        "largest_page": max(kommun_all, key=lambda w: w["html"])["page"],
        "pages_over_limit": sum(1 for w in kommun_all if w["html_plus_css"] > LIMIT),
        "pages_over_40960": sum(1 for w in kommun_all if w["html_plus_css"] > 40960),
        "with_sok_js_max": max(w["html_plus_css"] for w in kommun_all) + assets[sok_js]["bytes"],
        "inline_svg_median": statistics.median(w["inline_svg"] for w in kommun_all),
    }
    target_e["met"] = target_e["pages_over_limit"] == 0

    # Requests to other hosts.
    loads, anchors, canonical, forms, data_attrs = [], Counter(), Counter(), Counter(), []
    html_files = sorted(out.rglob("*.html"))
    for p in html_files:
        s = Scan()
        s.feed(p.read_text(encoding="utf-8"))
        rel = p.relative_to(out).as_posix()
        loads += [(rel,) + x for x in s.loads]
        data_attrs += [(rel,) + x for x in s.data_attrs]
        for a in s.anchors:
            anchors[urlparse(a).netloc or a] += 1
        for c in s.canonical:
            canonical[urlparse(c).netloc] += 1
        for f in s.forms:
            forms[f] += 1
    css_refs = URL_IN_CSS.findall((res / css_name).read_text(encoding="utf-8"))
    js_urls = defaultdict(list)
    for name in assets:
        if name.endswith(".js"):
            for u in re.findall(r"(?:https?:)?//[A-Za-z0-9.-]+\.[a-z]{2,}[^\s\"'`)]*", (res / name).read_text("utf-8")):
                js_urls[name].append(u)
    requests = {
        "html_files_scanned": len(html_files),
        "external_resource_loads": loads,
        "external_data_attributes": data_attrs,
        "css_external_refs": css_refs,
        "js_absolute_url_strings": dict(js_urls),
        "anchor_links_to_other_hosts": dict(anchors.most_common()),
        "anchor_links_total": sum(anchors.values()),
        "canonical_hosts": dict(canonical),
        "external_form_actions": dict(forms),
        "zero_external_requests": not loads and not css_refs and not data_attrs,
    }
    result = {"assets": assets, "pages": rows, "target_e": target_e, "requests": requests}
    print(json.dumps(result, ensure_ascii=False, indent=1))

    if report:
        kb = lambda n: f"{n / 1000:.1f}"  # noqa: E731
        L = ["# Page weights of the national site", "",
             "KB = 1 000 bytes. gzip at level 6. HTML includes inline SVG (maps, charts).", "",
             "| page | file | HTML KB | of which inline SVG KB | HTML gzip KB | HTML + CSS KB | HTML + CSS gzip KB |",
             "|---|---|---|---|---|---|---|"]
        for r in rows:
            L.append(f"| {r['type']} | `{r['page']}` | {kb(r['html'])} | {kb(r['inline_svg'])} | "
                     f"{kb(r['html_gzip'])} | {kb(r['html_plus_css'])} | {kb(r['html_plus_css_gzip'])} |")
        L += ["", "| asset (resurser/) | KB | gzip KB | loaded |", "|---|---|---|---|"]
        when = {"LICENSE": "never (licence text)", "style": "every page", "sok.": "every page (deferred)", "elasticlunr": "when the visitor types",
                "sok-sv": "when the visitor types", "sokindex": "when the visitor types (fetch)",
                "sok-": "a few files per query (fetch)"}
        for n, a in assets.items():
            w = next((v for k, v in when.items() if n.startswith(k) or k in n), "")
            L.append(f"| `{n}` | {kb(a['bytes'])} | {kb(a['gzip'])} | {w} |")
        te = target_e
        L += ["", f"Target (e), kommun page HTML + CSS (inline SVG included) ≤ 40 KB before compression: "
              f"median {kb(te['html_plus_css_median'])} KB, largest {kb(te['html_plus_css_max'])} KB "
              f"(`{te['largest_page']}`), {te['pages_over_limit']} of {te['kommun_pages']} kommun pages over "
              f"40 000 bytes → {'met' if te['met'] else 'NOT met'}. With the deferred sok.js the largest is "
              f"{kb(te['with_sok_js_max'])} KB.", "",
             f"Requests to other hosts: scanned {requests['html_files_scanned']} HTML files, the CSS and the "
             f"scripts. External resource loads: {len(loads)}; url()/@import in CSS: {len(css_refs)}; "
             f"absolute URLs in data- attributes: {len(data_attrs)} → "
             f"{'zero requests to other hosts' if requests['zero_external_requests'] else 'SOME external loads'}.",
             "", "Links to other sites (`<a href>`, load nothing by themselves), by host:", "",
             "| host | links |", "|---|---|"]
        for h, n in anchors.most_common():
            L.append(f"| {h} | {n} |")
        L += ["", f"`<link rel=canonical>` hosts (not fetched): {dict(canonical)}. "
              f"External form actions: {dict(forms) or 'none'}. Absolute URL strings inside scripts "
              f"(comments/licence notes, not requests): {dict(js_urls) or 'none'}."]
        report.write_text("\n".join(L) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
