package chunkedfile

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `assert(1 + 1 == 2)
---
local x
print(x.y) -- ### "attempt to index local 'x' \(a nil value\)"
---

error("boom")  -- ### "boom"
`

func TestSplitKeepsLineNumbersAndMarks(t *testing.T) {
	chunks, err := Split("s.lua", []byte(sample))
	require.NoError(t, err)
	require.Len(t, chunks, 3)

	assert.Equal(t, "assert(1 + 1 == 2)", chunks[0].Source)
	assert.Nil(t, chunks[0].Want)
	assert.Equal(t, 1, chunks[0].StartLine)
	assert.Equal(t, 1, chunks[0].EndLine)

	assert.Equal(t, "\n\nlocal x\nprint(x.y) -- ### \"attempt to index local 'x' \\(a nil value\\)\"", chunks[1].Source)
	require.NotNil(t, chunks[1].Want)
	assert.Equal(t, 4, chunks[1].Want.Line)
	assert.Equal(t, `attempt to index local 'x' \(a nil value\)`, chunks[1].Want.Pattern.String())
	assert.Equal(t, 3, chunks[1].StartLine)

	assert.Equal(t, 6, chunks[2].StartLine)
	assert.Equal(t, 7, chunks[2].Want.Line)
	assert.Equal(t, 6, strings.Count(chunks[2].Source, "\n"), "the chunk's last line stays line 7, without a line break")
	assert.Equal(t, "s.lua#2:6", chunks[2].Name())
}

func TestSplitSeparatorMustBeTheWholeLine(t *testing.T) {
	chunks, err := Split("s.lua", []byte("a = 1\n--- not a separator\n ---\n----\nb = 2\r\n---\r\nc = 3"))
	require.NoError(t, err)
	require.Len(t, chunks, 2, "only an exact --- line (CRLF allowed) separates")
	assert.Equal(t, "c = 3", strings.TrimLeft(chunks[1].Source, "\n"))
	assert.Equal(t, 7, chunks[1].StartLine)
}

func TestSplitEmptyAndTrailingSeparator(t *testing.T) {
	chunks, err := Split("e.lua", nil)
	require.NoError(t, err)
	require.Len(t, chunks, 1)
	assert.Equal(t, "", chunks[0].Source)

	chunks, err = Split("t.lua", []byte("x = 1\n---\n"))
	require.NoError(t, err)
	require.Len(t, chunks, 2, "a trailing separator leaves an empty last chunk")
	assert.Equal(t, "\n", chunks[1].Source)
}

func TestSplitRejectsMalformedMarks(t *testing.T) {
	tests := []struct {
		name, src, want string
		line            int
	}{
		{"bad regexp", "x = 1\nerror('a') -- ### \"(\"\n", "invalid error mark", 2},
		{"two marks", "error('a') -- ### \"a\"\nerror('b') -- ### \"b\"\n", "second error mark", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Split("m.lua", []byte(tt.src))
			var e *Error
			require.True(t, errors.As(err, &e), "got %v", err)
			assert.Equal(t, tt.line, e.Line)
			assert.Contains(t, e.Msg, tt.want)
			assert.Contains(t, e.Error(), "m.lua:")
		})
	}
}

func TestSplitPosition(t *testing.T) {
	tests := []struct {
		msg, name, text string
		line            int
		ok              bool
	}{
		{"a.lua:12: boom", "a.lua", "boom", 12, true},
		{"a.lua:12:7: boom", "a.lua", "boom", 12, true},
		{`[string "x:1: y"]:3: oops`, `[string "x`, `y"]:3: oops`, 1, true},
		{"boom", "", "boom", 0, false},
		{"a.lua:x: boom", "", "a.lua:x: boom", 0, false},
	}
	for _, tt := range tests {
		name, line, text, ok := SplitPosition(tt.msg)
		assert.Equal(t, tt.ok, ok, tt.msg)
		assert.Equal(t, tt.name, name, tt.msg)
		assert.Equal(t, tt.line, line, tt.msg)
		assert.Equal(t, tt.text, text, tt.msg)
	}
}

func TestCheckOutcomes(t *testing.T) {
	chunks, err := Split("s.lua", []byte(sample))
	require.NoError(t, err)
	ok, bad, late := &chunks[0], &chunks[1], &chunks[2]

	tests := []struct {
		name    string
		c       *Chunk
		failed  bool
		msg     string
		wantErr string // "" means Check passes
	}{
		{"success expected and got", ok, false, "", ""},
		{"success expected, error got", ok, true, "s.lua:1: x", "unexpected error"},
		{"error expected, success got", bad, false, "", "chunk succeeded"},
		{"error matches at the marked line", bad, true, "s.lua:4: attempt to index local 'x' (a nil value)", ""},
		{"error with a column matches", bad, true, "s.lua:4:7: attempt to index local 'x' (a nil value)", ""},
		{"error at another line", bad, true, "s.lua:3: attempt to index local 'x' (a nil value)", "want line 4"},
		{"error does not match", bad, true, "s.lua:4: attempt to call a nil value", "does not match"},
		{"unpositioned error matches", late, true, "boom", ""},
		{"other chunk names are not line-checked", late, true, "other.lua:99: boom", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Check("s.lua", tt.failed, tt.msg)
			if tt.wantErr == "" {
				assert.NoError(t, err)
			} else {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
			}
		})
	}
}

func TestIsChunked(t *testing.T) {
	assert.True(t, IsChunked([]byte("a=1\n---\nb=2\n")))
	assert.True(t, IsChunked([]byte("error('x') -- ### \"x\"\n")))
	assert.False(t, IsChunked([]byte("return function(event) return true end\n")))
}
