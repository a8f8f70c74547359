package store_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"thidua/internal/store"
)

// Session data round-trips through SessionCodec; rows scs's gob codec
// wrote are still read, data of other types is written as gob, and
// damaged data is an error, never a panic or a wrong session.
func TestSessionCodec(t *testing.T) {
	deadline := time.Date(2026, 11, 30, 20, 0, 0, 123, time.UTC)
	values := map[string]any{"user_id": int64(42), "password_stamp": "9f86d081884c7d659a2feaa0", "flash": "Đã lưu bản tự chấm.", "seen": int64(1795000000), "": ""}
	codec := store.SessionCodec{}
	b, err := codec.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, b []byte, want map[string]any) {
		t.Helper()
		d, got, err := codec.Decode(b)
		if err != nil || !d.Equal(deadline) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v %v %v", name, d, got, err)
		}
	}
	check("own", b, values)
	gob, err := scs.GobCodec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	check("gob", gob, values)
	other := map[string]any{"user_id": int64(42), "remember": true}
	ob, err := codec.Encode(deadline, other)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := (scs.GobCodec{}).Decode(ob); err != nil {
		t.Errorf("data with a bool was not written as gob: %v", err)
	}
	check("other types", ob, other)
	check("empty", must(codec.Encode(deadline, map[string]any{})), map[string]any{})
	for i := range len(b) {
		if _, _, err := codec.Decode(b[:i]); err == nil {
			t.Errorf("%d of %d bytes decoded", i, len(b))
		}
	}
	if _, _, err := codec.Decode(append(b[:len(b):len(b)], 0)); err == nil {
		t.Error("a trailing byte decoded")
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
