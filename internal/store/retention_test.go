package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"thidua/internal/award"
	"thidua/internal/dbtest"
	"thidua/internal/retention"
)

// The database's retention table (migration 00024) is retention.ForTitle:
// the same years, or permanent, for every title and an unknown one, and
// the same last day, 29 February included.
func TestRetentionTableMatchesTheDomain(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t).SQL()
	day := time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
	titles := append(append(append([]award.Title{}, award.IndividualTitles...), award.CollectiveTitles...), award.Forms...)
	for _, title := range append(titles, "huan_chuong_ld3") {
		var years sql.NullInt64
		var until sql.NullTime
		if err := db.QueryRow(`SELECT retention_years($1), kept_until($1, $2::date)`, string(title), day).Scan(&years, &until); err != nil {
			t.Fatal(err)
		}
		p := retention.ForTitle(title)
		want, ok := p.Until(day)
		if years.Valid == p.Permanent || int(years.Int64) != p.Years || until.Valid != ok || ok && !until.Time.Equal(want) {
			t.Errorf("%s: database %v years until %v, domain %+v until %v", title, years, until, p, want)
		}
	}
}

// Award records and the council's minutes cannot be deleted before their
// retention ends, whatever path the delete takes; the change history not
// at all. Dates are chosen so the answer holds on any day of this century.
func TestRetentionRefusesEarlyDeletes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t).SQL()
	var unit int64
	if err := db.QueryRowContext(ctx, `INSERT INTO units (code, name, type, valid_from) VALUES ('R', 'Đơn vị lưu trữ', 'provincial', '2000-01-01') RETURNING id`).Scan(&unit); err != nil {
		t.Fatal(err)
	}
	award := func(title string, decided string) int64 {
		t.Helper()
		var id int64
		if err := db.QueryRowContext(ctx, `INSERT INTO awards (unit_id, year, title, kind, decision_date) VALUES ($1, 2001, $2, 'cong_trang', $3::date) RETURNING id`,
			unit, title, decided).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	refused := func(what, q string, args ...any) {
		t.Helper()
		_, err := db.ExecContext(ctx, q, args...)
		if err == nil || !strings.Contains(err.Error(), "retention") {
			t.Errorf("%s: deleted (%v)", what, err)
		}
	}
	// A Giấy khen of 2001 is kept 10 years: it may go now.
	if _, err := db.ExecContext(ctx, `DELETE FROM awards WHERE id = $1`, award("giay_khen", "2001-12-20")); err != nil {
		t.Errorf("a Giấy khen of 2001 after its 10 years: %v", err)
	}
	refused("a Bằng khen of the Prime Minister of 2001 (permanent)", `DELETE FROM awards WHERE id = $1`, award("bk_ttg", "2001-12-20"))
	refused("a Chiến sĩ thi đua ngành of 2095 (20 years)", `DELETE FROM awards WHERE id = $1`, award("cstd_ng", "2095-12-20"))
	if _, err := db.ExecContext(ctx, `INSERT INTO audit_log (action, entity) VALUES ('test', 'retention')`); err != nil {
		t.Fatal(err)
	}
	refused("a change of the history", `UPDATE audit_log SET reason = 'rewritten'`)
	refused("the change history", `DELETE FROM audit_log WHERE entity = 'retention'`)

	var decision int64
	if err := db.QueryRowContext(ctx, `INSERT INTO decisions (year, number, decided_on, unit_id) VALUES (2090, '1/QĐ-VKSTC', '2090-12-20', $1) RETURNING id`, unit).Scan(&decision); err != nil {
		t.Fatal(err)
	}
	refused("a decision of 2090", `DELETE FROM decisions WHERE id = $1`, decision)

	// A council session's minutes, nominees and voters.
	var council, member, session int64
	if err := db.QueryRowContext(ctx, `INSERT INTO councils (unit_id, year, name) VALUES ($1, 2026, 'Hội đồng') RETURNING id`, unit).Scan(&council); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `INSERT INTO council_members (council_id, full_name, role) VALUES ($1, 'A', 'chair') RETURNING id`, council).Scan(&member); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `INSERT INTO council_sessions (council_id, held_on, members, quorum, rule_set) VALUES ($1, '2026-11-26', 1, 1, 'x') RETURNING id`, council).Scan(&session); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO council_session_voters (session_id, member_id) VALUES ($1, $2)`, session, member); err != nil {
		t.Fatal(err)
	}
	refused("a session's voters", `DELETE FROM council_session_voters WHERE session_id = $1`, session)
	refused("a session", `DELETE FROM council_sessions WHERE id = $1`, session)
}
