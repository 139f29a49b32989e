package conformance

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-runtime/lua/internal/chunkedfile"
)

// chunkTimeout bounds one chunk's run on either engine; a script test that
// needs longer is broken (an infinite loop), not slow.
const chunkTimeout = 10 * time.Second

// scriptFiles returns every script test of the repository: each *.lua file
// directly inside a folder named testdata, anywhere in the main module
// (fuzz corpora and the bench module excluded), sorted.
func scriptFiles(t *testing.T) []string {
	t.Helper()
	root := moduleRoot(t)
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "fuzz" || name == "bench" && filepath.Dir(path) == root) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".lua") && filepath.Base(filepath.Dir(path)) == "testdata" {
			files = append(files, path)
		}
		return nil
	})
	require.NoError(t, err)
	sort.Strings(files)
	return files
}

// moduleRoot is the repository root: the folder above conformance/.
func moduleRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	require.NoError(t, err)
	return filepath.Dir(wd)
}

// needReference returns the reference interpreter or skips the test.
func needReference(t *testing.T) *Reference {
	t.Helper()
	ref, err := FindReference()
	if err != nil {
		t.Skipf("%s not found in $PATH (install Debian's lua5.1; .ci/run does): %v", ReferenceBinary, err)
	}
	return ref
}

// kestrelOnly lists script tests of other packages that test kestrel-lua
// extensions Lua 5.1 has no counterpart for; they are not run under lua5.1.
// Each entry must name an existing file (checked), so a rename cannot
// silently widen the list.
var kestrelOnly = map[string]string{
	"compiler/testdata/errors_fields.lua": "event field sites resolved against a schema: kestrel-lua's own compile errors",
}

// TestScripts runs every chunk of every script test under lua5.1 and
// kestrel-lua and requires identical outcomes; chunks of chunked files must
// also satisfy their error marks (on both engines).
func TestScripts(t *testing.T) {
	ref := needReference(t)
	eng := kestrelEngine(t)
	plain := &Kestrel{MemoryLimitKB: testMemoryLimitKB, NoOptimize: true}
	root := moduleRoot(t)
	files := scriptFiles(t)
	require.NotEmpty(t, files)
	var nchunks, nfiles int
	for rel := range kestrelOnly {
		assert.FileExists(t, filepath.Join(root, rel), "kestrelOnly lists a file that does not exist")
	}
	for _, file := range files {
		rel, _ := filepath.Rel(root, file)
		if why, ok := kestrelOnly[filepath.ToSlash(rel)]; ok {
			t.Logf("%s: not compared with lua5.1: %s", rel, why)
			continue
		}
		t.Run(rel, func(t *testing.T) {
			src, err := os.ReadFile(file)
			require.NoError(t, err)
			chunks, err := chunkedfile.Split(rel, src)
			require.NoError(t, err)
			// The marks of this package's scripts are checked on both
			// engines. Other packages' script tests have their own
			// conventions (compile-only chunks, schema-dependent errors
			// that Lua 5.1 cannot raise), so for them only the two engines'
			// outcomes are compared.
			marked := strings.HasPrefix(rel, "conformance"+string(filepath.Separator))
			nfiles++
			dir := t.TempDir()
			name := filepath.Base(file)
			for i := range chunks {
				c := &chunks[i]
				nchunks++
				ctx, cancel := context.WithTimeout(context.Background(), chunkTimeout)
				want, err := ref.RunSource(ctx, dir, name, []byte(c.Source))
				cancel()
				require.NoError(t, err, c.Name())
				if os.Getenv("KESTREL_SHOW_REF") != "" {
					t.Logf("%s: %s\n%s", c.Name(), errString(want), want.Stdout)
				}
				if marked {
					assert.NoError(t, c.Check("chunk", want.Failed, want.Error), "lua5.1 disagrees with the expectation (the test is wrong)")
				}
				// Both compilations must agree with lua5.1: the optimiser
				// (constant folding, superinstructions) must not change
				// behaviour.
				for _, e := range []struct {
					name string
					eng  Engine
				}{{"kestrel-lua", eng}, {"kestrel-lua (plain bytecode)", plain}} {
					ctx, cancel = context.WithTimeout(context.Background(), chunkTimeout)
					got, err := e.eng.RunSource(ctx, name, []byte(c.Source))
					cancel()
					require.NoError(t, err, c.Name())
					if d := Diff(want, got); d != "" {
						t.Errorf("%s:%d: chunk %d: %s differs from lua5.1:\n%s", rel, c.StartLine, c.Index, e.name, d)
						break
					} else if marked {
						assert.NoError(t, c.Check("chunk", got.Failed, got.Error))
					}
				}
			}
		})
	}
	t.Logf("%d script files, %d chunks", nfiles, nchunks)
}
