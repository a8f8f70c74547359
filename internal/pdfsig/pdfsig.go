// Package pdfsig verifies the digital signatures of a PDF: that the bytes
// each signature covers are the bytes it signed, who signed (the
// certificate's subject) and when, whether the document changed after it
// was signed (bytes after the signed range: an incremental update), and
// whether the signer's certificate chains to a trusted root (in production
// the national root CA of the Ban Cơ yếu Chính phủ, as configured; in
// tests a CA made by the test). It is pure: it reads bytes and answers,
// without a database or the network (no OCSP or CRL is fetched).
//
// The CMS (PKCS#7) container is parsed and its signature checked by
// github.com/digitorus/pkcs7; the PDF's objects are read by
// github.com/digitorus/pdf. What a PDF signature means on top of CMS (the
// ByteRange, the hole holding /Contents, incremental updates) is here.
package pdfsig

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pkcs7"
)

// Signature is what one signature of a document says.
type Signature struct {
	Signer       string    `json:"signer"`        // the certificate subject's common name
	Organisation string    `json:"organisation"`  // the subject's organisation, if any
	Subject      string    `json:"subject"`       // the whole subject, RFC 2253
	SignedAt     time.Time `json:"signed_at"`     // the dictionary's /M, else the CMS signing-time attribute; zero if neither
	Intact       bool      `json:"intact"`        // the covered bytes are the bytes signed
	Trusted      bool      `json:"trusted"`       // the certificate chains to a trusted root on the signing day
	WholeFile    bool      `json:"whole_file"`    // nothing was added after the signed bytes
	Problems     []string  `json:"problems"`      // why the signature fails, in Vietnamese
	CoveredBytes int64     `json:"covered_bytes"` // where the signed range ends
}

// Valid reports a signature that is intact, trusted and covers the whole file.
func (s Signature) Valid() bool { return s.Intact && s.Trusted && s.WholeFile && len(s.Problems) == 0 }

// Result is the verdict on one PDF.
type Result struct {
	Signatures []Signature `json:"signatures"`
	// Problem says why the file's signatures could not be read at all.
	Problem string `json:"problem,omitempty"`
}

// Signed reports whether the document carries any signature.
func (r Result) Signed() bool { return len(r.Signatures) > 0 || r.Problem != "" }

// Valid reports a signed document whose every signature is valid.
func (r Result) Valid() bool {
	if r.Problem != "" || len(r.Signatures) == 0 {
		return false
	}
	for _, s := range r.Signatures {
		if !s.Valid() {
			return false
		}
	}
	return true
}

// ict is the time zone signing times are shown in.
var ict = time.FixedZone("ICT", 7*3600)

// Summary is the line shown beside the file: "Đã ký số bởi … lúc …", or
// why the signature fails.
func (s Signature) Summary() string {
	who := s.Signer
	if who == "" {
		who = "(không rõ người ký)"
	}
	if s.Organisation != "" && s.Organisation != s.Signer {
		who += " (" + s.Organisation + ")"
	}
	when := "(không rõ thời điểm ký)"
	if !s.SignedAt.IsZero() {
		when = s.SignedAt.In(ict).Format("15:04 ngày 02/01/2006")
	}
	if s.Valid() {
		return fmt.Sprintf("Đã ký số bởi %s lúc %s.", who, when)
	}
	return fmt.Sprintf("Chữ ký số của %s lúc %s không hợp lệ: %s", who, when, strings.Join(s.Problems, "; ")+".")
}

// Summary is every signature's line, or why none could be read.
func (r Result) Summary() string {
	if r.Problem != "" {
		return r.Problem
	}
	if len(r.Signatures) == 0 {
		return "Tệp không có chữ ký số."
	}
	lines := make([]string, 0, len(r.Signatures))
	for _, s := range r.Signatures {
		lines = append(lines, s.Summary())
	}
	return strings.Join(lines, " ")
}

// Verifier checks signatures against its trusted roots; no roots: no
// signature is trusted, however intact.
type Verifier struct {
	Roots *x509.CertPool
}

// LoadRoots reads the trusted root certificates from a PEM file (the
// configured SIGNATURE_ROOTS).
func LoadRoots(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	n := 0
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			break
		}
		if blk.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		pool.AddCert(c)
		n++
	}
	if n == 0 {
		return nil, fmt.Errorf("%s: no certificate", path)
	}
	return pool, nil
}

// Verify reads the whole PDF in data and checks each of its signatures.
// A document without signatures gives an empty Result; one whose
// signatures cannot be parsed gives a Result with Problem.
func (v Verifier) Verify(data []byte) (res Result) {
	defer func() {
		// digitorus/pdf panics on some malformed files: that is an
		// unreadable document, not a crash.
		if r := recover(); r != nil {
			res = Result{Problem: "Không đọc được chữ ký số: tệp PDF bị hỏng."}
		}
	}()
	if !bytes.Contains(data, []byte("/ByteRange")) {
		return Result{}
	}
	rdr, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Result{Problem: "Không đọc được chữ ký số: tệp PDF bị hỏng."}
	}
	seen := map[string]bool{}
	for _, x := range rdr.Xref() {
		obj := rdr.Resolve(x.Ptr(), x.Ptr())
		if obj.Kind() != pdf.Dict || obj.Key("ByteRange").IsNull() || obj.Key("Contents").IsNull() {
			continue
		}
		if t := obj.Key("Type").Name(); t != "" && t != "Sig" && t != "DocTimeStamp" {
			continue
		}
		key := obj.Key("ByteRange").String()
		if seen[key] {
			continue
		}
		seen[key] = true
		res.Signatures = append(res.Signatures, v.check(data, obj))
	}
	if len(res.Signatures) == 0 {
		res.Problem = "Không đọc được chữ ký số: tệp có vùng ký nhưng không có chữ ký."
	}
	return res
}

// check verifies one signature dictionary against the file's bytes.
func (v Verifier) check(data []byte, sig pdf.Value) Signature {
	s := Signature{}
	if m := sig.Key("M"); !m.IsNull() {
		if t, err := parseDate(m.Text()); err == nil {
			s.SignedAt = t
		}
	}
	content, end, err := byteRange(data, sig.Key("ByteRange"))
	if err != nil {
		s.Problems = append(s.Problems, err.Error())
		return s
	}
	s.CoveredBytes = end
	s.WholeFile = onlyWhitespace(data[end:])
	if !s.WholeFile {
		s.Problems = append(s.Problems, "tài liệu đã bị sửa đổi sau khi ký (có nội dung được thêm sau vùng đã ký)")
	}
	p7, err := parseContents([]byte(sig.Key("Contents").RawString()))
	if err != nil {
		s.Problems = append(s.Problems, "không đọc được dữ liệu chữ ký (CMS/PKCS#7)")
		return s
	}
	leaf := p7.GetOnlySigner()
	if leaf == nil {
		s.Problems = append(s.Problems, "chữ ký không có đúng một chứng thư người ký")
		return s
	}
	s.Signer, s.Subject = leaf.Subject.CommonName, leaf.Subject.String()
	if len(leaf.Subject.Organization) > 0 {
		s.Organisation = leaf.Subject.Organization[0]
	}
	// PAdES (ETSI EN 319 142-1) puts the claimed signing time in the
	// dictionary's /M, inside the signed bytes, and leaves the CMS
	// signing-time attribute out; older signers set only the attribute.
	var signedAt time.Time
	if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &signedAt); err == nil && s.SignedAt.IsZero() {
		s.SignedAt = signedAt
	}
	p7.Content = content
	// Integrity first, without the chain, so a broken chain and changed
	// bytes are told apart.
	if err := p7.Verify(); err != nil {
		var mismatch *pkcs7.MessageDigestMismatchError
		if errors.As(err, &mismatch) {
			s.Problems = append(s.Problems, "nội dung đã ký bị thay đổi (mã băm không khớp)")
		} else {
			s.Problems = append(s.Problems, "chữ ký không khớp với chứng thư số của người ký")
		}
		return s
	}
	s.Intact = true
	s.Trusted, s.Problems = v.trust(p7, leaf, s.SignedAt, s.Problems)
	return s
}

// trust checks the signer's chain to the trusted roots on the signing day
// (today's date would fail every signature once its certificate expires).
func (v Verifier) trust(p7 *pkcs7.PKCS7, leaf *x509.Certificate, at time.Time, problems []string) (bool, []string) {
	if v.Roots == nil {
		return false, append(problems, "chưa cấu hình chứng thư gốc tin cậy để kiểm tra người ký")
	}
	if at.IsZero() {
		return false, append(problems, "chữ ký không ghi thời điểm ký")
	}
	inter := x509.NewCertPool()
	for _, c := range p7.Certificates {
		if c != leaf {
			inter.AddCert(c)
		}
	}
	_, err := leaf.Verify(x509.VerifyOptions{Roots: v.Roots, Intermediates: inter, CurrentTime: at,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	var inv x509.CertificateInvalidError
	switch {
	case err == nil:
		return true, problems
	case errors.As(err, &inv) && inv.Reason == x509.Expired:
		return false, append(problems, "chứng thư số không còn hiệu lực tại thời điểm ký")
	default:
		return false, append(problems, "chứng thư số không do tổ chức chứng thực tin cậy cấp: "+leaf.Issuer.CommonName)
	}
}

// byteRange returns the bytes a signature covers and where they end. The
// ranges must be [0 a b c] with the hole a..b holding exactly the
// hexadecimal /Contents, so no unsigned bytes can hide inside the file.
func byteRange(data []byte, br pdf.Value) ([]byte, int64, error) {
	bad := errors.New("vùng ký (ByteRange) không hợp lệ")
	if br.Len() != 4 {
		return nil, 0, bad
	}
	n := [4]int64{}
	for i := range n {
		n[i] = br.Index(i).Int64()
	}
	size := int64(len(data))
	if n[0] != 0 || n[1] <= 0 || n[2] <= n[1] || n[3] < 0 || n[2]+n[3] > size {
		return nil, 0, bad
	}
	hole := bytes.TrimSpace(data[n[1]:n[2]])
	if len(hole) < 2 || hole[0] != '<' || hole[len(hole)-1] != '>' || !isHex(hole[1:len(hole)-1]) {
		return nil, 0, bad
	}
	out := make([]byte, 0, n[1]+n[3])
	out = append(out, data[:n[1]]...)
	out = append(out, data[n[2]:n[2]+n[3]]...)
	return out, n[2] + n[3], nil
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// parseContents reads the CMS blob from the zero-padded /Contents hole. The
// blob ends where its DER length says, not at the first trailing zero: a
// signature whose last byte is 0x00 (one in 256) would otherwise be cut.
func parseContents(hole []byte) (*pkcs7.PKCS7, error) {
	var der asn1.RawValue
	if _, err := asn1.Unmarshal(hole, &der); err != nil {
		return nil, err
	}
	return pkcs7.Parse(der.FullBytes)
}

func onlyWhitespace(b []byte) bool { return len(bytes.TrimSpace(b)) == 0 }

// parseDate reads a PDF date: D:YYYYMMDDHHmmSS+HH'mm'.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimPrefix(s, "D:")
	s = strings.ReplaceAll(s, "'", "")
	for _, layout := range []string{"20060102150405-0700", "20060102150405Z0700", "20060102150405Z", "20060102150405"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q", s)
}

// ReadAll reads at most limit bytes of a PDF for Verify; a longer one is an error.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("tệp lớn hơn %d MB", limit>>20)
	}
	return b, nil
}
