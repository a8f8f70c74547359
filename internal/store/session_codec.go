package store

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/alexedwards/scs/v2"
)

// SessionCodec encodes session data for the sessions table. scs's gob
// codec builds a new decoder, with its type descriptions, for every row it
// reads: on a small page that was about a tenth of the server's time. The
// app's sessions hold only int64s and strings, written here as a short
// tagged list; data with any other type is written as gob, and gob rows
// (all rows written before this codec) are still read.
type SessionCodec struct{}

// sessionMagic starts a row written by SessionCodec. A gob stream starts
// with a byte count, which is a byte below 0x80 or from 0xF8 up, so it is
// never this.
const sessionMagic = 0xA7

const (
	tagInt64  = 'i'
	tagString = 's'
)

var errSessionData = errors.New("session data: malformed")

func (SessionCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	b := make([]byte, 0, 64)
	b = append(b, sessionMagic)
	b = binary.AppendVarint(b, deadline.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(values)))
	for k, v := range values {
		b = appendString(b, k)
		switch v := v.(type) {
		case int64:
			b = binary.AppendVarint(append(b, tagInt64), v)
		case string:
			b = appendString(append(b, tagString), v)
		default:
			return scs.GobCodec{}.Encode(deadline, values)
		}
	}
	return b, nil
}

func (SessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	if len(b) == 0 || b[0] != sessionMagic {
		return scs.GobCodec{}.Decode(b)
	}
	d := sessionDecoder{b: b[1:]}
	deadline := time.Unix(0, d.varint())
	n := d.uvarint()
	if n > uint64(len(d.b)) { // each value takes at least a byte
		return time.Time{}, nil, errSessionData
	}
	values := make(map[string]any, n)
	for range n {
		k := d.string()
		switch d.byte() {
		case tagInt64:
			values[k] = d.varint()
		case tagString:
			values[k] = d.string()
		default:
			d.bad = true
		}
		if d.bad {
			return time.Time{}, nil, errSessionData
		}
	}
	if d.bad || len(d.b) != 0 {
		return time.Time{}, nil, errSessionData
	}
	return deadline, values, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// sessionDecoder reads SessionCodec's data; bad records any shortfall.
type sessionDecoder struct {
	b   []byte
	bad bool
}

func (d *sessionDecoder) varint() int64 {
	v, n := binary.Varint(d.b)
	d.skip(n)
	return v
}

func (d *sessionDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	d.skip(n)
	return v
}

// skip passes the n bytes a varint took; n ≤ 0 is binary's "short or overflowing".
func (d *sessionDecoder) skip(n int) {
	if n <= 0 {
		d.bad = true
		return
	}
	d.b = d.b[n:]
}

func (d *sessionDecoder) byte() byte {
	if len(d.b) == 0 {
		d.bad = true
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *sessionDecoder) string() string {
	n := d.uvarint()
	if d.bad || n > uint64(len(d.b)) {
		d.bad = true
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}
