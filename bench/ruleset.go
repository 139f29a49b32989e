package bench

import (
	"fmt"
	"regexp"
	"strings"

	glua "github.com/yuin/gopher-lua"
)

// RuleSetSize is the number of rules in the rule-set benchmark and
// RuleSetEvents the number of distinct events it streams through them.
const (
	RuleSetSize   = 500
	RuleSetEvents = 100_000
)

// The pools the rule-set events and rules are drawn from.
var (
	rsDirs = []string{"/tmp/", "/usr/bin/", "/usr/sbin/", "/bin/", "/home/alice/", "/home/bob/bin/",
		"/dev/shm/", "/var/tmp/", "/opt/app/", "/usr/local/bin/", "/srv/www/", "/run/user/1000/"}
	rsFiles = []string{"bash", "sh", "python3", "curl", "wget", "nc", "sshd", "cron", "backup.sh",
		"deploy.sh", "loader.py", "x", "miner", "nginx", "agent", "update.sh", "run.py", "ls"}
	rsNames = []string{"bash", "python3", "curl", "sshd", "cron", "nginx", "xmrig", "ncat-listener",
		"systemd", "kworker/0:1", "postgres", "java", "node", "containerd", "chisel-client", "dockerd",
		"socat", "sleep", "tar", "gzip"}
	rsNeedles = []string{
		"mimikatz", "xmrig", "minerd", "cryptonight", "meterpreter", "netcat", "nmap", "masscan",
		"hydra", "hashcat", "tcpdump", "chisel", "ngrok", "procdump", "lazagne", "kworkerds",
		"kdevtmpfs", "socat", "ncat", "pwnkit", "sliver", "cobalt", "empire", "pupy", "merlin",
		"havoc", "bruteratel", "rubeus", "seatbelt", "sharphound", "bloodhound", "responder",
		"impacket", "crackmapexec", "evil-winrm", "ligolo", "frp", "gost", "iox", "rathole"}
	rsDirAlts = []string{"tmp", "dev/shm", "var/tmp", "run/user/[0-9]+", "home/[a-z]+", "opt/[a-z]+"}
	rsExts    = []string{"sh", "py", "pl", "rb", "elf", "bin"}
)

// RuleSetGoEvents returns the rule-set benchmark's events, generated
// deterministically (a fixed linear congruential sequence).
func RuleSetGoEvents() []GoEvent {
	evs := make([]GoEvent, RuleSetEvents)
	x := uint64(0x9e3779b97f4a7c15)
	next := func(n int) int {
		x = x*6364136223846793005 + 1442695040888963407
		return int((x >> 33) % uint64(n))
	}
	for i := range evs {
		e := &evs[i]
		if next(16) != 0 {
			e.HasExe = true
			e.Exe = rsDirs[next(len(rsDirs))] + rsFiles[next(len(rsFiles))]
		}
		e.Pid = int64(1 + next(40000))
		e.Name = rsNames[next(len(rsNames))]
		e.Flag = next(2) == 0
		e.UID = []int64{0, 0, 1000, 33}[next(4)]
	}
	return evs
}

// ruleParams are the parameters of rule k of the rule set, shared by every
// engine's rendering of it.
type ruleParams struct {
	kind    int // 0 P1-like, 1 P2-like, 2 P3-like, 3 P4-like
	dir     string
	ext     string
	pid     int64
	uid     int64
	pattern string
	needles []string
}

func ruleSetParams(k int) ruleParams {
	p := ruleParams{kind: k % 4}
	j := k / 4
	p.dir = rsDirs[j%len(rsDirs)]
	p.ext = "." + rsExts[j%len(rsExts)]
	p.pid = int64(500 + (j*397)%30000)
	p.uid = []int64{0, 1000, 33}[j%3]
	// 25 distinct patterns: rules share compiled regexes as real rule
	// sets do, and a regex cache of 25+ entries holds them all.
	a := j % 25
	p.pattern = fmt.Sprintf(`^/(%s|%s)/.*\.(%s|%s)$`,
		rsDirAlts[a%len(rsDirAlts)], rsDirAlts[(a/len(rsDirAlts)+a+1)%len(rsDirAlts)],
		rsExts[a%len(rsExts)], rsExts[(a+1)%len(rsExts)])
	for n := range 20 {
		p.needles = append(p.needles, rsNeedles[(j+n)%len(rsNeedles)])
	}
	return p
}

// RuleSetSource renders rule k of the rule set in engine's language.
func RuleSetSource(engine string, k int) string {
	p := ruleSetParams(k)
	switch engine {
	case "kestrel", "gopherlua":
		switch p.kind {
		case 0:
			return fmt.Sprintf(`return function(event)
  local exe = event:get_str(1)
  return exe ~= nil and (string.contains(exe, %q) or
    (string.endswith(exe, %q) and not string.startswith(exe, "/bin/")))
end
`, p.dir, p.ext)
		case 1:
			return fmt.Sprintf(`return function(event)
  return event:get_i64(2) > %d and event:get_i64(5) == %d and event:get_bool(4)
end
`, p.pid, p.uid)
		case 2:
			return fmt.Sprintf(`return function(event)
  local exe = event:get_str(1)
  return exe ~= nil and regex.match(%q, exe)
end
`, p.pattern)
		default:
			return `local needles = {` + quotedList(p.needles, `"`) + `}
return function(event)
  local name = event:get_str(3)
  if name == nil then return false end
  for i = 1, #needles do
    if string.contains(name, needles[i]) then return true end
  end
  return false
end
`
		}
	case "expr":
		switch p.kind {
		case 0:
			return fmt.Sprintf(`has_exe && (exe contains %q || (exe endsWith %q && not (exe startsWith "/bin/")))`, p.dir, p.ext)
		case 1:
			return fmt.Sprintf(`pid > %d && uid == %d && flag`, p.pid, p.uid)
		case 2:
			return fmt.Sprintf(`has_exe && exe matches %q`, p.pattern)
		default:
			return `any([` + quotedList(p.needles, `"`) + `], name contains #)`
		}
	case "cel":
		switch p.kind {
		case 0:
			return fmt.Sprintf(`has_exe && (exe.contains('%s') || (exe.endsWith('%s') && !exe.startsWith('/bin/')))`, p.dir, p.ext)
		case 1:
			return fmt.Sprintf(`pid > %d && uid == %d && flag`, p.pid, p.uid)
		case 2:
			return fmt.Sprintf(`has_exe && exe.matches(r'%s')`, p.pattern)
		default:
			return `[` + quotedList(p.needles, `'`) + `].exists(s, name.contains(s))`
		}
	case "go":
		return GoRuleSource(fmt.Sprintf("ruleset-%d", k), goRule(p))
	}
	panic("RuleSetSource: unknown engine " + engine)
}

// goRule is rule p as hand-written Go.
func goRule(p ruleParams) func(*GoEvent) bool {
	switch p.kind {
	case 0:
		return func(e *GoEvent) bool {
			return e.HasExe && (strings.Contains(e.Exe, p.dir) ||
				(strings.HasSuffix(e.Exe, p.ext) && !strings.HasPrefix(e.Exe, "/bin/")))
		}
	case 1:
		return func(e *GoEvent) bool { return e.Pid > p.pid && e.UID == p.uid && e.Flag }
	case 2:
		re := regexp.MustCompile(p.pattern)
		return func(e *GoEvent) bool { return e.HasExe && re.MatchString(e.Exe) }
	default:
		return func(e *GoEvent) bool {
			for _, n := range p.needles {
				if strings.Contains(e.Name, n) {
					return true
				}
			}
			return false
		}
	}
}

// RuleSet is a compiled rule set for one engine over the rule-set events.
type RuleSet struct {
	Engine *Engine
	Events *EventSet
	Progs  []Program
}

// CompileRuleSet compiles the RuleSetSize rules for e over events.
func CompileRuleSet(e *Engine, events *EventSet) (*RuleSet, error) {
	rs := &RuleSet{Engine: e, Events: events}
	for k := range RuleSetSize {
		prog, err := e.Compile(RuleSetSource(e.Name, k), events)
		if err != nil {
			return nil, fmt.Errorf("rule %d: %w", k, err)
		}
		rs.Progs = append(rs.Progs, prog)
	}
	return rs, nil
}

// RuleSetRunner evaluates every rule of a set for one goroutine.
type RuleSetRunner struct{ runners []Runner }

// NewRunner returns a runner for one goroutine. gopher-lua rules share one
// LState per goroutine, as a gopher-lua embedder would do.
func (rs *RuleSet) NewRunner() (*RuleSetRunner, error) {
	var L *glua.LState
	out := &RuleSetRunner{}
	for _, p := range rs.Progs {
		var r Runner
		var err error
		if gp, ok := p.(*gopherProgram); ok {
			if L == nil {
				L = NewGopherState()
			}
			r, err = gp.newRunnerIn(L)
		} else {
			r, err = p.NewRunner()
		}
		if err != nil {
			return nil, err
		}
		out.runners = append(out.runners, r)
	}
	return out, nil
}

// Eval evaluates all rules on event i and returns how many matched.
func (r *RuleSetRunner) Eval(i int) (int, error) {
	n := 0
	for _, rr := range r.runners {
		m, err := rr.Eval(i)
		if err != nil {
			return n, err
		}
		if m {
			n++
		}
	}
	return n, nil
}
