#!/usr/bin/env bash
# Reproduces bench/README.md's tables: the side-by-side benchmarks with
# -count 10 (medians over 10 runs), benchstat's summary, the README tables
# (cmd/benchtable), and the kestrel-only op benchmarks with -count 5.
# Takes about 15 minutes on the 2-core reference machine.
#
# benchstat is installed into a temporary GOBIN, never into a go.mod.
set -euo pipefail
cd "$(dirname "$0")"
out=results
count=${COUNT:-10}
benchtime=${BENCHTIME:-500ms}
mkdir -p "$out"

gobin=$(mktemp -d)
GOBIN=$gobin GOFLAGS= go install golang.org/x/perf/cmd/benchstat@latest

go test -run '^$' -timeout 60m -benchmem -count "$count" -benchtime "$benchtime" \
  -bench '^Benchmark(P[1-5]|CompileP1|RetainedHeapP1|EngineCreate|RuleSet500|Classic)$' | tee "$out/new.txt"
go test -run '^$' -timeout 30m -benchmem -count "${OPS_COUNT:-5}" -benchtime 200ms \
  -bench '^BenchmarkKestrel(Ops|JIT)$' | tee "$out/ops.txt"

"$gobin/benchstat" "$out/new.txt" > "$out/benchstat.txt"
"$gobin/benchstat" "$out/ops.txt" > "$out/benchstat-ops.txt"
go run ./cmd/benchtable "$out/new.txt" > "$out/tables.md"
rm -rf "$gobin"
echo "wrote $out/new.txt $out/ops.txt $out/benchstat.txt $out/benchstat-ops.txt $out/tables.md"
