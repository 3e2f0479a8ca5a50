#!/usr/bin/env python3
"""Synthetic Katalog sites with the real data shapes (Python 3 standard library only).

    python3 bench/gen_site.py --n 3000 --out bench/work/sites/n3000

writes OUT/data/ (register, län, kommuner, po, utforare, kallor, konflikter, nyckeltal,
site), OUT/content/ (Markdown with front matter), OUT/themes/ (a copy of the repo's
theme) and OUT/MANIFEST.json (what the site contains and which pages Katalog should
write for it). The output is deterministic for a given --n and --seed.

What a site of N records contains (BENCHMARKS.md has the table):

* N <= 9000: N kommun files (one page each). N = 290 uses the real SCB register (codes,
  names, 21 län), so that the real data/geo boundaries fit (--geo copies them). Other N
  use a synthetic register: ceil(N/14) län (at least 21, at most 90: codes 10..99), each
  with up to 100 kommuner (codes LL00..LL99), synthetic Swedish-like names.
* N > 9000: kommun codes are four digits and the first two are the län, so the register
  cannot hold N kommuner. The site has 9000 kommuner (90 län x 100) and the other N-9000
  records become organisation files ("extra" PO units), one member kommun each, spread
  round-robin over the kommuner. A kommun in two organisations is only valid when a
  recorded conflict names it, so every kommun that hosts extra units gets one conflict
  (typ dubblett) naming the kommun and its organisations. The site still has N record
  pages: 9000 kommun pages + N-9000 extra organisation pages (plus the "base"
  organisations every size has).
* Base organisations, about one per 3 kommuner: ~75 % of kommuner are covered; group
  types 55 % egen-regi (1 kommun), 30 % samverkan (2-8 kommuner in one län), 5 %
  kommunalförbund (3-10), 10 % entreprenad (1-4, run by an utförare). Some have ombud,
  årsarbetare, sedan, kontakt (40 %), fakta (40 %), statistik (20 %, some per kommun),
  kommunuppgifter and anmärkningar.
* Kommuner not covered: 60 % po.status saknas, 20 % osaker, 20 % nothing (okänd).
  10 % have a DMO status, 30 % a webbplats. ~5 % have a conflict (stavning or motsägelse).
* utförare: max(9, K/32); sources: 3 named + max(4, K/20); 5 nyckeltal.
* Content: ceil(3 N / 100) Markdown pages (--content-per-100): 8 fixed pages (om/ x 4,
  driftsformer, dmo, kalender/index, goda-exempel/index) and the rest split between
  calendar events, goda-exempel pages and om/ articles, each 250-600 words.
"""

import argparse
import json
import math
import os
import random
import re
import shutil
import sys
from pathlib import Path

KOMMUN_LIMIT = 9000  # 90 län (codes 10..99) x 100 kommuner (LL00..LL99)

# ---- Katalog's own rules, mirrored ----------------------------------------------------


def slugify(name):
    """src/slug.rs slugify."""
    out = []
    for c in name.lower():
        if c in "åäáàâ":
            m = "a"
        elif c in "öøóòô":
            m = "o"
        elif c in "éèêë":
            m = "e"
        elif c in "üú":
            m = "u"
        elif c.isascii() and c.isalnum():
            m = c
        elif "\u0300" <= c <= "\u036f":
            continue
        else:
            m = None
        if m is not None:
            out.append(m)
        elif out and out[-1] != "-":
            out.append("-")
    while out and out[-1] == "-":
        out.pop()
    return "".join(out)


def q(s):
    """A YAML double-quoted string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---- words ----------------------------------------------------------------------------

PREFIXES = [
    "Al", "Ber", "Bo", "Da", "Ed", "Eke", "Fa", "Fal", "Gnos", "Gu", "Ha", "Hed", "Hjo", "Hö",
    "Is", "Jär", "Kal", "Kil", "Kro", "Lid", "Lin", "Lu", "Ly", "Ma", "Mo", "Mö", "Nor", "Ny",
    "Och", "Os", "Pi", "Ra", "Ro", "Sa", "Sim", "Sko", "Stor", "Sä", "Ta", "Tim", "Tor", "Tra",
    "Ul", "Up", "Va", "Ve", "Vi", "Vå", "Yst", "Å", "Ä", "Ö", "Öster", "Väster", "Söder",
    "Norr", "Lill", "Gran", "Björk", "Ek", "Asp", "Lind", "Sjö", "Berg", "Holm", "Strand",
]
MIDDLES = ["", "a", "e", "ar", "er", "sta", "lunda", "by", "bo", "ne", "ing", "ra", "vi", "ka"]
SUFFIXES = [
    "by", "köping", "sund", "vik", "ås", "torp", "hamn", "tuna", "stad", "holm", "åker",
    "berga", "fors", "dal", "ryd", "hult", "näs", "ö", "sala", "mark", "ed", "lösa", "mo",
    "bro", "hyttan", "ljunga", "rum", "inge", "arp", "stock",
]
QUALIFIERS = ["Övre ", "Östra ", "Norra ", "Södra ", "Västra ", "Nedre ", "Stora ", "Lilla "]

WORDS = (
    "ombudet stödet kommunen verksamheten klienten samverkan handläggare myndigheter "
    "psykisk funktionsnedsättning vården socialtjänsten försäkringskassan arbetsförmedlingen "
    "uppdrag ansökan kontakt möte boende ekonomi sysselsättning anhöriga brukare slingor "
    "vägledare delaktighet kvalitet uppföljning statsbidrag länsstyrelsen rapporten källan "
    "året gruppen personal chefer nämnden förslag erfarenhet träff samtal enkät frågor "
    "svar hjälp rätt stöd tid plan mål steg väg arbete"
).split()
VERBS = "ger hjälper beskriver visar säger nämner följer stöder samordnar planerar möter behöver".split()
ADJ = "viktig gratis frivillig regelbunden ny gammal tydlig enkel lokal regional nationell".split()


def sentence(rng, words=None):
    n = rng.randint(7, 16)
    w = [rng.choice(WORDS if i % 3 else VERBS if i % 2 else ADJ) for i in range(n)]
    s = " ".join(w)
    return s[0].upper() + s[1:] + "."


def paragraph(rng, sentences=(2, 5)):
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


# ---- the site -------------------------------------------------------------------------


class Site:
    def __init__(self, n, rng, repo, content_per_100):
        self.n = n
        self.rng = rng
        self.repo = repo
        self.k = min(n, KOMMUN_LIMIT)
        self.extra = n - self.k
        self.content_per_100 = content_per_100
        self.lan = []  # (kod, namn)
        self.kommuner = []  # dicts
        self.orgs = []  # dicts
        self.utforare = []
        self.kallor = []
        self.konflikter = []
        self.pages = []  # (relpath, text)

    # -- register ---------------------------------------------------------------------

    def register(self):
        if self.n == 290:
            reg = (self.repo / "data/register.yaml").read_text(encoding="utf-8")
            lan = (self.repo / "data/lan.yaml").read_text(encoding="utf-8")
            pat = re.compile(r'kod: "(\d+)", namn: "([^"]+)"')
            self.lan = pat.findall(lan)
            codes = pat.findall(reg)
            self.kommuner = [{"kod": c, "namn": nm} for c, nm in codes]
            self.register_source = "scb-kommunregister-syntet"
            return
        self.register_source = "scb-kommunregister-syntet"
        n_lan = min(90, max(21, math.ceil(self.k / 14)))
        names = self.unique_names(self.k + n_lan)
        lan_names = names[: n_lan]
        kommun_names = names[n_lan:]
        self.lan = [(str(10 + i), f"{lan_names[i]}s län") for i in range(n_lan)]
        per, rest = divmod(self.k, n_lan)
        i = 0
        for li, (lkod, _) in enumerate(self.lan):
            count = per + (1 if li < rest else 0)
            assert count <= 100
            for j in range(count):
                self.kommuner.append({"kod": f"{lkod}{j:02d}", "namn": kommun_names[i]})
                i += 1

    def unique_names(self, count):
        rng = random.Random(self.rng.random())
        seen, out = set(), []
        while len(out) < count:
            name = rng.choice(PREFIXES) + rng.choice(MIDDLES) + rng.choice(SUFFIXES)
            name = name[0].upper() + name[1:].lower()
            if rng.random() < 0.1:
                name = rng.choice(QUALIFIERS) + name
            slug = slugify(name)
            if slug in seen:
                continue
            seen.add(slug)
            out.append(name)
        return out

    # -- sources ----------------------------------------------------------------------

    def sources(self):
        rng = self.rng
        self.kallor = [
            {"id": self.register_source, "titel": "Kommuner och län (syntetiskt register)",
             "utgivare": "Statistiska centralbyrån (syntetiskt)", "datum": "2024",
             "beskrivning": "Syntetiskt kommunregister för prestandamätningen: kod och namn."},
            {"id": "kartlaggning-2012", "titel": "Kartläggning av personligt ombud i landets kommuner",
             "utgivare": "Utredningsbyrån (syntetisk)", "datum": "2012-05-21",
             "datering": "Rapporten är undertecknad i maj 2012.",
             "beskrivning": "Genomgång av alla kommuner: vilka som har personligt ombud, hur det drivs och vilka som saknar det."},
            {"id": "dmo-enkat-2025", "titel": "DMO-läget i landet januari 2025 (syntetisk)",
             "utgivare": "Delaktighetsmodellen (syntetisk)", "datum": "2025-01",
             "url": "https://www.example.se/dmo-enkat-2025",
             "beskrivning": "Sammanfattning av den årliga enkäten om Delaktighetsmodellen."},
        ]
        for i in range(max(4, self.k // 20)):
            year = rng.randint(2008, 2025)
            datum = str(year) if rng.random() < 0.4 else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            src = {"id": f"rapport-{i + 1:04d}", "titel": f"Verksamhetsberättelse {year}, rapport {i + 1}",
                   "utgivare": f"Personligt ombud {rng.choice(self.kommuner)['namn']}", "datum": datum,
                   "beskrivning": paragraph(rng, (1, 2))}
            if rng.random() < 0.3:
                src["url"] = f"https://www.example.se/rapporter/{i + 1}"
            self.kallor.append(src)
        self.pool = [s["id"] for s in self.kallor[3:]]

    # -- utförare ---------------------------------------------------------------------

    def make_utforare(self):
        rng = self.rng
        typer = ["ideell förening", "stiftelse", "aktiebolag", "ekonomisk förening"]
        n = max(9, round(self.k / 32))
        names = self.unique_names(n + self.k + 100)[-n:]
        for i in range(n):
            u = {"id": f"utforare-{i + 1:03d}", "namn": f"Föreningen {names[i]}",
                 "typ": rng.choice(typer), "beskrivning": paragraph(rng, (1, 2)),
                 "verksamhet": rng.choice([["po"], ["po"], ["po", "dmo"], ["dmo"]]),
                 "kallor": ["kartlaggning-2012"] + ([rng.choice(self.pool)] if rng.random() < 0.3 else [])}
            if i > 0 and rng.random() < 0.05:
                u["drivs_av"] = [f"utforare-{rng.randint(1, i):03d}"]
            self.utforare.append(u)

    # -- organisations ----------------------------------------------------------------

    def org_details(self, o, members):
        rng = self.rng
        pool_src = rng.choice(self.pool)
        o["kallor"] = ["kartlaggning-2012"]
        facts_src = "kartlaggning-2012"
        if rng.random() < 0.5:
            o["kallor"].append(pool_src)
            facts_src = pool_src
        src_date = next(s["datum"] for s in self.kallor if s["id"] == facts_src)
        o["uppdaterad"] = src_date
        if rng.random() < 0.4:
            o["sedan"] = {"varde": rng.randint(1995, 2015), "kalla": facts_src}
        if rng.random() < 0.6:
            ombud = rng.randint(1, 9)
            o["ombud"] = {"varde": ombud, "kalla": facts_src}
            if rng.random() < 0.3:
                o["ombud"]["anmarkning"] = sentence(rng)
            o["arsarbetare"] = {"varde": round(ombud * rng.choice([0.5, 0.75, 1.0]), 2), "kalla": facts_src}
        if rng.random() < 0.4:
            first = slugify(self.by_code[members[0]]["namn"])
            k = {"kalla": facts_src}
            if rng.random() < 0.9:
                k["webb"] = f"https://www.{first}.se/omsorg/personligt-ombud"
            if rng.random() < 0.7:
                k["telefon"] = f"0{rng.randint(10, 999)}-{rng.randint(100, 999)} {rng.randint(10, 99)}"
            if rng.random() < 0.6:
                k["epost"] = f"personligt.ombud@{first}.se"
            if rng.random() < 0.4:
                k["adress"] = f"{rng.choice(PREFIXES)}gatan {rng.randint(1, 60)}, {self.by_code[members[0]]['namn']}"
            if rng.random() < 0.5:
                k["plats"] = sentence(rng)
            if rng.random() < 0.5:
                k["tillganglighet"] = sentence(rng)
            o["kontakt"] = k
        if rng.random() < 0.4:
            o["fakta"] = [{"text": sentence(rng), "kalla": facts_src} for _ in range(rng.randint(1, 6))]
        if rng.random() < 0.2:
            rows = []
            start = rng.randint(2004, 2018)
            measures = rng.sample(["klienter", "aktuella", "startade", "avslutade", "hanvisade", "i_ko",
                                   "uppdrag", "orienteringsbesok", "radgivningssamtal"], rng.randint(1, 5))
            for year in range(start, min(2024, start + rng.randint(1, 8)) + 1):
                row = {"ar": year, "kalla": facts_src}
                if rng.random() < 0.2:
                    row["ungefar"] = "ca"
                if rng.random() < 0.15:
                    row["anmarkning"] = sentence(rng)
                for m in measures:
                    if rng.random() < 0.85:
                        row[m] = rng.randint(5, 400)
                rows.append(row)
            if len(members) > 1 and rng.random() < 0.5:
                year = rng.randint(2010, 2023)
                for kod in members:
                    rows.append({"ar": year, "kommun": kod, "kalla": facts_src, "klienter": rng.randint(1, 80)})
            o["statistik"] = rows
        if len(members) > 1 and rng.random() < 0.3:
            o["kommunuppgifter"] = [
                {"kommun": kod, "tjanster": rng.choice([0.5, 1, 1.5, 2]), "kalla": facts_src}
                for kod in members if rng.random() < 0.7
            ]
        if rng.random() < 0.2:
            o["anmarkning"] = paragraph(rng, (1, 2))

    def organisations(self):
        rng = self.rng
        self.by_code = {k["kod"]: k for k in self.kommuner}
        used_ids = set()

        def new_id(base):
            base = base[:60].strip("-")
            cand, i = base, 2
            while cand in used_ids:
                cand = f"{base}-{i}"
                i += 1
            used_ids.add(cand)
            return cand

        by_lan = {}
        for k in self.kommuner:
            by_lan.setdefault(k["kod"][:2], []).append(k)
        for lkod, ks in by_lan.items():
            ks = ks[:]
            rng.shuffle(ks)
            covered = ks[: round(len(ks) * 0.75)]
            i = 0
            while i < len(covered):
                r = rng.random()
                if r < 0.55:
                    form, size = "egen-regi", 1
                elif r < 0.85:
                    form, size = "samverkan", rng.randint(2, 8)
                elif r < 0.90:
                    form, size = "kommunalforbund", rng.randint(3, 10)
                else:
                    form, size = "entreprenad", rng.randint(1, 4)
                group = covered[i: i + size]
                i += size
                if form in ("samverkan", "kommunalforbund") and len(group) < 2:
                    form = "egen-regi"
                members = [k["kod"] for k in group]
                names = [k["namn"] for k in group]
                if len(names) == 1:
                    namn = f"Personligt ombud {names[0]}"
                elif len(names) <= 3:
                    namn = f"Personligt ombud i {', '.join(names[:-1])} och {names[-1]}"
                else:
                    namn = f"Personligt ombud {names[0]} med grannkommuner"
                o = {"id": new_id(slugify(" ".join(names[:3]))), "namn": namn, "driftsform": form,
                     "kommuner": members, "extra": False}
                if form in ("samverkan", "kommunalforbund", "egen-regi") and rng.random() < 0.7:
                    o["vardkommun"] = members[0]
                if form == "kommunalforbund":
                    o["huvudman"] = f"{names[0]}s kommunalförbund"
                if form == "entreprenad":
                    o["utforare"] = rng.choice([u for u in self.utforare if "po" in u["verksamhet"]])["id"]
                self.org_details(o, members)
                self.orgs.append(o)
                for k in group:
                    k["org"] = o["id"]
        # Extra organisation records beyond the kommun limit (N > 9000).
        self.extra_by_kommun = {}
        for e in range(self.extra):
            k = self.kommuner[e % len(self.kommuner)]
            form = rng.choice(["egen-regi", "egen-regi", "egen-regi", "entreprenad"])
            unit = e // len(self.kommuner) + 1
            o = {"id": new_id(f"{slugify(k['namn'])}-enhet-{unit}"),
                 "namn": f"Personligt ombud {k['namn']}, enhet {unit}", "driftsform": form,
                 "kommuner": [k["kod"]], "extra": True}
            if form == "entreprenad":
                o["utforare"] = rng.choice([u for u in self.utforare if "po" in u["verksamhet"]])["id"]
            else:
                o["vardkommun"] = k["kod"]
            self.org_details(o, [k["kod"]])
            self.orgs.append(o)
            self.extra_by_kommun.setdefault(k["kod"], []).append(o["id"])

    # -- kommun statuses and conflicts ------------------------------------------------

    def statuses(self):
        rng = self.rng
        for k in self.kommuner:
            if "org" not in k:
                r = rng.random()
                if r < 0.6:
                    k["po"] = {"status": "saknas", "kallor": ["kartlaggning-2012"], "anmarkning": sentence(rng)}
                elif r < 0.8:
                    k["po"] = {"status": "osaker", "kallor": ["kartlaggning-2012"]}
            if rng.random() < 0.1:
                k["dmo"] = {"status": rng.choice(["aktiv", "regelbunden", "vilande", "startar"]),
                            "kallor": ["dmo-enkat-2025"], "anmarkning": sentence(rng)}
            if rng.random() < 0.3:
                k["webbplats"] = f"https://www.{slugify(k['namn'])}.se"
        n = 0
        for k in self.kommuner:
            extra = self.extra_by_kommun.get(k["kod"])
            if extra:
                orgs = ([k["org"]] if "org" in k else []) + extra
                self.konflikter.append({
                    "id": f"flera-verksamheter-{k['kod']}", "typ": "dubblett",
                    "beskrivning": f"Källorna nämner {k['namn']} i {len(orgs)} verksamheter. Alla visas.",
                    "kallor": ["kartlaggning-2012"], "kommuner": [k["kod"]], "organisationer": orgs})
                continue
            if rng.random() >= 0.05:
                continue
            n += 1
            if "org" in k and rng.random() < 0.5:
                k["po"] = {"status": "saknas", "kallor": ["kartlaggning-2012"]}
                self.konflikter.append({
                    "id": f"konflikt-{n:04d}", "typ": "motsagelse",
                    "beskrivning": f"Källan räknar {k['namn']} både till kommunerna utan ombud och till en verksamhet.",
                    "kallor": ["kartlaggning-2012"], "kommuner": [k["kod"]], "organisationer": [k["org"]]})
            else:
                self.konflikter.append({
                    "id": f"konflikt-{n:04d}", "typ": "stavning",
                    "beskrivning": f"Källan stavar {k['namn']} som {k['namn'].lower()}s.",
                    "kallor": ["kartlaggning-2012"], "kommuner": [k["kod"]], "organisationer": []})

    # -- content ----------------------------------------------------------------------

    def content(self):
        rng = self.rng
        total = max(9, math.ceil(self.content_per_100 * self.n / 100))
        some_kommun = lambda: rng.choice(self.kommuner)  # noqa: E731
        slug_of = {}
        # Slugs as Katalog assigns them: names sharing a slug get the län appended.
        by_slug = {}
        for k in self.kommuner:
            by_slug.setdefault(slugify(k["namn"]), []).append(k)
        lan_names = dict(self.lan)
        self.slug_groups = by_slug
        for s, ks in by_slug.items():
            for k in ks:
                slug_of[k["kod"]] = s if len(ks) == 1 else f"{s}-{slugify(lan_names[k['kod'][:2]])}"

        def body(words):
            parts = []
            while sum(len(p.split()) for p in parts) < words:
                r = rng.random()
                if r < 0.15:
                    parts.append("## " + sentence(rng)[:-1])
                elif r < 0.3:
                    parts.append("\n".join("- " + sentence(rng) for _ in range(rng.randint(2, 5))))
                elif r < 0.4:
                    k = some_kommun()
                    o = rng.choice(self.orgs)
                    parts.append(f"Läs om [{k['namn']}](/kommun/{slug_of[k['kod']]}/) och "
                                 f"[{o['namn']}](/po/{o['id']}/). **{sentence(rng)}** "
                                 f"Mer finns hos [Socialstyrelsen](https://www.socialstyrelsen.se/).")
                else:
                    parts.append(paragraph(rng))
            return "\n\n".join(parts) + "\n"

        def page(rel, titel, ordning, words, extra_front=""):
            front = (f"---\ntitel: {q(titel)}\nbeskrivning: {q(sentence(rng))}\nordning: {ordning}\n"
                     f"kallor: [kartlaggning-2012]\n{extra_front}---\n\n")
            self.pages.append((rel, front + body(words)))

        page("om/personligt-ombud.md", "Vad är personligt ombud?", 1, 500)
        page("om/viktigt-att-veta.md", "Viktigt att veta", 2, 300)
        page("om/delaktighetsmodellen.md", "Delaktighetsmodellen i korthet", 3, 300)
        page("om/om-uppgifterna.md", "Om uppgifterna", 4, 400)
        # Every kommun page links the lättläst page (the theme expects /om/lattlast/).
        page("om/lattlast.md", "Personligt ombud – lättläst", 5, 250)
        page("driftsformer.md", "Driftsformer", 1, 600, "mall: driftsformer\n")
        page("dmo.md", "Delaktighetsmodellen i landet", 2, 400, "mall: dmo\n")
        page("kalender/index.md", "Kalender", 3, 250, "mall: kalender\n")
        page("goda-exempel/index.md", "Goda exempel", 5, 250, "mall: lista\n")
        page("material/index.md", "Material", 6, 200, "mall: lista\n")
        rest = total - 10
        for i in range(rest):
            kind = i % 3
            if kind == 0:
                year = rng.randint(2018, 2027)
                datum = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                page(f"kalender/{datum}-traff-{i + 1}.md", f"Träff {i + 1}", i + 10, rng.randint(250, 600),
                     f"datum: {q(datum)}\narrangor: {q('Delaktighetsmodellen (syntetisk)')}\n")
            elif kind == 1:
                page(f"goda-exempel/exempel-{i + 1}.md", f"Gott exempel {i + 1}", i + 10, rng.randint(250, 600))
            else:
                page(f"material/material-{i + 1}.md", f"Material {i + 1}", i + 10, rng.randint(250, 600))
        self.slug_of = slug_of

    # -- writing ----------------------------------------------------------------------

    def write(self, out, geo):
        data = out / "data"
        for d in ["kommuner", "po", "utforare"]:
            (data / d).mkdir(parents=True, exist_ok=True)
        w = lambda rel, text: (out / rel).write_text(text, encoding="utf-8")  # noqa: E731
        w("data/site.yaml", '# yaml-language-server: $schema=schema/site.schema.json\n'
          'titel: "Personligt ombud – syntetisk katalog"\nbas_url: "https://bench.example.se"\n'
          "sprak: sv\naldersgrans_ar: 3\n")
        w("data/register.yaml", f"kalla: {self.register_source}\nkommuner:\n" + "".join(
            f'  - {{ kod: "{k["kod"]}", namn: {q(k["namn"])} }}\n' for k in self.kommuner))
        w("data/lan.yaml", f"kalla: {self.register_source}\nlan:\n" + "".join(
            f'  - {{ kod: "{c}", namn: {q(n)} }}\n' for c, n in self.lan))
        lines = ["# yaml-language-server: $schema=schema/kallor.schema.json", "kallor:"]
        for s in self.kallor:
            lines.append(f"  - id: {s['id']}")
            for key in ["titel", "utgivare", "datum", "datering", "url", "beskrivning"]:
                if key in s:
                    lines.append(f"    {key}: {q(s[key])}")
        w("data/kallor.yaml", "\n".join(lines) + "\n")
        lines = ["konflikter:"]
        for c in self.konflikter:
            lines += [f"  - id: {c['id']}", f"    typ: {c['typ']}", f"    beskrivning: {q(c['beskrivning'])}",
                      f"    kallor: [{', '.join(c['kallor'])}]",
                      f"    kommuner: [{', '.join(q(x) for x in c['kommuner'])}]",
                      f"    organisationer: [{', '.join(c['organisationer'])}]"]
        if not self.konflikter:
            lines = ["konflikter: []"]
        w("data/konflikter.yaml", "\n".join(lines) + "\n")
        lines = ["nyckeltal:"]
        for i in range(5):
            lines += [f"  - id: nyckeltal-{i + 1}", f"    amne: {'po' if i < 3 else 'dmo'}",
                      f"    text: {q(sentence(self.rng))}", f"    varde: {self.rng.randint(10, 400)}",
                      "    kalla: kartlaggning-2012"]
        w("data/nyckeltal.yaml", "\n".join(lines) + "\n")

        for k in self.kommuner:
            lines = ["# yaml-language-server: $schema=../schema/kommun.schema.json",
                     f'kod: "{k["kod"]}"', f"namn: {q(k['namn'])}"]
            if "webbplats" in k:
                lines.append(f"webbplats: {q(k['webbplats'])}")
            for key in ["po", "dmo"]:
                if key in k:
                    v = k[key]
                    lines += [f"{key}:", f"  status: {v['status']}", f"  kallor: [{', '.join(v['kallor'])}]"]
                    if "anmarkning" in v:
                        lines.append(f"  anmarkning: {q(v['anmarkning'])}")
            w(f"data/kommuner/{k['kod']}-{slugify(k['namn'])}.yaml", "\n".join(lines) + "\n")

        for o in self.orgs:
            L = ["# yaml-language-server: $schema=../schema/po.schema.json",
                 f"id: {o['id']}", f"namn: {q(o['namn'])}", f"driftsform: {o['driftsform']}"]
            if "vardkommun" in o:
                L.append(f'vardkommun: "{o["vardkommun"]}"')
            if "huvudman" in o:
                L.append(f"huvudman: {q(o['huvudman'])}")
            if "utforare" in o:
                L.append(f"utforare: {o['utforare']}")
            L.append("kommuner:")
            L += [f'  - "{kod}"    # {self.by_code[kod]["namn"]}' for kod in o["kommuner"]]
            if o.get("kommunuppgifter"):
                L.append("kommunuppgifter:")
                for u in o["kommunuppgifter"]:
                    L += [f'  - kommun: "{u["kommun"]}"', f"    tjanster: {u['tjanster']}", f"    kalla: {u['kalla']}"]
            for key in ["sedan", "ombud", "arsarbetare"]:
                if key in o:
                    v = o[key]
                    L += [f"{key}:", f"  varde: {v['varde']}", f"  kalla: {v['kalla']}"]
                    if "anmarkning" in v:
                        L.append(f"  anmarkning: {q(v['anmarkning'])}")
            if "kontakt" in o:
                L.append("kontakt:")
                for key in ["webb", "telefon", "epost", "adress", "plats", "tillganglighet"]:
                    if key in o["kontakt"]:
                        L.append(f"  {key}: {q(o['kontakt'][key])}")
                L.append(f"  kalla: {o['kontakt']['kalla']}")
            if o.get("fakta"):
                L.append("fakta:")
                for f in o["fakta"]:
                    L += [f"  - text: {q(f['text'])}", f"    kalla: {f['kalla']}"]
            if o.get("statistik"):
                L.append("statistik:")
                for r in o["statistik"]:
                    L.append(f"  - ar: {r['ar']}")
                    for key, v in r.items():
                        if key == "ar":
                            continue
                        if key == "kommun":
                            L.append(f'    kommun: "{v}"')
                        elif key == "anmarkning":
                            L.append(f"    anmarkning: {q(v)}")
                        else:
                            L.append(f"    {key}: {v}")
            if "anmarkning" in o:
                L.append(f"anmarkning: {q(o['anmarkning'])}")
            L.append(f"kallor: [{', '.join(o['kallor'])}]")
            L.append(f"uppdaterad: {q(o['uppdaterad'])}")
            w(f"data/po/{o['id']}.yaml", "\n".join(L) + "\n")

        for u in self.utforare:
            L = ["# yaml-language-server: $schema=../schema/utforare.schema.json",
                 f"id: {u['id']}", f"namn: {q(u['namn'])}", f"typ: {q(u['typ'])}",
                 f"beskrivning: {q(u['beskrivning'])}", f"verksamhet: [{', '.join(u['verksamhet'])}]"]
            if "drivs_av" in u:
                L.append(f"drivs_av: [{', '.join(u['drivs_av'])}]")
            L.append(f"kallor: [{', '.join(u['kallor'])}]")
            w(f"data/utforare/{u['id']}.yaml", "\n".join(L) + "\n")

        for rel, text in self.pages:
            p = out / "content" / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")

        shutil.copytree(self.repo / "themes", out / "themes")
        if geo:
            shutil.copytree(self.repo / "data/geo", data / "geo")

    def manifest(self, geo):
        base = [o for o in self.orgs if not o["extra"]]
        n_pages = len(self.pages)
        pages = {
            "kommun": len(self.kommuner),
            "organisation_base": len(base),
            "organisation_extra": self.extra,
            "utforare": len(self.utforare),
            "lan": len(self.lan),
            "content": n_pages,
            "fixed (index, saknar-po, kallor, karta, sok, data, 404)": 7,
            "flertydig (names sharing a slug)": sum(1 for ks in self.slug_groups.values() if len(ks) > 1),
        }
        return {
            "n_records": self.n,
            "record_pages": len(self.kommuner) + self.extra,
            "kommuner": len(self.kommuner),
            "lan": len(self.lan),
            "organisations": len(self.orgs),
            "organisations_base": len(base),
            "organisations_extra": self.extra,
            "utforare": len(self.utforare),
            "kallor": len(self.kallor),
            "konflikter": len(self.konflikter),
            "content_pages": n_pages,
            "geo": geo,
            "orgs_with_kontakt": sum(1 for o in self.orgs if "kontakt" in o),
            "orgs_with_fakta": sum(1 for o in self.orgs if o.get("fakta")),
            "orgs_with_statistik": sum(1 for o in self.orgs if o.get("statistik")),
            "driftsformer": {d: sum(1 for o in self.orgs if o["driftsform"] == d)
                             for d in ["egen-regi", "samverkan", "kommunalforbund", "entreprenad"]},
            "expected_html_pages": sum(pages.values()),
            "expected_html_pages_by_type": pages,
        }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, required=True, help="number of records")
    ap.add_argument("--out", type=Path, required=True, help="site folder to create (must not exist)")
    ap.add_argument("--repo", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("--geo", action="store_true", help="copy the real data/geo (only with --n 290)")
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--content-per-100", type=float, default=3.0, help="Markdown pages per 100 records")
    a = ap.parse_args()
    if a.geo and a.n != 290:
        sys.exit("--geo needs --n 290: the real boundaries only fit the real register")
    if a.out.exists():
        sys.exit(f"{a.out} exists")
    site = Site(a.n, random.Random(a.seed * 1_000_003 + a.n), a.repo, a.content_per_100)
    site.register()
    site.sources()
    site.make_utforare()
    site.organisations()
    site.statuses()
    site.content()
    site.write(a.out, a.geo)
    m = site.manifest(a.geo)
    m["content_per_100"] = a.content_per_100
    (a.out / "MANIFEST.json").write_text(json.dumps(m, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(m, ensure_ascii=False))


if __name__ == "__main__":
    main()
