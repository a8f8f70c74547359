package store

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"thidua/internal/cluster"
)

type pledgeRow struct {
	ID          int64
	ClusterID   int64
	VersionNo   int
	Status      string
	Title       string
	Place       string
	SignedOn    *time.Time
	Preamble    string
	Commitments json.RawMessage `gorm:"type:jsonb"`
	AmendReason string
	Version     int
}

func (pledgeRow) TableName() string { return "pledges" }

type signatureRow struct {
	PledgeID               int64
	UnitID                 int64
	Ord                    int
	Representative         string
	RepresentativePosition string
	SignedAt               *time.Time
	SignedBy               *int64
}

func (signatureRow) TableName() string { return "pledge_signatures" }

func (s *Q) pledgeFrom(ctx context.Context, r pledgeRow) (cluster.Pledge, error) {
	p := cluster.Pledge{ID: r.ID, ClusterID: r.ClusterID, VersionNo: r.VersionNo, Status: cluster.PledgeStatus(r.Status),
		Title: r.Title, Place: r.Place, SignedOn: r.SignedOn, Preamble: r.Preamble, AmendReason: r.AmendReason, Version: r.Version}
	if err := json.Unmarshal(r.Commitments, &p.Commitments); err != nil {
		return p, err
	}
	var sigs []signatureRow
	if err := s.db.WithContext(ctx).Where("pledge_id = ?", r.ID).Order("ord").Find(&sigs).Error; err != nil {
		return p, err
	}
	for _, sg := range sigs {
		p.Signatures = append(p.Signatures, cluster.Signature{UnitID: sg.UnitID, Representative: sg.Representative,
			Position: sg.RepresentativePosition, SignedAt: sg.SignedAt, SignedBy: sg.SignedBy})
	}
	return p, nil
}

// CurrentPledge returns the cluster's pledge that is not superseded.
func (s *Q) CurrentPledge(ctx context.Context, clusterID int64) (cluster.Pledge, error) {
	var r pledgeRow
	err := s.db.WithContext(ctx).Where("cluster_id = ? AND status <> 'superseded'", clusterID).Take(&r).Error
	if err != nil {
		return cluster.Pledge{}, notFound(err, "giao ước thi đua của cụm")
	}
	return s.pledgeFrom(ctx, r)
}

// Pledge returns one pledge version.
func (s *Q) Pledge(ctx context.Context, id int64) (cluster.Pledge, error) {
	var r pledgeRow
	if err := s.db.WithContext(ctx).Take(&r, id).Error; err != nil {
		return cluster.Pledge{}, notFound(err, "giao ước thi đua")
	}
	return s.pledgeFrom(ctx, r)
}

// PledgeVersions lists every version of a cluster's pledge, newest first.
func (s *Q) PledgeVersions(ctx context.Context, clusterID int64) ([]cluster.Pledge, error) {
	var rows []pledgeRow
	if err := s.db.WithContext(ctx).Where("cluster_id = ?", clusterID).Order("version_no DESC").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]cluster.Pledge, 0, len(rows))
	for _, r := range rows {
		p, err := s.pledgeFrom(ctx, r)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// PledgeStates maps each cluster id of a year to its current pledge's
// status and signature count.
func (s *Q) PledgeStates(ctx context.Context, year int) (map[int64]PledgeState, error) {
	var rows []struct {
		ClusterID int64
		PledgeState
	}
	err := s.db.WithContext(ctx).Raw(pledgeStatesSQL("?"), year).Scan(&rows).Error
	out := map[int64]PledgeState{}
	for _, r := range rows {
		out[r.ClusterID] = r.PledgeState
	}
	return out, err
}

// pledgeStatesSQL summarises the current pledge of each cluster of a
// year, the parameter written year: "?" through GORM, "$1" below it.
func pledgeStatesSQL(year string) string {
	return `SELECT p.cluster_id, p.id AS pledge_id, p.status, p.version_no,
		count(sg.unit_id) AS lines, count(sg.signed_at) AS signed
	FROM pledges p JOIN clusters c ON c.id = p.cluster_id
	LEFT JOIN pledge_signatures sg ON sg.pledge_id = p.id
	WHERE c.year = ` + year + ` AND p.status <> 'superseded'
	GROUP BY p.id`
}

// PledgeState summarises a cluster's current pledge.
type PledgeState struct {
	PledgeID  int64                `json:"pledge_id"`
	Status    cluster.PledgeStatus `json:"status"`
	VersionNo int                  `json:"version_no"`
	Lines     int                  `json:"lines"`
	Signed    int                  `json:"signed"`
}

// SavePledge creates p (ID 0) or updates its content if p.Version matches,
// and replaces its signature lines.
func (s *Q) SavePledge(ctx context.Context, p cluster.Pledge) (cluster.Pledge, error) {
	commitments, err := json.Marshal(p.Commitments)
	if err != nil {
		return p, err
	}
	if p.Commitments == nil {
		commitments = []byte("[]")
	}
	db := s.db.WithContext(ctx)
	cols := map[string]any{"status": string(p.Status), "title": p.Title, "place": p.Place, "signed_on": p.SignedOn,
		"preamble": p.Preamble, "commitments": string(commitments), "amend_reason": p.AmendReason}
	if p.ID == 0 {
		cols["cluster_id"], cols["version_no"] = p.ClusterID, p.VersionNo
		var id int64
		if err := db.Raw(`INSERT INTO pledges (cluster_id, version_no, status, title, place, signed_on, preamble, commitments, amend_reason)
			VALUES (@cluster_id, @version_no, @status, @title, @place, @signed_on, @preamble, CAST(@commitments AS jsonb), @amend_reason) RETURNING id`, cols).
			Scan(&id).Error; err != nil {
			return p, err
		}
		p.ID = id
	} else {
		cols["commitments"] = gorm.Expr("?::jsonb", string(commitments))
		cols["version"], cols["updated_at"] = gorm.Expr("version + 1"), gorm.Expr("now()")
		res := db.Model(&pledgeRow{}).Where("id = ? AND version = ?", p.ID, loadedVersion(p.Version)).Updates(cols)
		if res.Error != nil {
			return p, res.Error
		}
		if res.RowsAffected != 1 {
			return p, stale("giao ước")
		}
		if err := db.Exec(`DELETE FROM pledge_signatures WHERE pledge_id = ?`, p.ID).Error; err != nil {
			return p, err
		}
	}
	for i, sg := range p.Signatures {
		if err := db.Create(&signatureRow{PledgeID: p.ID, UnitID: sg.UnitID, Ord: i + 1, Representative: sg.Representative,
			RepresentativePosition: sg.Position, SignedAt: sg.SignedAt, SignedBy: sg.SignedBy}).Error; err != nil {
			return p, err
		}
	}
	return s.Pledge(ctx, p.ID)
}

// SetPledgeStatus changes only the status (superseding an old version).
func (s *Q) SetPledgeStatus(ctx context.Context, id int64, status cluster.PledgeStatus) error {
	return s.db.WithContext(ctx).Exec(`UPDATE pledges SET status = ?, version = version + 1, updated_at = now() WHERE id = ?`,
		string(status), id).Error
}

// LockPledge takes the pledge's row lock for the rest of the transaction,
// so signatures arriving together are counted one after the other.
func (s *Q) LockPledge(ctx context.Context, id int64) error {
	return s.db.WithContext(ctx).Exec(`SELECT 1 FROM pledges WHERE id = ? FOR UPDATE`, id).Error
}
