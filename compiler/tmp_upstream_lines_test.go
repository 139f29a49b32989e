package compiler_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kestrel-runtime/lua/compiler"
	"github.com/kestrel-runtime/lua/parser"
)

func TestTmpUpstreamLines(t *testing.T) {
	dir := os.Getenv("TMPDIR_LUA")
	files, _ := filepath.Glob(filepath.Join(dir, "*.lua"))
	for _, file := range files {
		src, _ := os.ReadFile(file)
		if bytes.HasPrefix(src, []byte("#")) {
			if i := bytes.IndexByte(src, '\n'); i >= 0 {
				src = src[i:]
			}
		}
		path := filepath.Join(t.TempDir(), filepath.Base(file))
		os.WriteFile(path, src, 0o644)
		var stdout bytes.Buffer
		cmd := exec.Command("luac5.1", "-l", "-p", path)
		cmd.Stdout = &stdout
		if cmd.Run() != nil {
			continue
		}
		want := parseListing(t, stdout.String())
		wl := allLines(stdout.String())
		chunk, err := parser.Parse(path, src)
		if err != nil {
			t.Log(err)
			continue
		}
		p, err := compiler.Compile(chunk, compiler.Options{Optimize: os.Getenv("PLAIN") == "", CompatVarargArg: true})
		if err != nil {
			t.Log(err)
			continue
		}
		text := fullListing(p)
		got := parseListing(t, text)
		gl := allLines(text)
		ps := protos(p)
		for i := range want {
			a := strings.Split(lineListing(t, want[i], ps[i], wl[i]), "\n")
			b := strings.Split(lineListing(t, got[i], noUpvals(ps[i]), gl[i]), "\n")
			if len(a) != len(b) {
				fmt.Printf("%s fn %d: length differs\n", file, i)
				continue
			}
			for k := range a {
				if a[k] != b[k] {
					fmt.Printf("%s fn %d (line %d): luac %s ours %s\n", filepath.Base(file), i, ps[i].LineDefined, a[k], b[k])
				}
			}
		}
	}
}
