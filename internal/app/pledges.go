package app

import (
	"context"
	"strings"
	"time"

	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/document"
	"thidua/internal/errs"
	"thidua/internal/store"
)

// PledgeView is a cluster's pledge with its cluster, for pages and prints.
type PledgeView struct {
	Pledge   cluster.Pledge   `json:"pledge"`
	Cluster  ClusterView      `json:"cluster"`
	Versions []cluster.Pledge `json:"versions"` // every version, newest first
	// Issuer heads the printed pledge: the cluster under the body that set
	// it up, at the pledge's place (PledgeVersion only).
	Issuer document.Issuer `json:"-"`
}

// Pledge returns a cluster's current pledge (NotFound when none is drafted).
func (a *App) Pledge(ctx context.Context, p auth.Principal, clusterID int64) (PledgeView, error) {
	cv, err := a.Cluster(ctx, p, clusterID)
	if err != nil {
		return PledgeView{}, err
	}
	pl, err := a.store.CurrentPledge(ctx, clusterID)
	if err != nil {
		return PledgeView{Cluster: cv}, err
	}
	versions, err := a.store.PledgeVersions(ctx, clusterID)
	return PledgeView{Pledge: pl, Cluster: cv, Versions: versions}, err
}

// PledgeVersion returns one version of a pledge, current or superseded.
func (a *App) PledgeVersion(ctx context.Context, p auth.Principal, pledgeID int64) (PledgeView, error) {
	pl, err := a.store.Pledge(ctx, pledgeID)
	if err != nil {
		return PledgeView{}, err
	}
	cv, err := a.Cluster(ctx, p, pl.ClusterID)
	if err != nil {
		return PledgeView{}, err
	}
	versions, err := a.store.PledgeVersions(ctx, pl.ClusterID)
	if err != nil {
		return PledgeView{}, err
	}
	issuer, err := clusterIssuer(ctx, &a.store.Q, cv, pl.Place)
	return PledgeView{Pledge: pl, Cluster: cv, Versions: versions, Issuer: issuer}, err
}

// SavePledge drafts or edits the cluster's pledge (the head, or the board).
// version is the pledge's version as loaded (0 to create the first draft).
// Changing what members sign clears the signatures already given: they
// signed another text. A final pledge is read-only; amend it instead.
func (a *App) SavePledge(ctx context.Context, p auth.Principal, clusterID int64, version int, content cluster.PledgeContent) (cluster.Pledge, error) {
	var out cluster.Pledge
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		c, err := tx.Cluster(ctx, clusterID)
		if err != nil {
			return err
		}
		if err := auth.Authorize(p, auth.EditPledge, auth.Target{Year: c.Year, Cluster: facts(c)}); err != nil {
			return err
		}
		content.Title, content.Place, content.Preamble = strings.TrimSpace(content.Title), strings.TrimSpace(content.Place), strings.TrimSpace(content.Preamble)
		if err := cluster.ValidatePledge(content, nil); err != nil {
			return err
		}
		cur, err := tx.CurrentPledge(ctx, clusterID)
		isNew := errs.CodeOf(err) == errs.NotFound
		if err != nil && !isNew {
			return err
		}
		if !isNew {
			if err := tx.LockPledge(ctx, cur.ID); err != nil {
				return err
			}
			if cur, err = tx.Pledge(ctx, cur.ID); err != nil {
				return err
			}
		}
		switch {
		case isNew && version != 0:
			return errs.New(errs.Conflict, "Giao ước vừa bị thay đổi; vui lòng tải lại trang.")
		case !isNew && cur.Status == cluster.PledgeFinal:
			return errs.New(errs.Invalid, "Giao ước đã được tất cả thành viên ký nên không sửa được; hãy tạo bản sửa đổi.")
		case !isNew && cur.Version != version:
			return errs.New(errs.Conflict, "Giao ước vừa được người khác cập nhật. Vui lòng xem bản mới nhất, kiểm tra và lưu lại.")
		}
		next := cur
		if isNew {
			next = cluster.Pledge{ClusterID: clusterID, VersionNo: 1, Status: cluster.PledgeDraft}
		}
		resign := !isNew && cluster.ContentChanged(cur, content)
		next.Title, next.Place, next.SignedOn, next.Preamble, next.Commitments =
			content.Title, content.Place, content.SignedOn, content.Preamble, content.Commitments
		next.Signatures = signatureLines(c, cur.Signatures, content.Lines, resign)
		next.Status = cluster.StatusAfterSigning(next)
		if out, err = tx.SavePledge(ctx, next); err != nil {
			return err
		}
		reason := ""
		if resign && cur.SignedCount() > 0 {
			reason = "Nội dung thay đổi: các chữ ký đã xác nhận được hủy để ký lại."
		}
		var before any
		if !isNew {
			before = cur
		}
		return tx.Audit(ctx, p.UserID, map[bool]string{true: "create", false: "update"}[isNew], "pledge", out.ID, reason, before, out)
	})
	return out, err
}

// signatureLines makes one line per current member, keeping each line's
// representative and (unless the text changed) its signature.
func signatureLines(c cluster.Cluster, old []cluster.Signature, lines map[int64]cluster.SignatureLine, resign bool) []cluster.Signature {
	prev := map[int64]cluster.Signature{}
	for _, s := range old {
		prev[s.UnitID] = s
	}
	out := make([]cluster.Signature, 0, len(c.Members))
	for _, m := range c.Members {
		s := prev[m]
		s.UnitID = m
		again := resign
		if l, ok := lines[m]; ok {
			l.Representative, l.Position = strings.TrimSpace(l.Representative), strings.TrimSpace(l.Position)
			if s.Signed() && (l.Representative != s.Representative || l.Position != s.Position) {
				again = true // this line's signer changed: this member signs again
			}
			s.Representative, s.Position = l.Representative, l.Position
		}
		if again {
			s.SignedAt, s.SignedBy = nil, nil
		}
		out = append(out, s)
	}
	return out
}

// SignPledge confirms a member unit's signature line: only an officer of
// that unit may, and only on a pledge that is not final yet. When the last
// member signs, the pledge becomes final. Refused, it still returns the
// pledge's ClusterID when the pledge exists, for the page shown again.
func (a *App) SignPledge(ctx context.Context, p auth.Principal, pledgeID int64, unitID int64, line cluster.SignatureLine) (cluster.Pledge, error) {
	var out cluster.Pledge
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		if err := tx.LockPledge(ctx, pledgeID); err != nil { // members signing together are counted one by one
			return err
		}
		pl, err := tx.Pledge(ctx, pledgeID)
		if err != nil {
			return err
		}
		out.ClusterID = pl.ClusterID
		c, err := tx.Cluster(ctx, pl.ClusterID)
		if err != nil {
			return err
		}
		path, err := tx.UnitPath(ctx, unitID)
		if err != nil {
			return err
		}
		if err := auth.Authorize(p, auth.SignPledge, auth.Target{UnitPath: path, Year: c.Year, Cluster: facts(c)}); err != nil {
			return err
		}
		if pl.Status != cluster.PledgeDraft {
			return errs.New(errs.Invalid, "Giao ước này không còn chờ ký (%s).", strings.ToLower(pl.Status.Label()))
		}
		idx := -1
		for i, s := range pl.Signatures {
			if s.UnitID == unitID {
				idx = i
			}
		}
		if idx < 0 {
			return errs.New(errs.Forbidden, "Đơn vị không có dòng chữ ký trong giao ước này.")
		}
		if at := pl.Signatures[idx].SignedAt; at != nil {
			return errs.New(errs.Invalid, "Đơn vị đã xác nhận chữ ký lúc %s.", at.In(time.FixedZone("ICT", 7*3600)).Format("15:04 02/01/2006"))
		}
		before := pl
		f := errs.Fields{}
		line.Representative, line.Position = strings.TrimSpace(line.Representative), strings.TrimSpace(line.Position)
		if line.Representative == "" {
			line.Representative = pl.Signatures[idx].Representative
		}
		if line.Position == "" {
			line.Position = pl.Signatures[idx].Position
		}
		if line.Representative == "" {
			f.Add("representative", "Vui lòng nhập họ tên người ký.")
		}
		if line.Position == "" {
			f.Add("position", "Vui lòng nhập chức vụ người ký.")
		}
		if err := f.Err(); err != nil {
			return err
		}
		now := a.Now().UTC()
		var by *int64
		if p.UserID != 0 {
			by = &p.UserID
		}
		pl.Signatures[idx] = cluster.Signature{UnitID: unitID, Representative: line.Representative, Position: line.Position, SignedAt: &now, SignedBy: by}
		pl.Status = cluster.StatusAfterSigning(pl)
		if out, err = tx.SavePledge(ctx, pl); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "sign", "pledge", pl.ID, "", before.Signatures[idx], out.Signatures[idx])
	})
	return out, err
}

// AmendPledge starts a new version of a final pledge, keeping the old one
// as it was signed. The new version starts unsigned.
func (a *App) AmendPledge(ctx context.Context, p auth.Principal, clusterID int64, reason string) (cluster.Pledge, error) {
	var out cluster.Pledge
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		c, err := tx.Cluster(ctx, clusterID)
		if err != nil {
			return err
		}
		if err := auth.Authorize(p, auth.EditPledge, auth.Target{Year: c.Year, Cluster: facts(c)}); err != nil {
			return err
		}
		reason = strings.TrimSpace(reason)
		if reason == "" {
			return errs.Fields{"reason": "Vui lòng ghi lý do sửa đổi giao ước."}.Err()
		}
		cur, err := tx.CurrentPledge(ctx, clusterID)
		if err != nil {
			return err
		}
		if err := tx.LockPledge(ctx, cur.ID); err != nil {
			return err
		}
		if cur.Status != cluster.PledgeFinal {
			return errs.New(errs.Invalid, "Giao ước đang dự thảo: hãy sửa trực tiếp, không cần tạo bản sửa đổi.")
		}
		if err := tx.SetPledgeStatus(ctx, cur.ID, cluster.PledgeSuperseded); err != nil {
			return err
		}
		next := cur
		next.ID, next.Version, next.VersionNo, next.Status, next.AmendReason = 0, 0, cur.VersionNo+1, cluster.PledgeDraft, reason
		next.SignedOn = nil // the amendment is signed on a day of its own
		next.Signatures = signatureLines(c, cur.Signatures, nil, true)
		if out, err = tx.SavePledge(ctx, next); err != nil {
			return err
		}
		return tx.Audit(ctx, p.UserID, "amend", "pledge", out.ID, reason, map[string]any{"superseded_id": cur.ID}, out)
	})
	return out, err
}

// Today is the date deadlines are judged on, in Vietnam's time zone.
func (a *App) Today() time.Time {
	t := a.Now().In(time.FixedZone("ICT", 7*3600))
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
