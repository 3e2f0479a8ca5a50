#!/usr/bin/env bash
# The Katalog benchmark: one command, not part of the test suite.
#
#   bash bench/run.sh
#
# Builds the release binary, makes sure /usr/bin/time (Debian package `time`) and
# `hugo` are there (installing them with apt-get when running as root), then runs
# bench/bench.py: synthetic sites of 290, 3 000, 9 000 and 30 000 records plus the
# bundled national site, each built by Katalog, copied with cp -r and built by Hugo.
# Generated sites and outputs go to bench/work/ (ignored by git, about 8 GB at peak);
# results to bench/results/. Takes 20-30 minutes on 2 CPUs.
#
# Environment: BENCH_RUNS (5), BENCH_RUNS_LARGE (3), BENCH_SITES (comma-separated
# subset of: national,n290,n290-geo,n3000,n9000,n30000),
# BENCH_QUIET_WAIT (15), BENCH_KEEP (0). See bench/bench.py.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v hugo >/dev/null || missing+=(hugo)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}"
  else
    echo "missing: ${missing[*]} (Debian: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }

cargo build --release --locked
python3 bench/bench.py
