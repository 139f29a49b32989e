package parser_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/parser"
)

// chunk is one chunk of a script test file: the lines between "---"
// separators. wantLine is the chunk-relative line carrying a
// `-- ### "regexp"` mark (0 if none) and want the compiled regexp.
type chunk struct {
	file      string
	firstLine int // line of the chunk in its file
	src       string
	wantLine  int
	want      *regexp.Regexp
}

var markRE = regexp.MustCompile(`-- ### "(.*)"\s*$`)

// readChunks splits a script test file into chunks. Chunks are joined with
// "\n" without a final newline, so that an error at the end of input is
// on the chunk's last line.
func readChunks(t *testing.T, file string) []chunk {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var chunks []chunk
	var lines []string
	first := 1
	flush := func(next int) {
		c := chunk{file: file, firstLine: first, src: strings.Join(lines, "\n")}
		for i, l := range lines {
			if m := markRE.FindStringSubmatch(l); m != nil {
				require.Zero(t, c.wantLine, "%s:%d: two error marks in one chunk", file, first+i)
				c.wantLine = i + 1
				c.want = regexp.MustCompile(m[1])
			}
		}
		chunks = append(chunks, c)
		lines = nil
		first = next
	}
	for i, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if l == "---" {
			flush(i + 2)
			continue
		}
		lines = append(lines, l)
	}
	flush(0)
	return chunks
}

func scriptFiles(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "*.lua"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	return files
}

// TestScripts parses every chunk of testdata/*.lua: chunks without a mark
// must parse, a chunk with a mark must fail on the marked line with a
// message matching the regexp.
func TestScripts(t *testing.T) {
	for _, file := range scriptFiles(t) {
		for _, c := range readChunks(t, file) {
			name := file + ":" + strconv.Itoa(c.firstLine)
			_, err := parser.Parse("chunk", []byte(c.src))
			if c.want == nil {
				assert.NoError(t, err, "%s: chunk must parse", name)
				continue
			}
			var se *parser.SyntaxError
			if !assert.ErrorAs(t, err, &se, "%s: chunk must fail", name) {
				continue
			}
			line, _ := strconv.Atoi(strings.Split(se.LuaMessage(), ":")[1])
			assert.Equal(t, c.wantLine, line, "%s: error line of %q", name, se.LuaMessage())
			assert.Regexp(t, c.want, se.Msg, "%s: message", name)
		}
	}
}

// TestScriptsAgreeWithLuac runs luac5.1 -p on every chunk: it must accept
// exactly the chunks without a mark, and reject the others with the very
// message Parse gives (SyntaxError.LuaMessage, byte for byte).
func TestScriptsAgreeWithLuac(t *testing.T) {
	luac, err := exec.LookPath("luac5.1")
	if err != nil {
		t.Skip("luac5.1 not installed; skipping the comparison with the reference compiler")
	}
	dir := t.TempDir()
	for _, file := range scriptFiles(t) {
		for _, c := range readChunks(t, file) {
			name := file + ":" + strconv.Itoa(c.firstLine)
			path := filepath.Join(dir, "chunk.lua")
			require.NoError(t, os.WriteFile(path, []byte(c.src), 0o644))
			var stderr bytes.Buffer
			cmd := exec.Command(luac, "-p", path)
			cmd.Args[0] = "luac5.1"
			cmd.Stderr = &stderr
			runErr := cmd.Run()
			_, err := parser.Parse(path, []byte(c.src))
			if c.want == nil {
				assert.NoError(t, runErr, "%s: luac5.1 rejects a chunk without mark: %s", name, stderr.String())
				continue
			}
			if !assert.Error(t, runErr, "%s: luac5.1 accepts a chunk marked as failing", name) {
				continue
			}
			var se *parser.SyntaxError
			if assert.ErrorAs(t, err, &se, name) {
				assert.Equal(t, strings.TrimSpace(stderr.String()), "luac5.1: "+se.LuaMessage(), "%s: message differs from luac5.1", name)
			}
		}
	}
}
