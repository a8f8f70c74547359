package app

import (
	"context"
	"fmt"
	"strings"

	"thidua/internal/cluster"
	"thidua/internal/document"
	"thidua/internal/errs"
	"thidua/internal/org"
	"thidua/internal/store"
)

// The issuers of the documents that no single unit issues: the sector's
// council, a cluster. Each is derived from a unit's issuer (issuerOf), so
// heading and place come from the registry, never from free text.

// supremeIssuer is the Supreme Procuracy's issuer.
func supremeIssuer(ctx context.Context, q *store.Q) (document.Issuer, error) {
	us, _, err := q.ListUnits(ctx, org.UnitFilter{Type: org.TypeSupreme, Status: "all", Limit: 1})
	if err != nil {
		return document.Issuer{}, err
	}
	if len(us) == 0 {
		return document.Issuer{}, errs.New(errs.NotFound, "Không tìm thấy Viện kiểm sát nhân dân tối cao trong danh mục đơn vị.")
	}
	return issuerOf(ctx, q, us[0].ID)
}

// Council is the name of a level's emulation and commendation council in
// headings; the sector's adds "NGÀNH KIỂM SÁT NHÂN DÂN".
const (
	Council       = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
	SectorCouncil = Council + " NGÀNH KIỂM SÁT NHÂN DÂN"
)

// councilIssuer is the council of the body i: printed under the body, at
// its place.
func councilIssuer(i document.Issuer) document.Issuer {
	c := i
	c.Parent, c.Name, c.Symbol = i.Name, Council, "HĐTĐKT-"+i.Symbol
	if i.Level == org.TypeSupreme {
		c.Name = SectorCouncil
	}
	return c
}

// clusterIssuer is a cluster's issuer for its pledge: the cluster under
// the body that set it up (a bloc's province, else the Supreme
// Procuracy), at place (the signing's), else at that body's place.
func clusterIssuer(ctx context.Context, q *store.Q, cv ClusterView, place string) (document.Issuer, error) {
	var owner document.Issuer
	var err error
	if cv.Level == cluster.Bloc && cv.Owner != nil {
		owner, err = issuerOf(ctx, q, cv.Owner.ID)
	} else {
		owner, err = supremeIssuer(ctx, q)
	}
	if err != nil {
		return owner, err
	}
	kind := "CTĐ" // cụm thi đua
	if cv.Level == cluster.Bloc {
		kind = "KTĐ" // khối thi đua
	}
	i := document.Issuer{UnitID: owner.UnitID, Level: owner.Level, Parent: owner.Name,
		Name: strings.ToUpper(cv.Cluster.Title()), Place: strings.TrimSpace(place), Symbol: fmt.Sprintf("%s%d", kind, cv.Number)}
	if i.Place == "" {
		i.Place = owner.Place
	}
	return i, nil
}
