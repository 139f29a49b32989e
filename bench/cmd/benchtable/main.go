// Command benchtable turns the raw output of the bench module's benchmarks
// (go test -bench, any -count) into the markdown tables of bench/README.md:
// the median of every metric, and the ratios to hand-written Go and to each
// peer engine.
//
// Usage:
//
//	go run ./cmd/benchtable new.txt
package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// results maps a benchmark name (without the -GOMAXPROCS suffix) and a unit
// to the values measured over all runs.
type results map[string]map[string][]float64

var procsSuffix = regexp.MustCompile(`-\d+$`)

func parse(r io.Reader) (results, error) {
	res := results{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := procsSuffix.ReplaceAllString(f[0], "")
		if res[name] == nil {
			res[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%q: %v", sc.Text(), err)
			}
			res[name][f[i+1]] = append(res[name][f[i+1]], v)
		}
	}
	return res, sc.Err()
}

// median returns the median of a metric, or NaN when it was not measured.
func (r results) median(name, unit string) float64 {
	vs := append([]float64(nil), r[name][unit]...)
	if len(vs) == 0 {
		return math.NaN()
	}
	sort.Float64s(vs)
	if len(vs)%2 == 1 {
		return vs[len(vs)/2]
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2
}

func (r results) runs(name string) int { return len(r[name]["ns/op"]) }

var engines = []string{"go", "kestrel", "gopherlua", "expr", "cel"}

func ns(v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case v >= 1e6:
		return fmt.Sprintf("%.2f ms", v/1e6)
	case v >= 1e4:
		return fmt.Sprintf("%.1f µs", v/1e3)
	case v >= 100:
		return fmt.Sprintf("%.0f ns", v)
	default:
		return fmt.Sprintf("%.1f ns", v)
	}
}

func ratio(a, b float64) string {
	if math.IsNaN(a) || math.IsNaN(b) || b == 0 {
		return "–"
	}
	r := a / b
	if r >= 10 {
		return fmt.Sprintf("%.0f×", r)
	}
	return fmt.Sprintf("%.2f×", r)
}

func rate(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%.0f", v)
}

func count(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: benchtable FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	res, err := parse(f)
	f.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	targets(w, res)
	predicates(w, res)
	setup(w, res)
	ruleSet(w, res)
	classic(w, res)
}

// targets renders issue 6's targets against the kestrel-lua medians.
func targets(w io.Writer, r results) {
	fmt.Fprintln(w, "### Issue 6 targets")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| target | wanted | measured (median) | met? |")
	fmt.Fprintln(w, "|---|---|---|---|")
	row := func(what, want, got string, ok bool, known bool) {
		verdict := "**missed**"
		switch {
		case !known:
			verdict = "not measured"
		case ok:
			verdict = "met"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", what, want, got, verdict)
	}
	lim := []float64{40, 25, math.NaN(), 300, 10}
	for p := 1; p <= 5; p++ {
		k := r.median(pname(p, "kestrel"), "ns/op")
		if p == 3 {
			g := r.median(pname(p, "go"), "ns/op")
			row("P3 time", "≤ 1.3× Go", fmt.Sprintf("%s (%s Go)", ns(k), ratio(k, g)), k <= 1.3*g, !math.IsNaN(k*g))
			continue
		}
		row(fmt.Sprintf("P%d time", p), "≤ "+ns(lim[p-1]), ns(k), k <= lim[p-1], !math.IsNaN(k))
	}
	maxAllocs := 0.0
	known := true
	for p := 1; p <= 5; p++ {
		a := r.median(pname(p, "kestrel"), "allocs/op")
		known = known && !math.IsNaN(a)
		maxAllocs = math.Max(maxAllocs, a)
	}
	row("allocations per evaluation, P1–P5", "0", fmt.Sprintf("max %s", count(maxAllocs)), maxAllocs == 0, known)
	c := r.median("BenchmarkCompileP1/engine=kestrel", "ns/op")
	row("compile P1", "≤ 100 µs", ns(c), c <= 100e3, !math.IsNaN(c))
	h := r.median("BenchmarkRetainedHeapP1/engine=kestrel", "B/rule")
	row("heap retained per compiled P1", "≤ 1.5 KB", fmt.Sprintf("%.0f B", h), h <= 1536, !math.IsNaN(h))
	e := r.median("BenchmarkEngineCreate/engine=kestrel", "ns/op")
	row("engine creation (NewEngine)", "≤ 10 µs", ns(e), e <= 10e3, !math.IsNaN(e))
	er := r.median("BenchmarkEngineCreate/engine=kestrel-ready", "ns/op")
	row("engine creation + first LoadRule (sandbox built)", "(≤ 10 µs)", ns(er), er <= 10e3, !math.IsNaN(er))
	gm := classicGeoMean(r)
	row("classic programs vs gopher-lua (geometric mean)", "≥ 2× faster", fmt.Sprintf("%.2f×", gm), gm >= 2, !math.IsNaN(gm))
	one := r.median("BenchmarkRuleSet500/engine=kestrel/cores=1", "events/s")
	all := r.median("BenchmarkRuleSet500/engine=kestrel/cores=all", "events/s")
	row("500-rule throughput, all cores ÷ one core", "≥ 1.8×", ratio(all, one), all/one >= 1.8, !math.IsNaN(all/one))
	fmt.Fprintln(w)
}

// classicGeoMean is the geometric mean of gopher-lua time ÷ kestrel-lua
// time over the classic programs measured on both.
func classicGeoMean(r results) float64 {
	logSum, n := 0.0, 0
	for name := range r {
		if !strings.HasPrefix(name, "BenchmarkClassic/prog=") || !strings.HasSuffix(name, "/engine=gopherlua") {
			continue
		}
		k := r.median(strings.TrimSuffix(name, "gopherlua")+"kestrel", "ns/op")
		g := r.median(name, "ns/op")
		if !math.IsNaN(k) && !math.IsNaN(g) {
			logSum += math.Log(g / k)
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return math.Exp(logSum / float64(n))
}

func pname(p int, e string) string { return fmt.Sprintf("BenchmarkP%d/engine=%s", p, e) }

func predicates(w io.Writer, r results) {
	fmt.Fprintf(w, "### Predicates: median time per evaluation (allocs/op), %d runs\n\n", r.runs(pname(1, "go")))
	fmt.Fprintln(w, "| engine | P1 | P2 | P3 | P4 | P5 |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, e := range engines {
		fmt.Fprintf(w, "| %s |", e)
		for p := 1; p <= 5; p++ {
			fmt.Fprintf(w, " %s (%s) |", ns(r.median(pname(p, e), "ns/op")), count(r.median(pname(p, e), "allocs/op")))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\nRatios (kestrel-lua time ÷ hand-written Go; peers' time ÷ kestrel-lua time = how many times faster kestrel-lua is):")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| ratio | P1 | P2 | P3 | P4 | P5 |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	fmt.Fprint(w, "| kestrel ÷ go |")
	for p := 1; p <= 5; p++ {
		fmt.Fprintf(w, " %s |", ratio(r.median(pname(p, "kestrel"), "ns/op"), r.median(pname(p, "go"), "ns/op")))
	}
	fmt.Fprintln(w)
	for _, e := range engines[2:] {
		fmt.Fprintf(w, "| %s ÷ kestrel |", e)
		for p := 1; p <= 5; p++ {
			fmt.Fprintf(w, " %s |", ratio(r.median(pname(p, e), "ns/op"), r.median(pname(p, "kestrel"), "ns/op")))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
}

func setup(w io.Writer, r results) {
	fmt.Fprintln(w, "### Setup costs (medians)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| engine | compile P1 | allocs | heap retained per compiled P1 | engine creation |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, e := range append(engines[1:2:2], append([]string{"kestrel-ready"}, engines[2:]...)...) {
		c := "BenchmarkCompileP1/engine=" + e
		h := "BenchmarkRetainedHeapP1/engine=" + e
		cr := "BenchmarkEngineCreate/engine=" + e
		heap := "–"
		if v := r.median(h, "B/rule"); !math.IsNaN(v) {
			heap = fmt.Sprintf("%.0f B", v)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", e, ns(r.median(c, "ns/op")), count(r.median(c, "allocs/op")),
			heap, ns(r.median(cr, "ns/op")))
	}
	fmt.Fprintln(w)
}

func ruleSet(w io.Writer, r results) {
	fmt.Fprintln(w, "### 500 rules over 100,000 events (medians)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| engine | events/s, 1 core | events/s, all cores | scaling | allocs per event | time per event, 1 core |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, e := range engines {
		one := "BenchmarkRuleSet500/engine=" + e + "/cores=1"
		all := "BenchmarkRuleSet500/engine=" + e + "/cores=all"
		e1, ea := r.median(one, "events/s"), r.median(all, "events/s")
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", e, rate(e1), rate(ea), ratio(ea, e1), count(r.median(one, "allocs/op")),
			ns(r.median(one, "ns/op")))
	}
	fmt.Fprintln(w)
}

func classic(w io.Writer, r results) {
	fmt.Fprintln(w, "### Classic Lua programs (medians)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| program | kestrel | allocs | gopher-lua | allocs | gopher-lua ÷ kestrel |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	var names []string
	for n := range r {
		if strings.HasPrefix(n, "BenchmarkClassic/prog=") && strings.HasSuffix(n, "/engine=gopherlua") {
			names = append(names, strings.TrimSuffix(strings.TrimPrefix(n, "BenchmarkClassic/prog="), "/engine=gopherlua"))
		}
	}
	sort.Strings(names)
	for _, p := range names {
		k := r.median("BenchmarkClassic/prog="+p+"/engine=kestrel", "ns/op")
		g := r.median("BenchmarkClassic/prog="+p+"/engine=gopherlua", "ns/op")
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", p, ns(k), count(r.median("BenchmarkClassic/prog="+p+"/engine=kestrel", "allocs/op")),
			ns(g), count(r.median("BenchmarkClassic/prog="+p+"/engine=gopherlua", "allocs/op")), ratio(g, k))
	}
	if gm := classicGeoMean(r); !math.IsNaN(gm) {
		fmt.Fprintf(w, "| **geometric mean** | | | | | **%.2f×** |\n", gm)
	}
	fmt.Fprintln(w)
}
