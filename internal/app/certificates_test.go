package app_test

import (
	"slices"
	"testing"

	"thidua/internal/auth"
	"thidua/internal/document"
	"thidua/internal/errs"
	"thidua/internal/seed"
)

// TestCertificatesPerLevel: the council of VKSND tỉnh Vĩnh Long (the
// demo's hoidong.vinhlong) calibrates its own Giấy khen blank, audited
// and locked by version, and gets the certificates of its own decision
// on that layout, one per award, under its own date line and signer; the
// Supreme Procuracy's layout is not touched. It is refused the sector's
// blanks, another province's, the blanks of a unit under it and another
// province's decision; the sector's board is refused the province's
// decision; an officer everything. A province issues no Bằng khen.
func TestCertificatesPerLevel(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	vl, na := f.unit(t, seed.ProvinceCode("Vĩnh Long")+"-2025"), f.unit(t, seed.ProvinceCode("Nghệ An"))
	kv1 := f.unit(t, seed.ProvinceCode("Vĩnh Long")+"-2025-KV1")
	supreme := f.unit(t, seed.CodeSupreme)
	user, err := f.Store.UserByName(f.ctx, "hoidong.vinhlong")
	if err != nil {
		t.Fatal(err)
	}
	council := auth.Scoped(user.Principal(), vl.ID)
	decisionOf := func(unit int64) int64 {
		t.Helper()
		var id int64
		if err := f.Store.SQL().QueryRow(`SELECT id FROM decisions WHERE unit_id = $1 ORDER BY id LIMIT 1`, unit).Scan(&id); err != nil {
			t.Fatalf("the demo's decision of unit %d: %v", unit, err)
		}
		return id
	}
	own, other := decisionOf(vl.ID), decisionOf(na.ID)

	page, err := f.CertLayout(f.ctx, council, vl.ID, document.GiayKhen)
	if err != nil || page.Saved || page.UnitID != vl.ID || !slices.Equal(page.Kinds, []string{document.GiayKhen}) {
		t.Fatalf("the province's blank before calibrating: %+v %v", page, err)
	}
	_, err = f.CertLayout(f.ctx, council, vl.ID, document.BangKhen)
	wantCode(t, err, errs.NotFound)

	l := document.DefaultCertLayout(vl.Type, document.GiayKhen)
	l.UnitID, l.Width, l.Height = vl.ID, 250, 190
	l.Fields[0].X, l.Fields[0].Y = 125, 70
	saved, err := f.SaveCertLayout(f.ctx, council, l)
	if err != nil || !saved.Saved || saved.Version != 1 || saved.UnitID != vl.ID || saved.Width != 250 {
		t.Fatalf("calibrating the province's blank: %+v %v", saved, err)
	}
	var audits int
	if err := f.Store.SQL().QueryRow(`SELECT count(*) FROM audit_log WHERE entity = 'certificate_layout' AND entity_id = $1 AND action = 'calibrate'`, vl.ID).Scan(&audits); err != nil || audits != 1 {
		t.Fatalf("the calibration's audit rows: %d %v", audits, err)
	}
	_, err = f.SaveCertLayout(f.ctx, council, l) // read at version 0, now 1
	wantCode(t, err, errs.Conflict)
	if sup, err := f.CertLayout(f.ctx, f.board, supreme.ID, document.GiayKhen); err != nil || sup.Saved {
		t.Fatalf("the Supreme Procuracy's Giấy khen after the province calibrated: %+v %v", sup, err)
	}

	layout, certs, err := f.DecisionCertificates(f.ctx, council, own, "")
	if err != nil || layout.UnitID != vl.ID || layout.Kind != document.GiayKhen || layout.Width != 250 || len(certs) < 2 {
		t.Fatalf("the province's decision on its blank: %+v, %d certificates, %v", layout, len(certs), err)
	}
	for _, c := range certs {
		if c["date"][:len("Vĩnh Long, ngày")] != "Vĩnh Long, ngày" || c["signer"] != "KT. VIỆN TRƯỞNG\nPHÓ VIỆN TRƯỞNG" {
			t.Errorf("a certificate not of the province's decision: %v", c)
		}
	}
	v, err := f.Decision(f.ctx, council, own)
	if err != nil || !slices.Equal(v.CertKinds, []string{document.GiayKhen}) {
		t.Fatalf("the province's decision offers its council %v (%v)", v.CertKinds, err)
	}
	for name, p := range map[string]auth.Principal{"the sector's board": f.board, "an officer": f.officer, "a viewer": f.viewer} {
		if v, err := f.Decision(f.ctx, p, own); err != nil || v.CertKinds != nil {
			t.Errorf("the province's decision offers %s %v (%v)", name, v.CertKinds, err)
		}
	}

	refused := []struct {
		name string
		do   func() error
	}{
		{"the sector's blanks", func() error { _, err := f.CertLayout(f.ctx, council, supreme.ID, document.BangKhen); return err }},
		{"another province's blanks", func() error {
			m := l
			m.UnitID, m.Version = na.ID, 0
			_, err := f.SaveCertLayout(f.ctx, council, m)
			return err
		}},
		{"the blanks of a unit under it", func() error { _, err := f.CertLayout(f.ctx, council, kv1.ID, document.GiayKhen); return err }},
		{"another province's decision", func() error { _, _, err := f.DecisionCertificates(f.ctx, council, other, ""); return err }},
		{"the sector's board, the province's decision", func() error { _, _, err := f.DecisionCertificates(f.ctx, f.board, own, ""); return err }},
		{"the sector's board, the province's blanks", func() error { _, err := f.CertLayout(f.ctx, f.board, vl.ID, document.GiayKhen); return err }},
		{"an officer, the province's decision", func() error { _, _, err := f.DecisionCertificates(f.ctx, f.officer, own, ""); return err }},
		{"an officer, the sector's blanks", func() error { _, err := f.CertLayout(f.ctx, f.officer, supreme.ID, document.BangKhen); return err }},
	}
	for _, r := range refused {
		if err := r.do(); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("%s: want Forbidden, got %v", r.name, err)
		}
	}
	if after, err := f.CertLayout(f.ctx, f.admin, na.ID, document.GiayKhen); err != nil || after.Saved {
		t.Fatalf("Nghệ An's blank after a refused save: %+v %v", after, err)
	}
}
