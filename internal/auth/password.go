package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/errs"
)

// Hasher hashes and checks passwords with bcrypt. Cost is a field so tests
// can use bcrypt.MinCost while production keeps a cost that makes offline
// guessing expensive.
type Hasher struct{ Cost int }

// Hash returns the bcrypt hash of a password after checking its length.
func (h Hasher) Hash(password string) (string, error) {
	if err := CheckPassword(password); err != nil {
		return "", err
	}
	b, err := bcrypt.GenerateFromPassword([]byte(password), h.cost())
	return string(b), err
}

// Verify reports whether password matches hash.
func (Hasher) Verify(hash, password string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// dummyHashes holds, per cost, the hash compared against when the user
// does not exist, so a wrong user name takes as long as a wrong password:
// it must have the cost real hashes have (a cheaper one answers unknown
// names in a few milliseconds and tells them apart).
var dummyHashes sync.Map // int → []byte

func (h Hasher) cost() int {
	if h.Cost == 0 {
		return bcrypt.DefaultCost
	}
	return h.Cost
}

// dummy returns the hash of no account at the hasher's cost.
func (h Hasher) dummy() []byte {
	if b, ok := dummyHashes.Load(h.cost()); ok {
		return b.([]byte)
	}
	b, err := bcrypt.GenerateFromPassword([]byte("không có tài khoản này"), h.cost())
	if err != nil { // only for a cost outside bcrypt's range, which Hash refuses too
		b, _ = bcrypt.GenerateFromPassword([]byte("không có tài khoản này"), bcrypt.DefaultCost)
	}
	dummyHashes.Store(h.cost(), b)
	return b
}

// VerifyNothing spends the time of one comparison at the hasher's cost.
func (h Hasher) VerifyNothing(password string) {
	_ = bcrypt.CompareHashAndPassword(h.dummy(), []byte(password))
}

// CheckPassword enforces the password policy: 10 to 72 bytes (bcrypt's limit).
func CheckPassword(p string) error {
	f := errs.Fields{}
	switch {
	case utf8.RuneCountInString(p) < 10:
		f.Add("password", "Mật khẩu phải có ít nhất 10 ký tự.")
	case len(p) > 72:
		f.Add("password", "Mật khẩu quá dài (tối đa 72 byte).")
	case strings.TrimSpace(p) == "":
		f.Add("password", "Mật khẩu không được chỉ gồm khoảng trắng.")
	}
	return f.Err()
}

// NewToken returns a random API token (shown to the user once) and the
// SHA-256 that is stored in its place.
func NewToken() (token string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	token = "tdk_" + base64.RawURLEncoding.EncodeToString(b)
	return token, TokenHash(token), nil
}

// TokenHash is what is stored and looked up for a token.
func TokenHash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// ErrBadCredentials is the single answer to a wrong user name or password,
// so the form does not reveal which one was wrong.
var ErrBadCredentials = errs.New(errs.Unauthorized, "Tên đăng nhập hoặc mật khẩu không đúng.")

// IsBadCredentials reports whether err is ErrBadCredentials.
func IsBadCredentials(err error) bool { return errors.Is(err, ErrBadCredentials) }
