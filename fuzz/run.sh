#!/usr/bin/env bash
# Runs every cargo fuzz target for RUNS executions (default 1,000,000; SECONDS_PER_TARGET caps
# the time of each) on the seed corpus from
# the samples (fuzz/seeds/TARGET, plus the raw texts for normalize and the normalized JSON for
# load). Needs a nightly toolchain and cargo-fuzz (cargo install cargo-fuzz). The build has no
# sanitizer and no compare tracing (strata is safe Rust, and bundled SQLite is not on these paths):
# on this machine ASan and -trace-compares made each execution 10-30x slower. SANITIZER=address
# turns ASan back on. New corpus
# entries go to fuzz/corpus/ (not committed); a crash leaves its input in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
runs=${RUNS:-1000000}
for t in ${TARGETS:-normalize load diff search}; do
  extra=()
  max_len=2048
  case $t in
    normalize) extra=(../samples/raw) max_len=8192 ;;
    load) extra=(../samples) max_len=65536 ;;
    search) max_len=256 ;;
  esac
  mkdir -p "corpus/$t"
  cargo +nightly fuzz run -O -s "${SANITIZER:-none}" --no-trace-compares "$t" "corpus/$t" "seeds/$t" "${extra[@]}" -- \
    -runs="$runs" -max_len="${MAX_LEN:-$max_len}" -max_total_time="${SECONDS_PER_TARGET:-0}" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    >"corpus/$t.log" 2>&1 || { echo "$t: FAILED (see fuzz/corpus/$t.log)"; tail -30 "corpus/$t.log"; exit 1; }
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec)|Done [0-9]+ runs' "corpus/$t.log" | sed "s/^/$t: /"
done
