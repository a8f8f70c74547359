package document

import (
	"reflect"
	"testing"

	"thidua/internal/org"
)

func TestDerive(t *testing.T) {
	th := org.Unit{ID: 2, Name: "Viện kiểm sát nhân dân tỉnh Thanh Hóa", Type: org.TypeProvincial}
	cases := []struct {
		name       string
		u          org.Unit
		parent     *org.Unit
		wantParent string
		wantName   string
		wantPlace  string
		wantSymbol string
	}{
		{"supreme", org.Unit{ID: 1, Name: "Viện kiểm sát nhân dân tối cao", Type: org.TypeSupreme}, nil, "", Supreme, "Hà Nội", "VKSTC"},
		{"province", th, nil, Supreme, "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THANH HÓA", "Thanh Hóa", "VKSTH"},
		{"city", org.Unit{Name: "Viện kiểm sát nhân dân thành phố Hồ Chí Minh", Type: org.TypeProvincial}, nil, Supreme, "VIỆN KIỂM SÁT NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Hồ Chí Minh", "VKSHCM"},
		{"high", org.Unit{Name: "Viện kiểm sát nhân dân cấp cao tại Đà Nẵng", Type: org.TypeHigh}, nil, Supreme, "VIỆN KIỂM SÁT NHÂN DÂN CẤP CAO TẠI ĐÀ NẴNG", "Đà Nẵng", "VKSDN"},
		{"regional", org.Unit{Name: "Viện kiểm sát nhân dân khu vực 1 – Thanh Hóa", Type: org.TypeRegional}, &th, "VIỆN KIỂM SÁT NHÂN DÂN TỈNH THANH HÓA", "VIỆN KIỂM SÁT NHÂN DÂN KHU VỰC 1 – THANH HÓA", "Thanh Hóa", "VKSKV1-TH"},
		{"district", org.Unit{Name: "Viện kiểm sát nhân dân huyện Tiểu Cần", Type: org.TypeDistrict}, &org.Unit{Name: "Viện kiểm sát nhân dân tỉnh Trà Vinh", Type: org.TypeProvincial}, "VIỆN KIỂM SÁT NHÂN DÂN TỈNH TRÀ VINH", "VIỆN KIỂM SÁT NHÂN DÂN HUYỆN TIỂU CẦN", "Trà Vinh", "VKSTC-TV"},
	}
	for _, c := range cases {
		got := Derive(c.u, c.parent)
		if got.Parent != c.wantParent || got.Name != c.wantName || got.Place != c.wantPlace || got.Symbol != c.wantSymbol {
			t.Errorf("%s: got parent %q name %q place %q symbol %q", c.name, got.Parent, got.Name, got.Place, got.Symbol)
		}
	}
}

func TestSignerLines(t *testing.T) {
	head := Signer{HeadTitle: "Viện trưởng", Title: "Viện trưởng", Name: "Nguyễn Văn A"}
	if got, want := head.Lines(), []string{"VIỆN TRƯỞNG", "", "Nguyễn Văn A"}; !reflect.DeepEqual(got, want) {
		t.Errorf("head: %q", got)
	}
	kt := Signer{HeadTitle: "Viện trưởng", Title: "Phó Viện trưởng", Name: "Lê Thị B", Mode: SignDeputy}
	if got, want := kt.Lines(), []string{"KT. VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", "", "Lê Thị B"}; !reflect.DeepEqual(got, want) {
		t.Errorf("deputy: %q", got)
	}
}

func TestNumber(t *testing.T) {
	i := Issuer{Symbol: "VKSTH"}
	if got := i.Number(125, "QĐ"); got != "125/QĐ-VKSTH" {
		t.Errorf("Number = %q", got)
	}
	if got := i.Number(0, "TTr"); got != "     /TTr-VKSTH" {
		t.Errorf("blank number = %q", got)
	}
}
