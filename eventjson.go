package lua

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
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
type EventDecoder struct {
	schema *SchemaRegistry
	b      EventBuilder
	rd     bytes.Reader
	seen   []int64
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
	d.rd.Reset(line)
	dec := json.NewDecoder(&d.rd)
	dec.UseNumber()
	if err := d.decode(dec); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the event object")
	}
	return d.b.Build()
}

func (d *EventDecoder) decode(dec *json.Decoder) error {
	if err := expectDelim(dec, '{', "an event object"); err != nil {
		return err
	}
	var have [5]bool
	for dec.More() {
		key, err := objectKey(dec)
		if err != nil {
			return err
		}
		slot := -1
		switch key {
		case "event_type":
			slot = 0
		case "ts_mono":
			slot = 1
		case "ts_wall":
			slot = 2
		case "entity_key":
			slot = 3
		case "fields":
			slot = 4
		default:
			return fmt.Errorf("unknown key %q (want event_type, ts_mono, ts_wall, entity_key, fields)", key)
		}
		if have[slot] {
			return fmt.Errorf("duplicate key %q", key)
		}
		have[slot] = true
		if slot == 4 {
			if err := d.decodeFields(dec); err != nil {
				return err
			}
			continue
		}
		tok, err := dec.Token()
		if err != nil {
			return syntaxErr(err)
		}
		num, ok := tok.(json.Number)
		if !ok {
			return fmt.Errorf("%s: integer expected, got %s", key, describeToken(tok))
		}
		if slot == 0 {
			t, err := strconv.ParseInt(string(num), 10, 64)
			if err != nil {
				return fmt.Errorf("event_type: %s is not an int64", num)
			}
			d.b.EventType(t)
			continue
		}
		u, err := strconv.ParseUint(string(num), 10, 64)
		if err != nil {
			return fmt.Errorf("%s: %s is not a uint64", key, num)
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
	return expectDelim(dec, '}', "'}'")
}

func (d *EventDecoder) decodeFields(dec *json.Decoder) error {
	if err := expectDelim(dec, '{', "fields: an object"); err != nil {
		return err
	}
	d.seen = d.seen[:0]
	for dec.More() {
		key, err := objectKey(dec)
		if err != nil {
			return err
		}
		var (
			f     SchemaField
			typed bool
		)
		if id, err := strconv.ParseInt(key, 10, 64); err == nil && id > 0 && key[0] != '+' {
			f.ID = id
			if d.schema != nil {
				if f, typed = d.schema.Field(id); !typed {
					return fmt.Errorf("field %s: %w", key, ErrUnknownField)
				}
			}
		} else {
			if d.schema == nil {
				return fmt.Errorf("field %q: keys must be decimal field ids without a schema", key)
			}
			if f, typed = d.schema.Lookup(key); !typed {
				return fmt.Errorf("field %q: %w", key, ErrUnknownField)
			}
		}
		for _, id := range d.seen {
			if id == f.ID {
				return fmt.Errorf("field %s: %w", key, ErrDuplicateField)
			}
		}
		d.seen = append(d.seen, f.ID)
		tok, err := dec.Token()
		if err != nil {
			return syntaxErr(err)
		}
		v, err := fieldValue(tok, f, typed)
		if err != nil {
			return fmt.Errorf("field %s: %w", key, err)
		}
		if v.typ != 0 {
			d.b.Field(f.ID, v)
		}
	}
	return expectDelim(dec, '}', "'}'")
}

// fieldValue converts one JSON scalar to a field value; typed says whether
// f.Type (from the schema) must be honoured. A null gives the zero value
// (absent field).
func fieldValue(tok json.Token, f SchemaField, typed bool) (FieldValue, error) {
	mismatch := func() (FieldValue, error) {
		return FieldValue{}, fmt.Errorf("%s expected, got %s", f.Type, describeToken(tok))
	}
	switch t := tok.(type) {
	case nil:
		return FieldValue{}, nil
	case string:
		if !typed || f.Type == TypeString {
			return String(t), nil
		}
		if f.Type == TypeBytes {
			b, err := base64.StdEncoding.DecodeString(t)
			if err != nil {
				return FieldValue{}, fmt.Errorf("bytes expected as base64: %v", err)
			}
			return Bytes(b), nil
		}
		return mismatch()
	case bool:
		if !typed || f.Type == TypeBool {
			return Bool(t), nil
		}
		return mismatch()
	case json.Number:
		s := string(t)
		isInt := !strings.ContainsAny(s, ".eE")
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
	return FieldValue{}, fmt.Errorf("a string, number or boolean expected, got %s", describeToken(tok))
}

func objectKey(dec *json.Decoder) (string, error) {
	tok, err := dec.Token()
	if err != nil {
		return "", syntaxErr(err)
	}
	key, ok := tok.(string)
	if !ok {
		return "", fmt.Errorf("object key expected, got %s", describeToken(tok))
	}
	return key, nil
}

func expectDelim(dec *json.Decoder, want json.Delim, what string) error {
	tok, err := dec.Token()
	if err != nil {
		return syntaxErr(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("%s expected, got %s", what, describeToken(tok))
	}
	return nil
}

func syntaxErr(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return errors.New("malformed JSON: unexpected end of line")
	}
	return fmt.Errorf("malformed JSON: %v", err)
}

func describeToken(tok json.Token) string {
	switch t := tok.(type) {
	case nil:
		return "null"
	case json.Delim:
		switch t {
		case '{', '}':
			return "an object"
		}
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return string(t)
	}
	return fmt.Sprint(tok)
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
