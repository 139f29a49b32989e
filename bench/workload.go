package bench

import (
	"regexp"
	"strings"
)

// Field ids of the workload's events.
const (
	FieldExe  = 1 // executable path, string
	FieldPid  = 2 // process id, i64
	FieldName = 3 // process name, string
	FieldFlag = 4 // a flag, bool
	FieldUID  = 5 // user id, i64
)

// GoEvent is the workload's event as a plain Go struct: the representation
// hand-written Go and expr work on, and the one the other engines' event
// representations are built from. HasExe is false when the event has no
// executable field (field 1 absent).
type GoEvent struct {
	Exe    string `expr:"exe"`
	HasExe bool   `expr:"has_exe"`
	Pid    int64  `expr:"pid"`
	Name   string `expr:"name"`
	Flag   bool   `expr:"flag"`
	UID    int64  `expr:"uid"`
}

// Events is the fixed set of eight events every predicate benchmark cycles
// through (index i&7). The comment after each event gives the expected
// results of P1..P4 (P5 is always true).
var Events = [8]GoEvent{
	{Exe: "/tmp/x.sh", HasExe: true, Pid: 4242, Name: "bash", Flag: true, UID: 0},                    // P1 P2 P3 -
	{Exe: "/usr/bin/python3", HasExe: true, Pid: 999, Name: "python3", Flag: false, UID: 1000},       // -  -  -  -
	{Exe: "/home/u/run.sh", HasExe: true, Pid: 1500, Name: "run.sh", Flag: true, UID: 1000},          // P1 -  -  -
	{Exe: "/bin/backup.sh", HasExe: true, Pid: 2000, Name: "backup", Flag: true, UID: 0},             // -  P2 -  -
	{Exe: "/dev/shm/.x/loader.py", HasExe: true, Pid: 31337, Name: "xmrig", Flag: true, UID: 0},      // -  P2 P3 P4
	{Pid: 1, Name: "systemd", Flag: false, UID: 0},                                                   // -  -  -  -
	{Exe: "/usr/sbin/sshd", HasExe: true, Pid: 812, Name: "sshd", Flag: false, UID: 0},               // -  -  -  -
	{Exe: "/var/tmp/kit/miner", HasExe: true, Pid: 7001, Name: "ncat-listener", Flag: false, UID: 0}, // P1 -  -  P4
}

// WantMatches is the expected result of P1..P5 on each of [Events], written
// down by hand from the predicates' definitions; every engine must agree.
var WantMatches = [NumPredicates][8]bool{
	{true, false, true, false, false, false, false, true},
	{true, false, false, true, true, false, false, false},
	{true, false, false, false, true, false, false, false},
	{false, false, false, false, true, false, false, true},
	{true, true, true, true, true, true, true, true},
}

// NumPredicates is the number of workload predicates, P1..P5.
const NumPredicates = 5

// P3Pattern is P3's regular expression (RE2 syntax, which every engine
// here uses).
const P3Pattern = `^/(tmp|dev/shm)/.*\.(sh|py)$`

// P4Needles are the 20 substrings P4 looks for in the process name. The
// order matters for cost: a non-matching name is tested against all 20.
var P4Needles = [20]string{
	"mimikatz", "xmrig", "minerd", "cryptonight", "meterpreter",
	"netcat", "nmap", "masscan", "hydra", "hashcat",
	"tcpdump", "chisel", "ngrok", "procdump", "lazagne",
	"kworkerds", "kdevtmpfs", "socat", "ncat", "pwnkit",
}

// goP3Regexp is P3's pattern compiled once.
var goP3Regexp = regexp.MustCompile(P3Pattern)

// GoPredicates are P1..P5 as hand-written Go over [GoEvent]: the floor no
// interpreter can beat.
var GoPredicates = [NumPredicates]func(e *GoEvent) bool{
	func(e *GoEvent) bool {
		return e.HasExe && (strings.Contains(e.Exe, "/tmp/") ||
			(strings.HasSuffix(e.Exe, ".sh") && !strings.HasPrefix(e.Exe, "/bin/")))
	},
	func(e *GoEvent) bool { return e.Pid > 1000 && e.UID == 0 && e.Flag },
	func(e *GoEvent) bool { return e.HasExe && goP3Regexp.MatchString(e.Exe) },
	func(e *GoEvent) bool {
		for _, n := range P4Needles {
			if strings.Contains(e.Name, n) {
				return true
			}
		}
		return false
	},
	func(e *GoEvent) bool { return true },
}

// LuaPredicates are P1..P5 as Lua rules: the same source runs on
// kestrel-lua and on gopher-lua (where the detection builtins
// string.contains, string.startswith, string.endswith and regex.match are
// registered as Go functions to match kestrel-lua's).
var LuaPredicates = [NumPredicates]string{
	`return function(event)
  local exe = event:get_str(1)
  return exe ~= nil and (string.contains(exe, "/tmp/") or
    (string.endswith(exe, ".sh") and not string.startswith(exe, "/bin/")))
end
`,
	`return function(event)
  return event:get_i64(2) > 1000 and event:get_i64(5) == 0 and event:get_bool(4)
end
`,
	`return function(event)
  local exe = event:get_str(1)
  return exe ~= nil and regex.match("^/(tmp|dev/shm)/.*\\.(sh|py)$", exe)
end
`,
	`local needles = {` + luaStringList(P4Needles[:]) + `}
return function(event)
  local name = event:get_str(3)
  if name == nil then return false end
  for i = 1, #needles do
    if string.contains(name, needles[i]) then return true end
  end
  return false
end
`,
	`return function(event) return true end
`,
}

// ExprPredicates are P1..P5 in expr's language, over [GoEvent] as the
// environment.
var ExprPredicates = [NumPredicates]string{
	`has_exe && (exe contains "/tmp/" || (exe endsWith ".sh" && not (exe startsWith "/bin/")))`,
	`pid > 1000 && uid == 0 && flag`,
	`has_exe && exe matches "^/(tmp|dev/shm)/.*\\.(sh|py)$"`,
	`any([` + quotedList(P4Needles[:], `"`) + `], name contains #)`,
	`true`,
}

// CELPredicates are P1..P5 in CEL, over the variables exe, has_exe, pid,
// name, flag and uid.
var CELPredicates = [NumPredicates]string{
	`has_exe && (exe.contains('/tmp/') || (exe.endsWith('.sh') && !exe.startsWith('/bin/')))`,
	`pid > 1000 && uid == 0 && flag`,
	`has_exe && exe.matches(r'^/(tmp|dev/shm)/.*\.(sh|py)$')`,
	`[` + quotedList(P4Needles[:], `'`) + `].exists(s, name.contains(s))`,
	`true`,
}

func luaStringList(ss []string) string { return quotedList(ss, `"`) }

func quotedList(ss []string, q string) string {
	var b strings.Builder
	for i, s := range ss {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(q + s + q)
	}
	return b.String()
}
