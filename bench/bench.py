#!/usr/bin/env python3
"""Katalog build benchmark: Katalog vs a plain copy of its output vs Hugo.

Run through `bash bench/run.sh` (which builds the release binary and checks the tools).
Python 3 standard library only. Everything it generates goes to bench/work/ (ignored by
git); the results go to bench/results/results.json and bench/results/results.md.

Environment:
  BENCH_RUNS=5            timed runs per tool for small sites
  BENCH_RUNS_LARGE=3      timed runs per tool for sites of 9000 records and more
  BENCH_SITES=...         comma-separated subset of the site names below
  BENCH_QUIET_WAIT=15     before each timed run, wait up to this many seconds for the
                          1-minute load average to drop below the number of CPUs
  BENCH_KEEP=0            1 keeps every output folder (they are large at 30 000)
"""

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"
RESULTS = BENCH / "results"
KATALOG = REPO / "target/release/katalog"

# name, generator arguments (None: the bundled national site), description
SITES = [
    ("national", None, "the bundled national site (repo data/, content/, themes/, with data/geo maps)"),
    ("n290", {"n": 290}, "290 records, real SCB register, no maps"),
    ("n290-geo", {"n": 290, "geo": True}, "290 records, real register and the real data/geo (maps)"),
    ("n3000", {"n": 3000}, "3 000 records"),
    ("n9000", {"n": 9000}, "9 000 records (largest all-kommun site; extra linearity point)"),
    ("n30000", {"n": 30000}, "30 000 records: 9 000 kommuner + 21 000 extra organisation records"),
]


def env_int(name, default):
    return int(os.environ.get(name, default))


RUNS = env_int("BENCH_RUNS", 5)
RUNS_LARGE = env_int("BENCH_RUNS_LARGE", 3)
QUIET_WAIT = env_int("BENCH_QUIET_WAIT", 15)
KEEP = env_int("BENCH_KEEP", 0)


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout.strip()


def machine():
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    return {
        "nproc": int(sh(["nproc"])),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "cpu_model": cpu,
        "kernel": platform.release(),
        "os": sh(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "rustc": sh(["rustc", "--version"]),
        "hugo": sh(["hugo", "version"]),
        "python": platform.python_version(),
        "katalog_commit": sh(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]),
        "uncommitted_changes": sh(["git", "-C", str(REPO), "status", "--short", "--", ".", ":!bench"]).splitlines(),
        "filesystem": sh(["sh", "-c", f"df -T {WORK} | tail -1 | awk '{{print $2}}'"]),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def loadavg():
    return float(Path("/proc/loadavg").read_text().split()[0])


def wait_quiet():
    limit = os.cpu_count() or 1
    deadline = time.time() + QUIET_WAIT
    while loadavg() >= limit and time.time() < deadline:
        time.sleep(1)


def rm(path):
    if path.exists():
        shutil.rmtree(path)


def timed(cmd, cwd=None):
    """Wall time (perf_counter), user/sys CPU and max RSS (/usr/bin/time -v) of one run."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        load = loadavg()
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v", "-o", tf.name] + cmd, cwd=cwd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t0
        if p.returncode != 0:
            raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-3000:]}")
        info = {}
        for line in tf.read().splitlines():
            k, _, v = line.strip().rpartition(": ")
            info[k] = v
    return {
        "wall": wall,
        "user": float(info["User time (seconds)"]),
        "sys": float(info["System time (seconds)"]),
        "maxrss_mb": int(info["Maximum resident set size (kbytes)"]) / 1024,
        "load1": load,
    }


def tree_stats(path):
    files = html = size = 0
    for p in path.rglob("*"):
        if p.is_file():
            files += 1
            size += p.stat().st_size
            if p.suffix == ".html":
                html += 1
    return {"files": files, "html_pages": html, "bytes": size}


def summarize(runs):
    def med(key):
        return statistics.median(r[key] for r in runs)

    return {
        "runs": len(runs),
        "wall_median": med("wall"),
        "wall_min": min(r["wall"] for r in runs),
        "wall_max": max(r["wall"] for r in runs),
        "cpu_median": statistics.median(r["user"] + r["sys"] for r in runs),
        "maxrss_mb_median": med("maxrss_mb"),
        "maxrss_mb_max": max(r["maxrss_mb"] for r in runs),
        "load1_mean": statistics.mean(r["load1"] for r in runs),
        "all": runs,
    }


def memory_dir(name):
    """Where the in-memory rounds write, or None without a writable tmpfs (BENCH_MEMORY_DIR,
    default /dev/shm; BENCH_MEMORY_DIR= skips them)."""
    base = os.environ.get("BENCH_MEMORY_DIR", "/dev/shm")
    if not base or not os.path.isdir(base) or not os.access(base, os.W_OK):
        return None
    return Path(base) / "katalog-bench" / name


def build_commands(root, ref, hugo_site, folder):
    """Katalog's build, the copy of its reference output and Hugo's build, each into its
    own folder under `folder`: (commands, destinations) by tool."""
    dests = {"katalog": folder / "katalog-run", "copy": folder / "copy", "hugo": folder / "hugo-run"}
    cmds = {
        "katalog": [str(KATALOG), "build", "--root", str(root), "--out", str(dests["katalog"])],
        "copy": ["cp", "-r", str(ref), str(dests["copy"])],
        "hugo": ["hugo", "--quiet", "-s", str(hugo_site), "-d", str(dests["hugo"])],
    }
    return cmds, dests


def timed_rounds(runs, cmds, dests, hugo_site):
    """`runs` rounds of every command in `cmds`, each into an emptied destination."""
    results = {tool: [] for tool in cmds}
    for i in range(runs):
        for tool, cmd in cmds.items():
            if dests.get(tool) is not None:
                rm(dests[tool])
            if tool == "hugo":
                rm(hugo_site / "resources")
            os.sync()
            wait_quiet()
            r = timed(cmd)
            results[tool].append(r)
            log(f"  run {i + 1}/{runs} {tool:8s} {r['wall']:8.3f} s wall {r['user'] + r['sys']:8.3f} s cpu "
                f"{r['maxrss_mb']:8.1f} MB  (load {r['load1']:.2f})")
    return results


def stage_split(root, dest, runs):
    """Medians of `runs` builds with `--timings`: each stage's wall time and peak memory."""
    stage_runs = []
    for _ in range(runs):
        rm(dest)
        os.sync()
        wait_quiet()
        stage_runs.append(json.loads(sh([str(KATALOG), "build", "--timings", "--root", str(root),
                                         "--out", str(dest)])))
    rm(dest)
    if not stage_runs:
        return None
    names = [x["stage"] for x in stage_runs[0]["stages"]]
    stages = {
        "total_median": statistics.median(r["total_seconds"] for r in stage_runs),
        "peak_rss_mb_max": max(r["peak_rss_mb"] for r in stage_runs),
        "stages": [{"stage": n,
                    "seconds_median": statistics.median(r["stages"][j]["seconds"] for r in stage_runs),
                    "peak_rss_mb_so_far_max": max(r["stages"][j]["peak_rss_mb_so_far"] for r in stage_runs)}
                   for j, n in enumerate(names)],
        "runs": stage_runs,
    }
    log(f"  stages ({dest.parent}): " + ", ".join(f"{x['stage'].split(' ')[0]} {x['seconds_median']:.3f}s"
                                                  for x in stages["stages"]))
    return stages


def tool_ratios(s):
    """Katalog's median wall and CPU time over the copy's and Hugo's, from summarized rounds."""
    k = s["katalog"]
    ratios = {}
    for tool in ("copy", "hugo"):
        ratios[f"katalog_over_{tool}"] = k["wall_median"] / s[tool]["wall_median"]
        ratios[f"katalog_over_{tool}_cpu"] = k["cpu_median"] / max(s[tool]["cpu_median"], 1e-9)
    return ratios


def bench_site(name, gen, desc):
    log(f"\n=== {name}: {desc}")
    site_dir = WORK / "sites" / name
    out = WORK / "out" / name
    hugo_site = WORK / "hugo" / name
    rm(out)
    out.mkdir(parents=True)
    manifest = None
    if gen is None:
        root = REPO
    else:
        root = site_dir
        rm(site_dir)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, str(BENCH / "gen_site.py"), "--n", str(gen["n"]), "--out", str(site_dir)]
        if gen.get("geo"):
            cmd.append("--geo")
        if "content_per_100" in gen:
            cmd += ["--content-per-100", str(gen["content_per_100"])]
        sh(cmd)
        manifest = json.loads((site_dir / "MANIFEST.json").read_text())
    large = gen is not None and gen["n"] >= 9000
    runs = RUNS_LARGE if large else RUNS

    # Reference build (not timed): the source of the copy floor and of the Hugo corpus.
    ref = out / "katalog-ref"
    p = subprocess.run([str(KATALOG), "build", "--root", str(root), "--out", str(ref)],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{name}: katalog build failed\n{p.stderr[-3000:]}")
    ref_stats = tree_stats(ref)
    # What one search query downloads from this site's index (worst case, gzipped).
    search = json.loads(sh([sys.executable, str(BENCH / "search_bytes.py"), str(ref), "--json"]))
    log(f"  search: worst one-word query {search['worst_query_any'] / 1000:.1f} KB gzipped")
    log(f"  katalog: {ref_stats['html_pages']} pages, {ref_stats['files']} files, "
        f"{ref_stats['bytes'] / 1e6:.1f} MB")
    rm(hugo_site)
    hugo_site.parent.mkdir(parents=True, exist_ok=True)
    corpus = json.loads(sh([sys.executable, str(BENCH / "hugo_corpus.py"), str(ref), str(hugo_site)]))
    hugo_out = out / "hugo-run"
    subprocess.run(["hugo", "--quiet", "-s", str(hugo_site), "-d", str(hugo_out)], check=True)  # warm-up
    hugo_stats = tree_stats(hugo_out)
    log(f"  hugo: {hugo_stats['html_pages']} pages, {hugo_stats['bytes'] / 1e6:.1f} MB")

    cmds, dests = build_commands(root, ref, hugo_site, out)
    cmds["check"] = [str(KATALOG), "check", "--root", str(root)]
    results = timed_rounds(runs, cmds, dests, hugo_site)
    if not KEEP:
        for d in dests.values():
            rm(d)
    # The same rounds with every output in memory (tmpfs): what is left is each tool's own
    # work, without the disk's share (see BENCHMARKS.md on ext4's inode allocation).
    in_memory = None
    mem = memory_dir(name)
    if mem is not None:
        log(f"  in memory ({mem}):")
        rm(mem)
        mem.mkdir(parents=True)
        m_cmds, m_dests = build_commands(root, ref, hugo_site, mem)
        in_memory = timed_rounds(runs, m_cmds, m_dests, hugo_site)
        for d in m_dests.values():
            rm(d)
    # Stage split of a whole build (`katalog build --timings`), on disk and in memory.
    stages = stage_split(root, out / "stages-run", min(runs, 3))
    stages_in_memory = None
    if mem is not None:
        stages_in_memory = stage_split(root, mem / "stages-run", min(runs, 3))
        rm(mem)
    if not KEEP and name != "national":
        rm(ref)
    s = {tool: summarize(rs) for tool, rs in results.items()}
    mem_s = {tool: summarize(rs) for tool, rs in in_memory.items()} if in_memory else None
    k, h = s["katalog"], s["hugo"]
    kp, hp = ref_stats["html_pages"], hugo_stats["html_pages"]
    paired_copy = statistics.median(a["wall"] / b["wall"] for a, b in zip(results["katalog"], results["copy"]))
    paired_hugo = statistics.median(a["wall"] / b["wall"] for a, b in zip(results["katalog"], results["hugo"]))
    return {
        "name": name,
        "description": desc,
        "generator": gen,
        "manifest": manifest,
        "katalog_output": ref_stats,
        "hugo_output": hugo_stats,
        "hugo_corpus": corpus,
        "timings": s,
        "timings_in_memory": mem_s,
        "search": search,
        "stages": stages,
        "stages_in_memory": stages_in_memory,
        "ratios": {
            **tool_ratios(s),
            "katalog_over_copy_paired": paired_copy,
            "katalog_over_hugo_paired": paired_hugo,
            "katalog_ms_per_page": 1000 * k["wall_median"] / kp,
            "katalog_cpu_ms_per_page": 1000 * k["cpu_median"] / kp,
            "hugo_ms_per_page": 1000 * h["wall_median"] / hp,
            "hugo_cpu_ms_per_page": 1000 * h["cpu_median"] / hp,
            "katalog_per_page_over_hugo_per_page": (k["wall_median"] / kp) / (h["wall_median"] / hp),
            "check_share_of_build": s["check"]["wall_median"] / k["wall_median"],
        },
        "ratios_in_memory": None if mem_s is None else tool_ratios(mem_s),
    }


def fmt(x, digits=2):
    return f"{x:,.{digits}f}".replace(",", " ")


def report(m, sites):
    L = ["# Benchmark results", "",
         f"Generated by `bash bench/run.sh` on {m['date']}.", "",
         f"Machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB, kernel {m['kernel']}, "
         f"{m['os']}, {m['filesystem']}; {m['rustc']}; {m['hugo']}; Katalog commit {m['katalog_commit']}.", "",
         "Wall times are medians of the runs (min–max in brackets); CPU is user+sys. "
         "Page cache not dropped between runs; `sync` before each run.", "",
         "| site | Katalog pages | output MB | runs | Katalog s | copy s | Hugo s (pages) | K/copy | K/Hugo | "
         "Katalog ms/page | Hugo ms/page | check s | Katalog RSS MB | Hugo RSS MB | load |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in sites:
        t = r["timings"]
        k, c, h, ch = t["katalog"], t["copy"], t["hugo"], t["check"]
        ra = r["ratios"]
        load = statistics.mean([k["load1_mean"], c["load1_mean"], h["load1_mean"]])
        L.append(
            f"| {r['name']} | {r['katalog_output']['html_pages']} | {fmt(r['katalog_output']['bytes'] / 1e6, 1)} | "
            f"{k['runs']} | {fmt(k['wall_median'], 3)} ({fmt(k['wall_min'], 3)}–{fmt(k['wall_max'], 3)}) | "
            f"{fmt(c['wall_median'], 3)} ({fmt(c['wall_min'], 3)}–{fmt(c['wall_max'], 3)}) | "
            f"{fmt(h['wall_median'], 3)} ({r['hugo_output']['html_pages']}) | "
            f"{fmt(ra['katalog_over_copy'])} | {fmt(ra['katalog_over_hugo'])} | "
            f"{fmt(ra['katalog_ms_per_page'], 3)} | {fmt(ra['hugo_ms_per_page'], 3)} | {fmt(ch['wall_median'], 3)} | "
            f"{fmt(k['maxrss_mb_max'], 0)} | {fmt(h['maxrss_mb_max'], 0)} | {fmt(load, 1)} |")
    L += ["", "CPU time (user+sys, medians), less sensitive to other load on the machine:", "",
          "| site | Katalog CPU s | copy CPU s | Hugo CPU s | K/copy CPU | K/Hugo CPU | Katalog CPU ms/page | "
          "Hugo CPU ms/page |", "|---|---|---|---|---|---|---|---|"]
    for r in sites:
        t, ra = r["timings"], r["ratios"]
        L.append(f"| {r['name']} | {fmt(t['katalog']['cpu_median'], 3)} | {fmt(t['copy']['cpu_median'], 3)} | "
                 f"{fmt(t['hugo']['cpu_median'], 3)} | {fmt(ra['katalog_over_copy_cpu'])} | "
                 f"{fmt(ra['katalog_over_hugo_cpu'])} | {fmt(ra['katalog_cpu_ms_per_page'], 3)} | "
                 f"{fmt(ra['hugo_cpu_ms_per_page'], 3)} |")
    in_memory = [r for r in sites if r.get("timings_in_memory")]
    if in_memory:
        L += ["", "The same rounds with every output written to memory (tmpfs), so that the disk's share "
              "is left out (medians, wall s; CPU in brackets):", "",
              "| site | Katalog s | copy s | Hugo s | K/copy (CPU) | K/Hugo (CPU) | Katalog RSS MB |",
              "|---|---|---|---|---|---|---|"]
        for r in in_memory:
            t, ra = r["timings_in_memory"], r["ratios_in_memory"]
            k, c, h = t["katalog"], t["copy"], t["hugo"]
            L.append(f"| {r['name']} | {fmt(k['wall_median'], 3)} ({fmt(k['cpu_median'], 3)}) | "
                     f"{fmt(c['wall_median'], 3)} ({fmt(c['cpu_median'], 3)}) | "
                     f"{fmt(h['wall_median'], 3)} ({fmt(h['cpu_median'], 3)}) | "
                     f"{fmt(ra['katalog_over_copy'])} ({fmt(ra['katalog_over_copy_cpu'])}) | "
                     f"{fmt(ra['katalog_over_hugo'])} ({fmt(ra['katalog_over_hugo_cpu'])}) | "
                     f"{fmt(k['maxrss_mb_max'], 0)} |")
    L += stage_table(sites, "stages", "Stages of one build on disk")
    L += stage_table(sites, "stages_in_memory", "Stages of one build into memory (tmpfs)")
    L += ["", "Site contents (from each site's MANIFEST.json):", "",
          "| site | records | kommuner | län | organisations (base + extra) | utförare | sources | conflicts | "
          "content pages | Katalog HTML pages | files |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in sites:
        mf = r["manifest"]
        if mf is None:
            L.append(f"| {r['name']} | 290 (real) | 290 | 21 | real | real | real | real | real | "
                     f"{r['katalog_output']['html_pages']} | {r['katalog_output']['files']} |")
            continue
        L.append(f"| {r['name']} | {mf['n_records']} | {mf['kommuner']} | {mf['lan']} | "
                 f"{mf['organisations']} ({mf['organisations_base']} + {mf['organisations_extra']}) | "
                 f"{mf['utforare']} | {mf['kallor']} | {mf['konflikter']} | {mf['content_pages']} | "
                 f"{r['katalog_output']['html_pages']} | {r['katalog_output']['files']} |")
    L += ["", "## Targets (computed from the table above)", ""] + targets(sites)
    return "\n".join(L) + "\n"


def stage_table(sites, key, title):
    with_stages = [r for r in sites if r.get(key)]
    if not with_stages:
        return []
    names = [x["stage"] for x in with_stages[0][key]["stages"]]
    L = ["", f"{title} (`katalog build --timings`, median wall seconds; in brackets the peak RSS in MB "
         "so far, so the stage where it grows is the one that needs the memory):", "",
         "| stage | " + " | ".join(r["name"] for r in with_stages) + " |",
         "|---|" + "---|" * len(with_stages)]
    for j, n in enumerate(names):
        L.append(f"| {n} | " + " | ".join(
            f"{fmt(r[key]['stages'][j]['seconds_median'], 3)} ({r[key]['stages'][j]['peak_rss_mb_so_far_max']})"
            for r in with_stages) + " |")
    L.append("| total (peak RSS MB) | " + " | ".join(
        f"{fmt(r[key]['total_median'], 3)} ({r[key]['peak_rss_mb_max']})" for r in with_stages) + " |")
    return L


def targets(sites):
    import math
    by = {r["name"]: r for r in sites}
    L = []
    main_sites = sites
    worst = max(main_sites, key=lambda r: r["ratios"]["katalog_over_copy"])
    ok = all(r["ratios"]["katalog_over_copy"] <= 1.5 for r in main_sites)
    L.append(f"- (a) cold build ≤ 1.5× a plain copy of its output: {'met' if ok else 'NOT met'}. Katalog/copy "
             + ", ".join(f"{r['name']} {fmt(r['ratios']['katalog_over_copy'])}× (CPU {fmt(r['ratios']['katalog_over_copy_cpu'])}×)"
                         for r in main_sites) + f"; worst {worst['name']}.")
    in_memory = [r for r in main_sites if r.get("ratios_in_memory")]
    if in_memory:
        L.append("  In memory (tmpfs): Katalog/copy " + ", ".join(
            f"{r['name']} {fmt(r['ratios_in_memory']['katalog_over_copy'])}×" for r in in_memory) + ".")
    ok_b1 = all(r["ratios"]["katalog_over_hugo"] < 1 for r in main_sites)
    line = (f"- (b) faster than Hugo at every N: {'met' if ok_b1 else 'NOT met'} (Katalog/Hugo "
            + ", ".join(f"{r['name']} {fmt(r['ratios']['katalog_over_hugo'])}× (CPU {fmt(r['ratios']['katalog_over_hugo_cpu'])}×)"
                        for r in main_sites) + ")")
    if "n30000" in by:
        pp = by["n30000"]["ratios"]["katalog_per_page_over_hugo_per_page"]
        line += f"; at 30 000 time per page Katalog/Hugo = {fmt(pp)} (target ≤ 0.5: {'met' if pp <= 0.5 else 'NOT met'})"
        mem = by["n30000"].get("ratios_in_memory")
        if mem:
            line += (f"; in memory (tmpfs) Katalog/Hugo = {fmt(mem['katalog_over_hugo'])} "
                     f"(CPU {fmt(mem['katalog_over_hugo_cpu'])}; ≤ 0.5: {'met' if mem['katalog_over_hugo'] <= 0.5 else 'NOT met'})")
    L.append(line + ".")
    if "n30000" in by:
        rss = by["n30000"]["timings"]["katalog"]["maxrss_mb_max"]
        line = (f"- (c) peak memory < 300 MB at 30 000: {'met' if rss < 300 else 'NOT met'} ({fmt(rss, 0)} MB, "
                f"{fmt(rss / 300, 2)}× the limit)")
        L.append(line + ".")
    with_search = [r for r in sites if r.get("search")]
    if with_search:
        big = by.get("n30000", {}).get("search")
        verdict = ("met" if big["worst_query_any"] <= 100_000 else "NOT met") if big else "not measured (no n30000)"
        L.append(f"- (e) a search query downloads ≤ 100 KB gzipped at 30 000 records: {verdict}. Worst one-word "
                 "query (manifest, chunks of terms, title lists within budget, store files of the best hits; "
                 "an upper bound): " + ", ".join(f"{r['name']} {fmt(r['search']['worst_query_any'] / 1000, 1)} KB"
                                                 for r in with_search) + ".")
    series = [by[n] for n in ["n290", "n3000", "n9000", "n30000"] if n in by]
    if len(series) >= 2:
        parts = []
        for a, b in zip(series, series[1:]):
            pa, pb = a["katalog_output"]["html_pages"], b["katalog_output"]["html_pages"]
            ta, tb = a["timings"]["katalog"]["wall_median"], b["timings"]["katalog"]["wall_median"]
            ca, cb = a["timings"]["katalog"]["cpu_median"], b["timings"]["katalog"]["cpu_median"]
            parts.append(f"{a['name']}→{b['name']}: exponent {fmt(math.log(tb / ta) / math.log(pb / pa))} wall, "
                         f"{fmt(math.log(cb / ca) / math.log(pb / pa))} CPU")
        per = ", ".join(f"{r['name']} {fmt(r['ratios']['katalog_ms_per_page'], 3)} ms "
                        f"({fmt(r['ratios']['katalog_cpu_ms_per_page'], 3)} CPU ms)" for r in series)
        first = next((r for r in series if r["name"] == "n3000"), series[0])
        growth = series[-1]["ratios"]["katalog_cpu_ms_per_page"] / first["ratios"]["katalog_cpu_ms_per_page"]
        L.append(f"- (d) time linear in N (criterion: CPU time per page at the largest N within 1.25× of {first['name']}): "
                 f"{'met' if growth <= 1.25 else 'NOT met'} (×{fmt(growth)}). Time per page: {per}. "
                 f"Growth exponents (1 = linear): {'; '.join(parts)}.")
    return L


def main():
    if not KATALOG.exists():
        raise SystemExit("build the release binary first: cargo build --release")
    wanted = os.environ.get("BENCH_SITES")
    sites = [s for s in SITES if not wanted or s[0] in wanted.split(",")]
    WORK.mkdir(exist_ok=True)
    RESULTS.mkdir(exist_ok=True)
    m = machine()
    log(json.dumps(m, indent=1))
    results = []
    for name, gen, desc in sites:
        results.append(bench_site(name, gen, desc))
        (RESULTS / "results.json").write_text(json.dumps({"machine": m, "sites": results}, indent=1) + "\n")
    (RESULTS / "results.md").write_text(report(m, results))
    if any(r["name"] == "national" for r in results):
        weights = json.loads(sh([sys.executable, str(BENCH / "pageweights.py"),
                                 str(WORK / "out/national/katalog-ref"), str(RESULTS / "pageweights.md")]))
        (RESULTS / "pageweights.json").write_text(json.dumps(weights, indent=1, ensure_ascii=False) + "\n")
    print((RESULTS / "results.md").read_text())


if __name__ == "__main__":
    main()
