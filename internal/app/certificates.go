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

// Certificates (Bằng khen, Giấy khen) printed on the blanks a level buys:
// the board positions each field once per level and kind (the layout),
// checks it on a calibration sheet, then prints a decision's certificates.

// CertLayoutPage is the calibration form of one level and kind.
type CertLayoutPage struct {
	document.CertLayout
	Saved bool `json:"saved"` // false: the default layout, never saved
}

// certKey checks a layout's level and kind from a URL.
func certKey(level, kind string) (org.UnitType, error) {
	l := org.UnitType(level)
	if !l.Valid() || l == org.TypeDepartment || (kind != document.BangKhen && kind != document.GiayKhen) {
		return l, errs.New(errs.NotFound, "Không có phôi %s của cấp này.", document.KindLabel(kind))
	}
	return l, nil
}

// CertLayout is the layout of level's blanks of kind: the one saved, or
// the default until the board saves one.
func (a *App) CertLayout(ctx context.Context, p auth.Principal, level, kind string) (CertLayoutPage, error) {
	if err := auth.Authorize(p, auth.PrintCerts, auth.Target{}); err != nil {
		return CertLayoutPage{}, err
	}
	lv, err := certKey(level, kind)
	if err != nil {
		return CertLayoutPage{}, err
	}
	return certLayout(ctx, &a.store.Q, lv, kind)
}

func certLayout(ctx context.Context, q *store.Q, level org.UnitType, kind string) (CertLayoutPage, error) {
	l, ok, err := q.CertLayout(ctx, level, kind)
	if err != nil || !ok {
		return CertLayoutPage{CertLayout: document.DefaultCertLayout(level, kind)}, err
	}
	return CertLayoutPage{CertLayout: l, Saved: true}, nil
}

// SaveCertLayout records where each field goes on level's blanks of kind,
// read at l.Version (0: the default); audited.
func (a *App) SaveCertLayout(ctx context.Context, p auth.Principal, l document.CertLayout) (CertLayoutPage, error) {
	var out CertLayoutPage
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if err := auth.Authorize(p, auth.PrintCerts, auth.Target{}); err != nil {
			return err
		}
		if _, err := certKey(string(l.Level), l.Kind); err != nil {
			return err
		}
		if err := l.Check(); err != nil {
			return err
		}
		before, err := certLayout(ctx, tx, l.Level, l.Kind)
		if err != nil {
			return err
		}
		saved, err := tx.SaveCertLayout(ctx, l)
		if err != nil {
			return err
		}
		out = CertLayoutPage{CertLayout: saved, Saved: true}
		return tx.Audit(ctx, p.UserID, "calibrate", "certificate_layout", 0, string(l.Level)+"/"+l.Kind, before.CertLayout, saved)
	})
	return out, err
}

// DecisionCertificates are a decision's certificates of kind, one per
// award, and the layout of its issuing level's blanks they print on.
func (a *App) DecisionCertificates(ctx context.Context, p auth.Principal, id int64, kind string) (document.CertLayout, []document.Certificate, error) {
	if err := auth.Authorize(p, auth.PrintCerts, auth.Target{}); err != nil {
		return document.CertLayout{}, nil, err
	}
	d, err := a.DecisionDocs(ctx, p, id)
	if err != nil {
		return document.CertLayout{}, nil, err
	}
	v, entries, iss := d.DecisionView, d.Entries, d.Issuer
	if kind == "" {
		kind = document.BangKhen
	}
	if _, err := certKey(string(iss.Level), kind); err != nil {
		return document.CertLayout{}, nil, err
	}
	l, err := certLayout(ctx, &a.store.Q, iss.Level, kind)
	if err != nil {
		return document.CertLayout{}, nil, err
	}
	on := v.DecidedOn.In(time.UTC)
	signer := v.Decision.SignedAs()
	lines := signer.Lines()
	certs := make([]document.Certificate, 0, len(entries))
	for _, e := range entries {
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
