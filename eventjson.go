package lua

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The JSON event format (one object per line of a JSON-lines stream):
//
//	{"event_type": 1, "ts_mono": 1000, "ts_wall": 1767225600002742581, "entity_key": 291,
//	 "fields": {"1": "/tmp/x.sh", "2": 1234, "flag": true}}
//
// event_type is an int64; ts_mono, ts_wall and entity_key are uint64; all
// four default to 0 when absent. Field keys are decimal ids or, with a
// schema, field names. Values map as follows:
//
//	JSON string        string (with a schema, a bytes field takes base64, RFC 4648 standard encoding)
//	JSON true/false    bool
//	JSON integer       i64; a positive integer beyond int64 becomes u64
//	JSON number with   f64
//	  fraction/exponent
//	JSON null          the field is absent
//
// With a schema the JSON value must suit the field's type (an integer for
// i64 and u64, any number for f64, and so on). Integers are parsed from
// their decimal text, never through float64, so every 64-bit value is
// exact. Unknown keys, duplicate keys, nested objects and arrays are
// errors.

// EventDecoder decodes JSON event lines. It reuses its buffers, so it is
// not safe for concurrent use; use one per goroutine.
//
// It is a small hand-written scanner for exactly this format rather than
// encoding/json: events are flat, and decoding dominates the cost of the
// run command otherwise. It accepts exactly RFC 8259 JSON (invalid UTF-8
// in strings becomes U+FFFD, as encoding/json does).
type EventDecoder struct {
	schema *SchemaRegistry
	b      EventBuilder
	sc     jsonScanner
	seen   []int64
	buf    []byte // string unescaping
}

// NewEventDecoder returns a decoder; schema may be nil.
func NewEventDecoder(schema *SchemaRegistry) *EventDecoder {
	return &EventDecoder{schema: schema, b: EventBuilder{schema: schema}}
}

// DecodeEventJSON decodes one JSON event (see [EventDecoder]); schema may
// be nil.
func DecodeEventJSON(line []byte, schema *SchemaRegistry) (*Event, error) {
	return NewEventDecoder(schema).Decode(line)
}

// Decode decodes one JSON event object. Surrounding white space is
// allowed; anything else after the object is an error.
func (d *EventDecoder) Decode(line []byte) (*Event, error) {
	d.b.Reset()
	d.sc = jsonScanner{b: line}
	if err := d.decode(); err != nil {
		return nil, err
	}
	d.sc.space()
	if d.sc.i < len(d.sc.b) {
		return nil, errors.New("unexpected data after the event object")
	}
	return d.b.Build()
}

// header keys, in the order of the "have" slots.
var headerKeys = [...]string{"event_type", "ts_mono", "ts_wall", "entity_key", "fields"}

func (d *EventDecoder) decode() error {
	sc := &d.sc
	if tok, err := sc.open(); err != nil {
		return err
	} else if tok != '{' {
		return fmt.Errorf("an event object expected, got %s", describeKind(tok))
	}
	var have [5]bool
	for more, err := sc.first('}'); more || err != nil; more, err = sc.next('}') {
		if err != nil {
			return err
		}
		key, err := sc.key(&d.buf)
		if err != nil {
			return err
		}
		slot := -1
		for i, k := range headerKeys {
			if string(key) == k {
				slot = i
			}
		}
		if slot < 0 {
			return fmt.Errorf("unknown key %q (want event_type, ts_mono, ts_wall, entity_key, fields)", key)
		}
		if have[slot] {
			return fmt.Errorf("duplicate key %q", key)
		}
		have[slot] = true
		if slot == 4 {
			if err := d.decodeFields(); err != nil {
				return err
			}
			continue
		}
		name := headerKeys[slot]
		kind, text, err := sc.scalar(&d.buf)
		if err != nil {
			return err
		}
		if kind != '0' && kind != '.' {
			return fmt.Errorf("%s: integer expected, got %s", name, describeScalar(kind, text))
		}
		if slot == 0 {
			t, err := strconv.ParseInt(string(text), 10, 64)
			if err != nil {
				return fmt.Errorf("event_type: %s is not an int64", text)
			}
			d.b.EventType(t)
			continue
		}
		u, err := strconv.ParseUint(string(text), 10, 64)
		if err != nil {
			return fmt.Errorf("%s: %s is not a uint64", name, text)
		}
		switch slot {
		case 1:
			d.b.TsMono(u)
		case 2:
			d.b.TsWall(u)
		case 3:
			d.b.EntityKey(u)
		}
	}
	return nil
}

func (d *EventDecoder) decodeFields() error {
	sc := &d.sc
	if tok, err := sc.open(); err != nil {
		return err
	} else if tok != '{' {
		return fmt.Errorf("fields: an object expected, got %s", describeKind(tok))
	}
	d.seen = d.seen[:0]
	for more, err := sc.first('}'); more || err != nil; more, err = sc.next('}') {
		if err != nil {
			return err
		}
		kb, err := sc.key(&d.buf)
		if err != nil {
			return err
		}
		var (
			f     SchemaField
			typed bool
		)
		if id, ok := parseID(kb); ok {
			f.ID = id
			if d.schema != nil {
				if f, typed = d.schema.Field(id); !typed {
					return fmt.Errorf("field %s: %w", kb, ErrUnknownField)
				}
			}
		} else {
			if d.schema == nil {
				return fmt.Errorf("field %q: keys must be decimal field ids without a schema", kb)
			}
			if f, typed = d.schema.lookupBytes(kb); !typed {
				return fmt.Errorf("field %q: %w", kb, ErrUnknownField)
			}
		}
		key := f.Name
		if key == "" {
			key = strconv.FormatInt(f.ID, 10)
		}
		for _, id := range d.seen {
			if id == f.ID {
				return fmt.Errorf("field %s: %w", key, ErrDuplicateField)
			}
		}
		d.seen = append(d.seen, f.ID)
		kind, text, err := sc.scalar(&d.buf)
		if err != nil {
			return err
		}
		v, err := fieldValue(kind, text, f, typed)
		if err != nil {
			return fmt.Errorf("field %s: %w", key, err)
		}
		if v.typ != 0 {
			d.b.Field(f.ID, v)
		}
	}
	return nil
}

// fieldValue converts one JSON scalar to a field value; typed says whether
// f.Type (from the schema) must be honoured. A null gives the zero value
// (absent field). kind is as jsonScanner.scalar returns it.
func fieldValue(kind byte, text []byte, f SchemaField, typed bool) (FieldValue, error) {
	mismatch := func() (FieldValue, error) {
		return FieldValue{}, fmt.Errorf("%s expected, got %s", f.Type, describeScalar(kind, text))
	}
	switch kind {
	case 'n':
		return FieldValue{}, nil
	case '{', '[':
		return FieldValue{}, fmt.Errorf("a string, number or boolean expected, got %s", describeScalar(kind, text))
	case '"':
		if !typed || f.Type == TypeString {
			return String(string(text)), nil
		}
		if f.Type == TypeBytes {
			b, err := base64.StdEncoding.AppendDecode(nil, text)
			if err != nil {
				return FieldValue{}, fmt.Errorf("bytes expected as base64: %v", err)
			}
			return Bytes(b), nil
		}
		return mismatch()
	case 't', 'f':
		if !typed || f.Type == TypeBool {
			return Bool(kind == 't'), nil
		}
		return mismatch()
	}
	// Numbers: '0' integers, '.' numbers with a fraction or exponent.
	s := string(text)
	isInt := kind == '0'
	switch {
	case typed && f.Type == TypeI64 || !typed && isInt && s[0] == '-':
		if !isInt {
			return mismatch()
		}
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return FieldValue{}, fmt.Errorf("%s is out of the i64 range", s)
		}
		return I64(i), nil
	case typed && f.Type == TypeU64:
		if !isInt {
			return mismatch()
		}
		u, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return FieldValue{}, fmt.Errorf("%s is out of the u64 range", s)
		}
		return U64(u), nil
	case !typed && isInt:
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return I64(i), nil
		}
		u, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return FieldValue{}, fmt.Errorf("%s is out of the i64 and u64 ranges", s)
		}
		return U64(u), nil
	case !typed || f.Type == TypeF64:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return FieldValue{}, fmt.Errorf("%s is out of the f64 range", s)
		}
		return F64(x), nil
	}
	return mismatch()
}

// parseID parses a positive decimal field id (no sign, no leading zero).
func parseID(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 19 || b[0] == '0' {
		return 0, false
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0') // at most 19 digits: fits in uint64
	}
	return int64(n), n <= math.MaxInt64
}

func describeKind(tok byte) string {
	switch tok {
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return "a scalar"
}

func describeScalar(kind byte, text []byte) string {
	switch kind {
	case 'n':
		return "null"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return string(text)
}

// jsonScanner reads the JSON of one event line.
type jsonScanner struct {
	b []byte
	i int
}

func (s *jsonScanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *jsonScanner) syntax() error {
	if s.i >= len(s.b) {
		return errors.New("malformed JSON: unexpected end of line")
	}
	return fmt.Errorf("malformed JSON: invalid character %s at offset %d", quoteByte(s.b[s.i]), s.i)
}

func quoteByte(c byte) string {
	if c < 0x20 || c >= 0x7f {
		return fmt.Sprintf("%#02x", c)
	}
	return strconv.QuoteRune(rune(c))
}

// open consumes the first byte of a value that must be an object; it
// returns that byte ('{' or '[') or an error for anything else, after
// checking that a scalar is at least well formed.
func (s *jsonScanner) open() (byte, error) {
	s.space()
	if s.i < len(s.b) && (s.b[s.i] == '{' || s.b[s.i] == '[') {
		c := s.b[s.i]
		s.i++
		return c, nil
	}
	var buf []byte
	if _, _, err := s.scalar(&buf); err != nil {
		return 0, err
	}
	return 's', nil
}

// first reports whether an object (just opened) has a member, consuming
// the closing byte if not.
func (s *jsonScanner) first(close byte) (bool, error) {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == close {
		s.i++
		return false, nil
	}
	return true, nil
}

// next consumes the ',' between members or the closing byte.
func (s *jsonScanner) next(close byte) (bool, error) {
	s.space()
	if s.i < len(s.b) {
		switch s.b[s.i] {
		case ',':
			s.i++
			return true, nil
		case close:
			s.i++
			return false, nil
		}
	}
	return false, s.syntax()
}

// key reads a member name and its colon. The result aliases *buf or the
// line and is valid until the next call.
func (s *jsonScanner) key(buf *[]byte) ([]byte, error) {
	s.space()
	if s.i >= len(s.b) || s.b[s.i] != '"' {
		return nil, s.syntax()
	}
	k, err := s.str(buf)
	if err != nil {
		return nil, err
	}
	s.space()
	if s.i >= len(s.b) || s.b[s.i] != ':' {
		return nil, s.syntax()
	}
	s.i++
	return k, nil
}

// scalar reads a value and returns its kind: '"' string (text is the
// unescaped content), '0' integer, '.' other number (text is the literal),
// 't' true, 'f' false, 'n' null, or '{' / '[' for an object or array
// (which the event format never allows; the caller reports it).
func (s *jsonScanner) scalar(buf *[]byte) (byte, []byte, error) {
	s.space()
	if s.i >= len(s.b) {
		return 0, nil, s.syntax()
	}
	switch c := s.b[s.i]; {
	case c == '"':
		text, err := s.str(buf)
		return '"', text, err
	case c == '{' || c == '[':
		return c, nil, nil
	case c == '-' || '0' <= c && c <= '9':
		return s.number()
	case c == 't':
		return 't', nil, s.literal("true")
	case c == 'f':
		return 'f', nil, s.literal("false")
	case c == 'n':
		return 'n', nil, s.literal("null")
	}
	return 0, nil, s.syntax()
}

func (s *jsonScanner) literal(word string) error {
	for j := 0; j < len(word); j++ {
		if s.i >= len(s.b) || s.b[s.i] != word[j] {
			return s.syntax()
		}
		s.i++
	}
	return nil
}

func (s *jsonScanner) digits() int {
	n := 0
	for s.i < len(s.b) && '0' <= s.b[s.i] && s.b[s.i] <= '9' {
		s.i++
		n++
	}
	return n
}

// number reads -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?.
func (s *jsonScanner) number() (byte, []byte, error) {
	start := s.i
	kind := byte('0')
	if s.b[s.i] == '-' {
		s.i++
	}
	if s.i < len(s.b) && s.b[s.i] == '0' {
		s.i++
	} else if s.digits() == 0 {
		return 0, nil, s.syntax()
	}
	if s.i < len(s.b) && s.b[s.i] == '.' {
		s.i++
		kind = '.'
		if s.digits() == 0 {
			return 0, nil, s.syntax()
		}
	}
	if s.i < len(s.b) && (s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		s.i++
		kind = '.'
		if s.i < len(s.b) && (s.b[s.i] == '+' || s.b[s.i] == '-') {
			s.i++
		}
		if s.digits() == 0 {
			return 0, nil, s.syntax()
		}
	}
	return kind, s.b[start:s.i], nil
}

// str reads a string at s.b[s.i] == '"' and returns its content,
// unescaped, with invalid UTF-8 replaced by U+FFFD. Without escapes or
// non-ASCII bytes the result aliases the line.
func (s *jsonScanner) str(buf *[]byte) ([]byte, error) {
	s.i++
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		if c == '"' {
			s.i++
			return s.b[start : s.i-1], nil
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			break
		}
		s.i++
	}
	out := append((*buf)[:0], s.b[start:s.i]...)
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			*buf = out
			return out, nil
		case c < 0x20:
			return nil, s.syntax()
		case c == '\\':
			s.i++
			if s.i >= len(s.b) {
				return nil, s.syntax()
			}
			e := s.b[s.i]
			s.i++
			switch e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := s.hex4()
				if !ok {
					return nil, s.syntax()
				}
				if utf16.IsSurrogate(r) {
					// A high surrogate followed by an escaped low one
					// makes one rune; a lone surrogate is U+FFFD.
					save := s.i
					if s.i+1 < len(s.b) && s.b[s.i] == '\\' && s.b[s.i+1] == 'u' {
						s.i += 2
						if r2, ok := s.hex4(); ok {
							if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
								out = utf8.AppendRune(out, d)
								continue
							}
						}
					}
					s.i = save
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, r)
			default:
				s.i--
				return nil, s.syntax()
			}
		case c < utf8.RuneSelf:
			out = append(out, c)
			s.i++
		default:
			r, size := utf8.DecodeRune(s.b[s.i:])
			if r == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, s.b[s.i:s.i+size]...)
			}
			s.i += size
		}
	}
	return nil, s.syntax()
}

func (s *jsonScanner) hex4() (rune, bool) {
	if s.i+4 > len(s.b) {
		return 0, false
	}
	var r rune
	for _, c := range s.b[s.i : s.i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	s.i += 4
	return r, true
}

// AppendEventJSON appends the JSON form of ev (the format [EventDecoder]
// reads) to dst. Field keys are ids; bytes fields are base64 (so they
// decode back as bytes only under a schema that says so). Floats always
// carry a fraction or exponent so they decode back as f64; NaN and
// infinities have no JSON form and are an error.
func AppendEventJSON(dst []byte, ev *Event) ([]byte, error) {
	dst = append(dst, `{"event_type":`...)
	dst = strconv.AppendInt(dst, ev.ev.EventType, 10)
	dst = append(dst, `,"ts_mono":`...)
	dst = strconv.AppendUint(dst, ev.ev.TsMono, 10)
	dst = append(dst, `,"ts_wall":`...)
	dst = strconv.AppendUint(dst, ev.ev.TsWall, 10)
	dst = append(dst, `,"entity_key":`...)
	dst = strconv.AppendUint(dst, ev.ev.EntityKey, 10)
	dst = append(dst, `,"fields":{`...)
	for i := range ev.ev.Fields {
		f := &ev.ev.Fields[i]
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '"')
		dst = strconv.AppendInt(dst, f.ID, 10)
		dst = append(dst, `":`...)
		switch f.Type {
		case TypeI64:
			dst = strconv.AppendInt(dst, int64(f.N), 10)
		case TypeU64:
			dst = strconv.AppendUint(dst, f.N, 10)
		case TypeF64:
			x := math.Float64frombits(f.N)
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return dst, fmt.Errorf("field %d: %v has no JSON form", f.ID, x)
			}
			start := len(dst)
			dst = strconv.AppendFloat(dst, x, 'g', -1, 64)
			if !bytes.ContainsAny(dst[start:], ".e") {
				dst = append(dst, ".0"...)
			}
		case TypeString:
			dst = appendJSONString(dst, f.S)
		case TypeBool:
			dst = strconv.AppendBool(dst, f.N != 0)
		case TypeBytes:
			dst = append(dst, '"')
			dst = base64.StdEncoding.AppendEncode(dst, []byte(f.S))
			dst = append(dst, '"')
		}
	}
	return append(dst, "}}"...), nil
}

// appendJSONString appends s as a JSON string. Invalid UTF-8 is replaced by
// U+FFFD, as encoding/json does.
func appendJSONString(dst []byte, s string) []byte {
	b, _ := json.Marshal(s)
	return append(dst, b...)
}
