package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"thidua/internal/cluster"
	"thidua/internal/errs"
)

type clusterRow struct {
	ID                    int64
	Year                  int
	Level                 string
	Number                int
	Name                  string
	OwnerUnitID           *int64
	HeadUnitID            *int64
	DeputyUnitID          *int64
	SuggestedHeadUnitID   *int64
	SuggestedDeputyUnitID *int64
	NominatedDeputyUnitID *int64
	DesignationRef        string
	FollowerUserID        *int64
	Note                  string
	Version               int
}

func (clusterRow) TableName() string { return "clusters" }

func (r clusterRow) cluster(members []int64) cluster.Cluster {
	return cluster.Cluster{ID: r.ID, Year: r.Year, Level: cluster.Level(r.Level), Number: r.Number, Name: r.Name,
		OwnerUnitID: r.OwnerUnitID, HeadUnitID: r.HeadUnitID, DeputyUnitID: r.DeputyUnitID,
		SuggestedHeadID: r.SuggestedHeadUnitID, SuggestedDeputyID: r.SuggestedDeputyUnitID,
		NominatedDeputyID: r.NominatedDeputyUnitID, DesignationRef: r.DesignationRef, FollowerUserID: r.FollowerUserID,
		Note: r.Note, Members: members, Version: r.Version}
}

// Clusters lists a year's clusters with their members, by level and number.
func (s *Q) Clusters(ctx context.Context, f cluster.Filter) ([]cluster.Cluster, error) {
	q := s.db.WithContext(ctx).Where("year = ?", f.Year)
	if f.Level != "" {
		q = q.Where("level = ?", string(f.Level))
	}
	if f.Owner != nil {
		q = q.Where("owner_unit_id = ?", *f.Owner)
	}
	var rows []clusterRow
	if err := q.Order("level DESC, owner_unit_id NULLS FIRST, number").Find(&rows).Error; err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	members, err := s.members(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]cluster.Cluster, len(rows))
	for i, r := range rows {
		out[i] = r.cluster(members[r.ID])
	}
	return out, nil
}

// Cluster returns one cluster with its members.
func (s *Q) Cluster(ctx context.Context, id int64) (cluster.Cluster, error) {
	var r clusterRow
	if err := s.db.WithContext(ctx).Take(&r, id).Error; err != nil {
		return cluster.Cluster{}, notFound(err, "cụm thi đua")
	}
	m, err := s.members(ctx, []int64{id})
	if err != nil {
		return cluster.Cluster{}, err
	}
	return r.cluster(m[id]), nil
}

// ClusterOfUnit returns the cluster a unit belongs to in a year.
func (s *Q) ClusterOfUnit(ctx context.Context, year int, unitID int64) (cluster.Cluster, error) {
	var id int64
	err := s.db.WithContext(ctx).Table("cluster_members").Select("cluster_id").Where("year = ? AND unit_id = ?", year, unitID).Take(&id).Error
	if err != nil {
		return cluster.Cluster{}, notFound(err, "cụm thi đua của đơn vị trong năm này")
	}
	return s.Cluster(ctx, id)
}

func (s *Q) members(ctx context.Context, clusterIDs []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	if len(clusterIDs) == 0 {
		return out, nil
	}
	var rows []struct{ ClusterID, UnitID int64 }
	if err := s.db.WithContext(ctx).Table("cluster_members").Where("cluster_id IN ?", clusterIDs).
		Order("cluster_id, ord").Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ClusterID] = append(out[r.ClusterID], r.UnitID)
	}
	return out, nil
}

// TakenUnits maps the units that are members of a cluster of the year,
// other than except, to that cluster's title.
func (s *Q) TakenUnits(ctx context.Context, year int, except int64) (map[int64]string, error) {
	var rows []struct {
		UnitID int64
		Level  string
		Number int
		Name   string
	}
	err := s.db.WithContext(ctx).Table("cluster_members m").Select("m.unit_id, c.level, c.number, c.name").
		Joins("JOIN clusters c ON c.id = m.cluster_id").Where("m.year = ? AND m.cluster_id <> ?", year, except).Find(&rows).Error
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for _, r := range rows {
		out[r.UnitID] = cluster.Cluster{Level: cluster.Level(r.Level), Number: r.Number, Name: r.Name}.Title()
	}
	return out, nil
}

// SaveCluster creates c (ID 0) or updates it if c.Version matches, and
// replaces its members in the given order.
func (s *Q) SaveCluster(ctx context.Context, c cluster.Cluster) (cluster.Cluster, error) {
	cols := map[string]any{"year": c.Year, "level": string(c.Level), "number": c.Number, "name": c.Name,
		"owner_unit_id": c.OwnerUnitID, "head_unit_id": c.HeadUnitID, "deputy_unit_id": c.DeputyUnitID,
		"suggested_head_unit_id": c.SuggestedHeadID, "suggested_deputy_unit_id": c.SuggestedDeputyID,
		"nominated_deputy_unit_id": c.NominatedDeputyID, "designation_ref": c.DesignationRef,
		"follower_user_id": c.FollowerUserID, "note": c.Note}
	db := s.db.WithContext(ctx)
	if c.ID == 0 {
		var id int64
		if err := db.Raw(`INSERT INTO clusters (year, level, number, name, owner_unit_id, head_unit_id, deputy_unit_id,
				suggested_head_unit_id, suggested_deputy_unit_id, nominated_deputy_unit_id, designation_ref, follower_user_id, note)
			VALUES (@year, @level, @number, @name, @owner_unit_id, @head_unit_id, @deputy_unit_id, @suggested_head_unit_id,
				@suggested_deputy_unit_id, @nominated_deputy_unit_id, @designation_ref, @follower_user_id, @note) RETURNING id`, cols).
			Scan(&id).Error; err != nil {
			return cluster.Cluster{}, clusterWriteError(err, c)
		}
		c.ID = id
	} else {
		cols["version"], cols["updated_at"] = gorm.Expr("version + 1"), gorm.Expr("now()")
		res := db.Model(&clusterRow{}).Where("id = ? AND version = ?", c.ID, loadedVersion(c.Version)).Updates(cols)
		if res.Error != nil {
			return cluster.Cluster{}, clusterWriteError(res.Error, c)
		}
		if res.RowsAffected != 1 {
			return cluster.Cluster{}, stale("cụm thi đua")
		}
		if err := db.Exec(`DELETE FROM cluster_members WHERE cluster_id = ?`, c.ID).Error; err != nil {
			return cluster.Cluster{}, err
		}
	}
	for i, u := range c.Members {
		if err := db.Exec(`INSERT INTO cluster_members (cluster_id, unit_id, year, ord) VALUES (?, ?, ?, ?)`, c.ID, u, c.Year, i+1).Error; err != nil {
			return cluster.Cluster{}, clusterWriteError(err, c)
		}
	}
	return s.Cluster(ctx, c.ID)
}

func clusterWriteError(err error, c cluster.Cluster) error {
	switch {
	case isUniqueViolation(err, "clusters_number_key"):
		return errs.Fields{"number": fmt.Sprintf("Năm %d đã có %s số %d.", c.Year, c.Level.Label(), c.Number)}.Err()
	case isUniqueViolation(err, "cluster_members_one_per_year"):
		return errs.Fields{"members": "Một đơn vị đã thuộc cụm khác trong năm này."}.Err()
	}
	return err
}
