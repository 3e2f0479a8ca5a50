#!/usr/bin/env python3
"""An equivalent Hugo site for a Katalog build (Python 3 standard library only).

    python3 bench/hugo_corpus.py KATALOG_OUTPUT HUGO_SITE

For every HTML page Katalog wrote, one Markdown page with the same address and the same
text: the page's <main> converted to Markdown (headings, paragraphs, lists, definition
lists, tables, links, emphasis). Inline SVG (maps, charts), scripts and the search form
are left out, and so are the header and footer: the Hugo site uses a minimal layout
(title, the same stylesheet, the content), as the benchmark asks. Katalog's non-HTML
files (exports, search index, sitemap, scripts) have no counterpart apart from the
stylesheet and Hugo's own sitemap.xml and robots.txt.
"""

import html
import json
import sys
from html.parser import HTMLParser
from pathlib import Path

CONFIG = """baseURL = "https://bench.example.se/"
languageCode = "sv"
title = "Personligt ombud – Hugo-jämförelse"
disableKinds = ["taxonomy", "term", "RSS", "section", "404"]
enableRobotsTXT = true
[markup.goldmark.renderer]
unsafe = false
"""

LAYOUT = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<main>
{{ .Content }}
</main>
</body>
</html>
"""

SKIP = {"svg", "script", "style", "form", "template"}
# Inline elements and the Markdown mark written both before and after their text.
INLINE_MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "caption", "figcaption", "tr", "blockquote"}


def esc(text):
    out = []
    for c in text:
        if c in "\\`*_[]<>|#":
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


class MainToMarkdown(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = []
        self.cur = []
        self.skip = 0
        self.skip_tag = None
        self.links = []
        self.row = None
        self.cell = None
        self.header_done = False
        self.in_thead = False
        self.list_depth = 0

    def flush(self, prefix=""):
        text = " ".join("".join(self.cur).split())
        self.cur = []
        if text:
            self.lines.append(prefix + text)

    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag == self.skip_tag:
                self.skip += 1
            return
        if tag in SKIP:
            self.skip_tag, self.skip = tag, 1
            return
        a = dict(attrs)
        if tag in BLOCKS and self.cell is None:
            self.flush()
            self.block = tag
        if tag in ("ul", "ol"):
            self.flush()
            self.list_depth += 1
        elif tag == "thead":
            self.in_thead = True
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "a":
            self.links.append(a.get("href"))
            self.emit("[")
        elif tag in INLINE_MARKS:
            self.emit(INLINE_MARKS[tag])
        elif tag == "br":
            self.emit(" ")

    def handle_endtag(self, tag):
        if self.skip:
            if tag == self.skip_tag:
                self.skip -= 1
            return
        if tag == "a":
            href = self.links.pop() if self.links else None
            self.emit(f"]({href})" if href else "]")
        elif tag in INLINE_MARKS:
            self.emit(INLINE_MARKS[tag])
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if not self.header_done:
                self.lines.append("")
            self.lines.append("| " + " | ".join(self.row) + " |")
            if not self.header_done:
                self.lines.append("|" + "---|" * len(self.row))
                self.header_done = True
            self.row = None
        elif tag == "table":
            self.lines.append("")
            self.header_done = False
        elif tag == "thead":
            self.in_thead = False
        elif tag in ("ul", "ol"):
            self.flush("- ")
            self.list_depth -= 1
            self.lines.append("")
        elif tag in BLOCKS:
            level = {"h1": "# ", "h2": "## ", "h3": "### ", "h4": "#### ", "h5": "##### ", "h6": "###### "}
            if tag in level:
                self.lines.append("")
                self.flush(level[tag])
                self.lines.append("")
            elif tag == "li":
                self.flush("- ")
            elif tag == "dt":
                self.flush("")
                if self.lines:
                    self.lines[-1] = "**" + self.lines[-1] + "**  "
            else:
                self.flush()
                self.lines.append("")

    def emit(self, s):
        if self.cell is not None:
            self.cell.append(s)
        else:
            self.cur.append(s)

    def handle_startendtag(self, tag, attrs):
        if not self.skip and tag == "br":
            self.emit(" ")

    def handle_data(self, data):
        if self.skip:
            return
        self.emit(esc(data))

    def markdown(self):
        self.flush()
        out, blank = [], True
        for line in self.lines:
            if line == "":
                if not blank:
                    out.append("")
                blank = True
            else:
                out.append(line)
                blank = False
        return "\n".join(out).strip() + "\n"


def title_of(page):
    start = page.find("<title>")
    end = page.find("</title>", start)
    if start < 0 or end < 0:
        return ""
    t = html.unescape(page[start + 7: end])
    mark = page.find('class="webbplatsnamn"')
    if mark >= 0:
        a = page.find(">", mark) + 1
        site = html.unescape(page[a: page.find("</a>", a)])
        if t.endswith(" – " + site):
            return t[: -len(" – " + site)]
    return t


def main_of(page):
    start = page.find("<main")
    end = page.rfind("</main>")
    if start < 0 or end < 0:
        return page
    return page[page.find(">", start) + 1: end]


def convert(src: Path, dst: Path):
    if dst.exists():
        sys.exit(f"{dst} exists")
    (dst / "content/p").mkdir(parents=True)
    (dst / "layouts/_default").mkdir(parents=True)
    (dst / "static").mkdir(parents=True)
    (dst / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    (dst / "layouts/_default/single.html").write_text(LAYOUT, encoding="utf-8")
    (dst / "layouts/index.html").write_text(LAYOUT, encoding="utf-8")
    css = sorted((src / "resurser").glob("style.*.css"))
    if css:
        (dst / "static/style.css").write_bytes(css[0].read_bytes())
    pages = sorted(p for p in src.rglob("*.html") if "resurser" not in p.parts)
    md_bytes = 0
    for i, p in enumerate(pages):
        rel = p.relative_to(src).as_posix()
        text = p.read_text(encoding="utf-8")
        conv = MainToMarkdown()
        conv.feed(main_of(text))
        conv.close()
        body = conv.markdown()
        title = title_of(text)
        if rel == "index.html":
            target = dst / "content/_index.md"
            front = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n"
        else:
            url = "/" + (rel[: -len("index.html")] if rel.endswith("/index.html") else rel)
            target = dst / f"content/p/{i:06d}.md"
            front = (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
                     f"url: {json.dumps(url)}\n---\n\n")
        data = front + body
        md_bytes += len(data.encode())
        target.write_text(data, encoding="utf-8")
    return {"pages": len(pages), "markdown_bytes": md_bytes}


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(json.dumps(convert(Path(sys.argv[1]), Path(sys.argv[2]))))
