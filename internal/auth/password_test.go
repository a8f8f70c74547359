package auth

import (
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// An unknown user name is checked against a hash of the same cost as the
// real ones, so it costs the same time (the dummy used to be made at
// bcrypt's minimum cost whatever the configured one).
func TestDummyHashHasTheRealCost(t *testing.T) {
	for _, h := range []Hasher{{Cost: bcrypt.MinCost}, {Cost: 6}, {Cost: 11}, {}} {
		real, err := h.Hash("mật khẩu đủ dài")
		if err != nil {
			t.Fatal(err)
		}
		want, _ := bcrypt.Cost([]byte(real))
		got, err := bcrypt.Cost(h.dummy())
		if err != nil || got != want {
			t.Errorf("cost %d: the dummy hash has cost %d (%v), real hashes %d", h.Cost, got, err, want)
		}
	}
}
