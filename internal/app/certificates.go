package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/document"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/store"
)

// Certificates (Bằng khen, Giấy khen) printed on the blanks an issuing
// unit buys: its board positions each field once per kind (the layout),
// checks it on a calibration sheet, then prints the certificates of the
// decisions its level took. Each level's board acts for its own unit only
// (auth.PrintCerts on the unit's path).

// CertLayoutPage is the calibration form of one unit's blanks of a kind.
type CertLayoutPage struct {
	document.CertLayout
	UnitName string   `json:"unit_name"`
	Kinds    []string `json:"kinds"` // the kinds of certificate the unit issues
	Saved    bool     `json:"saved"` // false: the default layout, never saved
}

// CertKinds are the certificates a unit of type t issues on its own
// blanks: the Supreme Procuracy its Viện trưởng's Bằng khen (and Giấy
// khen); a high, provincial or regional procuracy its Viện trưởng's Giấy
// khen; a department none.
func CertKinds(t org.UnitType) []string {
	switch {
	case t == org.TypeSupreme:
		return []string{document.BangKhen, document.GiayKhen}
	case t.Valid() && t != org.TypeDepartment:
		return []string{document.GiayKhen}
	}
	return nil
}

// certUnit authorises p to calibrate and print on unitID's blanks and
// checks that the unit issues kind ("": its first kind).
func (a *App) certUnit(ctx context.Context, q *store.Q, p auth.Principal, unitID int64, kind string) (org.Unit, string, error) {
	if p.Anonymous() {
		return org.Unit{}, kind, auth.Authorize(p, auth.PrintCerts, auth.Target{})
	}
	path, err := a.unitPathOf(ctx, q, unitID)
	if err != nil {
		return org.Unit{}, kind, err
	}
	if err := auth.Authorize(p, auth.PrintCerts, auth.Unit(path)); err != nil {
		return org.Unit{}, kind, err
	}
	u, err := q.Unit(ctx, unitID)
	if err != nil {
		return u, kind, err
	}
	kinds := CertKinds(u.Type)
	if kind == "" && len(kinds) > 0 {
		kind = kinds[0]
	}
	if !slices.Contains(kinds, kind) {
		return u, kind, errs.New(errs.NotFound, "%s không có phôi %s.", u.Name, document.KindLabel(kind))
	}
	return u, kind, nil
}

// CertLayout is the layout of unitID's blanks of kind: the one its board
// saved, or the default until it saves one.
func (a *App) CertLayout(ctx context.Context, p auth.Principal, unitID int64, kind string) (CertLayoutPage, error) {
	u, kind, err := a.certUnit(ctx, &a.store.Q, p, unitID, kind)
	if err != nil {
		return CertLayoutPage{}, err
	}
	return certLayout(ctx, &a.store.Q, u, kind)
}

func certLayout(ctx context.Context, q *store.Q, u org.Unit, kind string) (CertLayoutPage, error) {
	out := CertLayoutPage{UnitName: u.Name, Kinds: CertKinds(u.Type)}
	l, ok, err := q.CertLayout(ctx, u.ID, kind)
	if err != nil || !ok {
		l = document.DefaultCertLayout(u.Type, kind)
	}
	out.CertLayout, out.Saved = l, ok && err == nil
	out.UnitID, out.Level = u.ID, u.Type
	return out, err
}

// SaveCertLayout records where each field goes on the blanks of kind of
// the unit l.UnitID, read at l.Version (0: the default); audited.
func (a *App) SaveCertLayout(ctx context.Context, p auth.Principal, l document.CertLayout) (CertLayoutPage, error) {
	var out CertLayoutPage
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		u, _, err := a.certUnit(ctx, tx, p, l.UnitID, l.Kind)
		if err != nil {
			return err
		}
		l.Level = u.Type
		if err := l.Check(); err != nil {
			return err
		}
		before, err := certLayout(ctx, tx, u, l.Kind)
		if err != nil {
			return err
		}
		saved, err := tx.SaveCertLayout(ctx, l)
		if err != nil {
			return err
		}
		out = CertLayoutPage{CertLayout: saved, UnitName: u.Name, Kinds: before.Kinds, Saved: true}
		return tx.Audit(ctx, p.UserID, "calibrate", "certificate_layout", u.ID, document.KindLabel(l.Kind), before.CertLayout, saved)
	})
	return out, err
}

// certKindsFor are the kinds of certificate p may print for a decision
// of unitID (of type t): none unless p is the board of that level.
func (a *App) certKindsFor(ctx context.Context, p auth.Principal, unitID int64, t org.UnitType) []string {
	if a.authorizeUnit(ctx, p, auth.PrintCerts, unitID) != nil {
		return nil
	}
	return CertKinds(t)
}

// DecisionCertificates are a decision's certificates of kind ("": the
// first its level issues), one per award, and the layout of the deciding
// unit's blanks they print on; only that level's board prints them.
func (a *App) DecisionCertificates(ctx context.Context, p auth.Principal, id int64, kind string) (document.CertLayout, []document.Certificate, error) {
	d, err := a.DecisionDocs(ctx, p, id)
	if err != nil {
		return document.CertLayout{}, nil, err
	}
	u, kind, err := a.certUnit(ctx, &a.store.Q, p, d.UnitID, kind)
	if err != nil {
		return document.CertLayout{}, nil, err
	}
	l, err := certLayout(ctx, &a.store.Q, u, kind)
	if err != nil {
		return document.CertLayout{}, nil, err
	}
	v, iss := d.DecisionView, d.Issuer
	on := v.DecidedOn.In(time.UTC)
	signer := v.Decision.SignedAs()
	lines := signer.Lines()
	certs := make([]document.Certificate, 0, len(d.Entries))
	for _, e := range d.Entries {
		certs = append(certs, document.Certificate{
			"name": certName(e), "position": certPosition(e), "title": certTitle(e),
			"decision": "Quyết định số " + v.Number, "date": document.DateLine(iss.Place, &on),
			"signer": strings.Join(lines[:len(lines)-2], "\n"), "signer_name": signer.Name,
		})
	}
	return l.CertLayout, certs, nil
}

// certName is who the certificate is for: "Bà Phạm Thị Hồng", or the
// collective's name.
func certName(e AwardEntry) string {
	if e.Person == nil {
		return e.SubjectName
	}
	switch e.Person.Sex {
	case "Nam":
		return "Ông " + e.Person.FullName
	case "Nữ":
		return "Bà " + e.Person.FullName
	}
	return e.Person.FullName
}

func certPosition(e AwardEntry) string {
	if e.Person == nil {
		return ""
	}
	return strings.Trim(e.Person.Position+", "+e.Person.UnitName, ", ")
}

// certTitle is what the certificate is given for: a form of commendation
// for the year's achievements, or the title reached.
func certTitle(e AwardEntry) string {
	if slices.Contains(award.Forms, award.Title(e.Title)) {
		return fmt.Sprintf("Đã có thành tích xuất sắc trong công tác năm %d", e.Year)
	}
	return fmt.Sprintf("Đạt danh hiệu “%s” năm %d", award.Title(e.Title).Label(), e.Year)
}
