// Package chunkedfile splits a Lua script test file into independent chunks
// and checks the error outcome of running each chunk.
//
// A chunked file is ordinary Lua source in which a line that is exactly
// "---" separates chunks. Each chunk is a complete program, run on its own in
// a fresh state, so one file can hold many small tests:
//
//	assert(1 + 1 == 2)
//	---
//	local x
//	print(x.y) -- ### "attempt to index local 'x' \(a nil value\)"
//
// A line containing a comment "-- ###" followed by a double-quoted Go
// regular expression marks the chunk as one that must fail: running it must
// raise an error whose message matches the expression, and when the
// message carries a position ("name:LINE: message", as Lua 5.1 adds for
// errors raised by Lua code), LINE must be the marked line. A chunk without
// a mark must run without error. The expression is taken literally between
// the first and the last double quote, without unescaping, so `\(` means a
// literal parenthesis as in any Go regexp. A chunk may hold at most one mark,
// because a Lua program stops at its first error.
//
// Every chunk keeps the line numbers it has in the file: [Chunk.Source] is
// padded at the front with one empty line per line of the file before the
// chunk, and its last line has no line break, so that the end of the chunk
// is on its last line (a syntax error "near '<eof>'" can be marked there). Both the reference interpreter and kestrel-lua therefore report the
// same line numbers as an editor shows, and a mark can be checked against
// them.
//
// The format follows starlark-go's chunked .star test scripts, adapted to
// Lua's comment syntax and to Lua's stop-at-first-error semantics.
package chunkedfile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Separator is the line that separates two chunks.
const Separator = "---"

// markRE matches the error mark of a line: "-- ###", spaces, and a
// double-quoted regular expression (greedy, so the expression may itself
// contain quotes).
var markRE = regexp.MustCompile(`--\s*###\s*"(.*)"`)

// A Chunk is one independent program of a chunked file.
type Chunk struct {
	// File is the path the chunk was read from (or the name given to Split).
	File string
	// Index is the 0-based position of the chunk in the file.
	Index int
	// StartLine and EndLine are the 1-based lines of the file that the
	// chunk spans (separators excluded).
	StartLine, EndLine int
	// Source is the chunk's text, preceded by StartLine-1 empty lines.
	Source string
	// Want is the error the chunk must raise, or nil if it must succeed.
	Want *Expectation
}

// Name returns a short name for the chunk, "file.lua#3:12" (chunk index and
// first line), usable as a subtest name.
func (c *Chunk) Name() string {
	return fmt.Sprintf("%s#%d:%d", filepath.Base(c.File), c.Index, c.StartLine)
}

// An Expectation is the error a chunk must raise.
type Expectation struct {
	Line    int            // 1-based line of the mark in the file
	Pattern *regexp.Regexp // the message must match it
}

// An Error reports a malformed chunked file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Read reads and splits the chunked file at path.
func Read(path string) ([]Chunk, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Split(path, src)
}

// Split splits src, the contents of the chunked file named file, into
// chunks. It fails if a mark has an invalid regular expression or a chunk
// holds more than one mark. The file's bytes are kept as they are (Lua
// sources may hold Latin-1 bytes); a "\r\n" line end counts as "\n" for
// recognising separators.
func Split(file string, src []byte) ([]Chunk, error) {
	lines := strings.SplitAfter(string(src), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var chunks []Chunk
	start := 0 // 0-based index of the current chunk's first line
	flush := func(end int) error {
		c := Chunk{File: file, Index: len(chunks), StartLine: start + 1, EndLine: end}
		var b strings.Builder
		b.WriteString(strings.Repeat("\n", start))
		for i := start; i < end; i++ {
			b.WriteString(lines[i])
			m := markRE.FindStringSubmatch(lines[i])
			if m == nil {
				continue
			}
			if c.Want != nil {
				return &Error{file, i + 1, fmt.Sprintf("second error mark in one chunk (first at line %d); a chunk stops at its first error", c.Want.Line)}
			}
			re, err := regexp.Compile(m[1])
			if err != nil {
				return &Error{file, i + 1, fmt.Sprintf("invalid error mark: %v", err)}
			}
			c.Want = &Expectation{Line: i + 1, Pattern: re}
		}
		// The chunk ends without its last line break, so that a syntax
		// error "near <eof>" is reported on the chunk's last line, where
		// a mark can be.
		c.Source = strings.TrimSuffix(strings.TrimSuffix(b.String(), "\n"), "\r")
		chunks = append(chunks, c)
		return nil
	}
	for i, line := range lines {
		if strings.TrimRight(line, "\r\n") == Separator {
			if err := flush(i); err != nil {
				return nil, err
			}
			start = i + 1
		}
	}
	if err := flush(len(lines)); err != nil {
		return nil, err
	}
	return chunks, nil
}

// posRE matches the position prefix Lua adds to an error message raised by
// Lua code: "name:LINE:" optionally followed by a column "COL:" (the Go-level
// rendering of kestrel-lua errors), then a space. The chunk name is matched
// lazily up to the first ":digits:" so names containing colons still work.
var posRE = regexp.MustCompile(`^(.*?):(\d+):(?:\d+:)? `)

// SplitPosition splits an error message "name:LINE: text" (or
// "name:LINE:COL: text") into its chunk name, line and text. ok is false if
// the message has no position prefix.
func SplitPosition(msg string) (name string, line int, text string, ok bool) {
	m := posRE.FindStringSubmatchIndex(msg)
	if m == nil {
		return "", 0, msg, false
	}
	line, err := strconv.Atoi(msg[m[4]:m[5]])
	if err != nil {
		return "", 0, msg, false
	}
	return msg[m[2]:m[3]], line, msg[m[1]:], true
}

// Check compares the outcome of running the chunk with its expectation.
// failed reports whether the run raised an error, and msg is the error
// message (the Lua error value as a string; ignored when !failed). chunkName
// is the name the chunk ran under, as it appears at the start of positioned
// messages; a position is checked only when the message starts with it.
// Check returns nil when the outcome is the expected one and otherwise an
// error describing the difference.
func (c *Chunk) Check(chunkName string, failed bool, msg string) error {
	switch {
	case c.Want == nil && !failed:
		return nil
	case c.Want == nil && failed:
		return fmt.Errorf("%s: unexpected error: %s", c.Name(), msg)
	case !failed:
		return fmt.Errorf("%s:%d: expected an error matching %q, but the chunk succeeded", c.File, c.Want.Line, c.Want.Pattern)
	}
	if !c.Want.Pattern.MatchString(msg) {
		return fmt.Errorf("%s:%d: error %q does not match %q", c.File, c.Want.Line, msg, c.Want.Pattern)
	}
	if name, line, _, ok := SplitPosition(msg); ok && name == chunkName && line != c.Want.Line {
		return fmt.Errorf("%s:%d: error %q raised at line %d, want line %d", c.File, c.Want.Line, msg, line, c.Want.Line)
	}
	return nil
}

// IsChunked reports whether src looks like a chunked script test: it holds
// a separator line or an error mark. Plain Lua files (fixtures, rules) are
// still valid single-chunk scripts, so this is only a hint for globbing
// callers that want to skip non-test files.
func IsChunked(src []byte) bool {
	for _, line := range bytes.Split(src, []byte("\n")) {
		if string(bytes.TrimRight(line, "\r")) == Separator || markRE.Match(line) {
			return true
		}
	}
	return false
}
