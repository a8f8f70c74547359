package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/cluster"
	"thidua/internal/errs"
)

type clusterListData struct {
	app.ClusterListPage
	National []app.ClusterView `json:"-"`
	Blocs    []app.ClusterView `json:"-"`
}

// clusterList is a year's page: every cluster and bloc with its members,
// head, deputy and the state of its pledge.
func (s *Server) clusterList(c echo.Context) error {
	year, err := yearParam(c)
	if err != nil {
		return err
	}
	var d clusterListData
	if d.ClusterListPage, err = s.app.ClusterListPage(c.Request().Context(), principal(c), year); err != nil {
		return err
	}
	for _, cv := range d.Clusters {
		if cv.Level == cluster.Bloc {
			d.Blocs = append(d.Blocs, cv)
		} else {
			d.National = append(d.National, cv)
		}
	}
	return s.respond(c, http.StatusOK, "cluster_list", d.Year.Title, "clusters", d)
}

func (s *Server) clusterShow(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.app.ClusterPage(c.Request().Context(), principal(c), id)
	if err != nil {
		return err
	}
	return respondWith(c, http.StatusOK, d.ClusterView, func() error {
		return s.renderCluster(c, http.StatusOK, d, nil, nil)
	})
}

func (s *Server) renderCluster(c echo.Context, st int, d app.ClusterPage, form map[string]string, formErr error) error {
	cv := d.ClusterView
	pg := s.page(c, cv.Title+" – năm "+strconv.Itoa(cv.Year), "clusters", d)
	pg.Form = form
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	if pg.Form == nil {
		pg.Form = map[string]string{"version": strconv.Itoa(cv.Version)}
		for _, f := range []struct {
			key string
			v   *int64
		}{{"head_unit_id", cv.HeadUnitID}, {"deputy_unit_id", cv.DeputyUnitID}} {
			switch {
			case f.v != nil:
				pg.Form[f.key] = strconv.FormatInt(*f.v, 10)
			case f.key == "head_unit_id" && cv.SuggestedHeadID != nil:
				pg.Form[f.key] = strconv.FormatInt(*cv.SuggestedHeadID, 10)
			case f.key == "deputy_unit_id" && cv.SuggestedDeputyID != nil:
				pg.Form[f.key] = strconv.FormatInt(*cv.SuggestedDeputyID, 10)
			}
		}
		pg.Form["designation_ref"] = cv.DesignationRef
	}
	return c.Render(st, "cluster_show", pg)
}

// clusterDesignate records the head and deputy designated for the year.
func (s *Server) clusterDesignate(c echo.Context) error {
	if err := mayTry(c, auth.ManageClusters); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx, p := c.Request().Context(), principal(c)
	var body struct {
		HeadUnitID   int64  `json:"head_unit_id"`
		DeputyUnitID int64  `json:"deputy_unit_id"`
		Ref          string `json:"designation_ref"`
		Version      int    `json:"version"`
	}
	if err := bind(c, &body); err != nil {
		return err
	}
	cv, err := s.app.Designate(ctx, p, id, body.Version, cluster.Designation{HeadUnitID: body.HeadUnitID, DeputyUnitID: body.DeputyUnitID, Ref: body.Ref})
	if err != nil {
		return formFailed(c, err, func(st int) error {
			cur, cerr := s.app.ClusterPage(ctx, p, id)
			if cerr != nil {
				return cerr
			}
			form := map[string]string{"head_unit_id": formValue(c, "head_unit_id"), "deputy_unit_id": formValue(c, "deputy_unit_id"),
				"designation_ref": body.Ref, "version": strconv.Itoa(cur.Version)}
			return s.renderCluster(c, st, cur, form, err)
		})
	}
	return s.done(c, http.StatusOK, cv, "Đã ghi nhận Cụm trưởng, Cụm phó năm "+strconv.Itoa(cv.Year)+".", "/clusters/"+strconv.FormatInt(id, 10))
}

type clusterFormData struct {
	app.ClusterFormPage
	IsNew    bool
	Selected map[int64]bool
}

// clusterForm returns the cluster form for the values shown (form) and
// the members chosen, in rotation order.
func (s *Server) clusterForm(c echo.Context, id int64, form map[string]string, members []int64) (clusterFormData, error) {
	r := app.ClusterFormRequest{ID: id, Level: cluster.Level(form["level"]), Members: members}
	r.Year, _ = strconv.Atoi(form["year"])
	r.OwnerUnitID, _ = strconv.ParseInt(form["owner_unit_id"], 10, 64)
	pg, err := s.app.ClusterFormPage(c.Request().Context(), principal(c), r)
	d := clusterFormData{ClusterFormPage: pg, IsNew: id == 0, Selected: map[int64]bool{}}
	for _, m := range members {
		d.Selected[m] = true
	}
	return d, err
}

func (s *Server) clusterFormPage(c echo.Context, st int, d clusterFormData, form map[string]string, formErr error) error {
	title := "Thêm " + lowerFirst(cluster.Level(form["level"]).Label())
	if !d.IsNew {
		title = "Sửa " + d.Cluster.Title
	}
	pg := s.page(c, title, "clusters", d)
	pg.Form = form
	if formErr != nil {
		pg.Errors, pg.Error, _ = fieldErrors(formErr)
	}
	return c.Render(st, "cluster_form", pg)
}

func (s *Server) clusterNew(c echo.Context) error {
	year, _ := strconv.Atoi(c.QueryParam("year"))
	level := c.QueryParam("level")
	if level != string(cluster.Bloc) {
		level = string(cluster.National)
	}
	form := map[string]string{"year": strconv.Itoa(year), "level": level, "owner_unit_id": c.QueryParam("owner_unit_id")}
	var t auth.Target
	if level == string(cluster.Bloc) {
		owner, _ := strconv.ParseInt(form["owner_unit_id"], 10, 64)
		t.Cluster = &auth.ClusterFacts{OwnerUnitID: owner}
	}
	if err := auth.Authorize(principal(c), auth.ManageClusters, t); err != nil {
		return err
	}
	d, err := s.clusterForm(c, 0, form, nil)
	if err != nil {
		return err
	}
	return s.clusterFormPage(c, http.StatusOK, d, form, nil)
}

func (s *Server) clusterEdit(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := s.clusterForm(c, id, nil, nil)
	if err != nil {
		return err
	}
	for _, m := range d.Cluster.Members {
		d.Selected[m] = true
	}
	return s.clusterFormPage(c, http.StatusOK, d, clusterValues(d.Cluster.Cluster), nil)
}

func clusterValues(c cluster.Cluster) map[string]string {
	v := map[string]string{"year": strconv.Itoa(c.Year), "level": string(c.Level), "number": strconv.Itoa(c.Number),
		"name": c.Name, "note": c.Note, "version": strconv.Itoa(c.Version)}
	for k, p := range map[string]*int64{"owner_unit_id": c.OwnerUnitID, "follower_user_id": c.FollowerUserID, "nominated_deputy_unit_id": c.NominatedDeputyID} {
		if p != nil {
			v[k] = strconv.FormatInt(*p, 10)
		}
	}
	return v
}

func readClusterInput(c echo.Context) (app.ClusterInput, map[string]string, error) {
	var in app.ClusterInput
	if isAPI(c) {
		return in, nil, decodeJSON(c, &in)
	}
	fe := errs.Fields{}
	in.Year, _ = strconv.Atoi(formValue(c, "year"))
	in.Level = formValue(c, "level")
	in.Number, _ = strconv.Atoi(formValue(c, "number"))
	in.Name, in.Note = formValue(c, "name"), formValue(c, "note")
	in.Version, _ = strconv.Atoi(formValue(c, "version"))
	in.OwnerUnitID = idField(fe, "owner_unit_id", "Đơn vị tổ chức khối", formValue(c, "owner_unit_id"))
	in.FollowerUserID = idField(fe, "follower_user_id", "Thành viên Hội đồng theo dõi", formValue(c, "follower_user_id"))
	in.NominatedDeputyID = idField(fe, "nominated_deputy_unit_id", "Đơn vị được đề cử Cụm phó năm sau", formValue(c, "nominated_deputy_unit_id"))
	form, _ := c.FormParams()
	for _, raw := range form["members"] {
		if id := idField(fe, "members", "Đơn vị thành viên", raw); id != nil && !slices.Contains(in.Members, *id) {
			in.Members = append(in.Members, *id)
		}
	}
	values := map[string]string{"year": strconv.Itoa(in.Year), "level": in.Level, "number": formValue(c, "number"), "name": in.Name,
		"note": in.Note, "version": formValue(c, "version"), "owner_unit_id": formValue(c, "owner_unit_id"),
		"follower_user_id": formValue(c, "follower_user_id"), "nominated_deputy_unit_id": formValue(c, "nominated_deputy_unit_id")}
	return in, values, fe.Err()
}

func (s *Server) clusterSave(c echo.Context, id int64) error {
	if err := mayTry(c, auth.ManageClusters); err != nil {
		return err
	}
	in, values, err := readClusterInput(c)
	var cv app.ClusterView
	if err == nil {
		cv, err = s.app.SaveCluster(c.Request().Context(), principal(c), id, in)
	}
	if err != nil {
		return formFailed(c, err, func(st int) error {
			conflict := id != 0 && errs.CodeOf(err) == errs.Conflict
			asked := values
			if conflict {
				asked = map[string]string{} // the stored cluster's owner, shown again below
			}
			d, derr := s.clusterForm(c, id, asked, append([]int64{}, in.Members...))
			if derr != nil {
				return derr
			}
			if id != 0 {
				values["year"], values["level"] = strconv.Itoa(d.Cluster.Year), string(d.Cluster.Level)
				if conflict {
					values = clusterValues(d.Cluster.Cluster)
				}
			}
			return s.clusterFormPage(c, st, d, values, err)
		})
	}
	return s.done(c, map[bool]int{true: http.StatusCreated, false: http.StatusOK}[id == 0], cv,
		"Đã lưu "+cv.Title+".", "/clusters/"+strconv.FormatInt(cv.ID, 10))
}

func (s *Server) clusterCreate(c echo.Context) error { return s.clusterSave(c, 0) }

func (s *Server) clusterUpdate(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.clusterSave(c, id)
}
