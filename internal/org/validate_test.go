package org

import (
	"testing"
	"time"

	"thidua/internal/errs"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
func ptr[T any](v T) *T                        { return &v }

func fieldsOf(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		return nil
	}
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid {
		t.Fatalf("want an Invalid error, got %v", err)
	}
	return e.Fields
}

func TestValidate(t *testing.T) {
	supreme := Unit{ID: 1, Code: "VKSTC", Name: "VKSND tối cao", Type: TypeSupreme, ValidFrom: day(1960, 7, 26)}
	province := Unit{ID: 2, Code: "VKS-THANHHOA", Name: "VKSND tỉnh Thanh Hóa", Type: TypeProvincial, ParentID: ptr(int64(1)), ValidFrom: day(2008, 8, 1)}
	dept := Unit{ID: 3, Code: "VKS-THANHHOA-P1", Name: "Văn phòng", Type: TypeDepartment, ParentID: ptr(int64(2)), ValidFrom: day(2025, 7, 1)}
	parents := map[int64]int64{1: 0, 2: 1, 3: 2}

	tests := []struct {
		name      string
		unit      Unit
		parent    *Unit
		wantField string // "" for valid
	}{
		{"valid province", province, &supreme, ""},
		{"valid supreme without parent", supreme, nil, ""},
		{"missing code", Unit{Name: "X", Type: TypeProvincial, ParentID: ptr(int64(1)), ValidFrom: day(2020, 1, 1)}, &supreme, "code"},
		{"code with diacritics", Unit{Code: "THANH-HÓA", Name: "X", Type: TypeProvincial, ParentID: ptr(int64(1)), ValidFrom: day(2020, 1, 1)}, &supreme, "code"},
		{"missing name", Unit{Code: "A", Name: "  ", Type: TypeProvincial, ParentID: ptr(int64(1)), ValidFrom: day(2020, 1, 1)}, &supreme, "name"},
		{"unknown type", Unit{Code: "A", Name: "A", Type: "ministry", ParentID: ptr(int64(1)), ValidFrom: day(2020, 1, 1)}, &supreme, "type"},
		{"no start date", Unit{Code: "A", Name: "A", Type: TypeProvincial, ParentID: ptr(int64(1))}, &supreme, "valid_from"},
		{"dates out of order", Unit{Code: "A", Name: "A", Type: TypeProvincial, ParentID: ptr(int64(1)), ValidFrom: day(2025, 7, 1), ValidTo: ptr(day(2025, 6, 30))}, &supreme, "valid_to"},
		{"same start and end day is fine", Unit{Code: "A", Name: "A", Type: TypeProvincial, ParentID: ptr(int64(1)), ValidFrom: day(2025, 7, 1), ValidTo: ptr(day(2025, 7, 1))}, &supreme, ""},
		{"supreme with a parent", Unit{Code: "B", Name: "B", Type: TypeSupreme, ParentID: ptr(int64(1)), ValidFrom: day(2020, 1, 1)}, &supreme, "parent_id"},
		{"province without parent", Unit{Code: "B", Name: "B", Type: TypeProvincial, ValidFrom: day(2020, 1, 1)}, nil, "parent_id"},
		{"parent that does not exist", Unit{Code: "B", Name: "B", Type: TypeProvincial, ParentID: ptr(int64(99)), ValidFrom: day(2020, 1, 1)}, nil, "parent_id"},
		{"regional under supreme", Unit{Code: "B", Name: "B", Type: TypeRegional, ParentID: ptr(int64(1)), ValidFrom: day(2025, 7, 1)}, &supreme, "parent_id"},
		{"province under its own department: cycle", func() Unit { u := province; u.ParentID = ptr(int64(3)); return u }(), &dept, "parent_id"},
		{"unit as its own parent", func() Unit { u := dept; u.ParentID = ptr(int64(3)); return u }(), &dept, "parent_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fieldsOf(t, Validate(tt.unit, tt.parent, parents))
			if tt.wantField == "" {
				if f != nil {
					t.Fatalf("want valid, got %v", f)
				}
				return
			}
			if f[tt.wantField] == "" {
				t.Fatalf("want a message for %q, got %v", tt.wantField, f)
			}
		})
	}
}

func TestValidateLink(t *testing.T) {
	oldTQ := Unit{ID: 10, Name: "VKSND tỉnh Tuyên Quang (cũ)", ValidFrom: day(2008, 8, 1), ValidTo: ptr(day(2025, 6, 30))}
	haGiang := Unit{ID: 11, Name: "VKSND tỉnh Hà Giang", ValidFrom: day(2008, 8, 1), ValidTo: ptr(day(2025, 6, 30))}
	newTQ := Unit{ID: 12, Name: "VKSND tỉnh Tuyên Quang", ValidFrom: day(2025, 7, 1)}
	active := Unit{ID: 13, Name: "VKSND tỉnh Cao Bằng", ValidFrom: day(2008, 8, 1)}
	preds := map[int64][]int64{12: {10}}

	tests := []struct {
		name      string
		link      Link
		succ, pre Unit
		wantField string
	}{
		{"merge second predecessor", Link{12, 11, LineageMerge, ""}, newTQ, haGiang, ""},
		{"duplicate", Link{12, 10, LineageMerge, ""}, newTQ, oldTQ, "predecessor_id"},
		{"self", Link{12, 12, LineageMerge, ""}, newTQ, newTQ, "predecessor_id"},
		{"cycle", Link{10, 12, LineageSplit, ""}, oldTQ, newTQ, "predecessor_id"},
		{"merge from a unit still active", Link{12, 13, LineageMerge, ""}, newTQ, active, "predecessor_id"},
		{"split from a unit still active is fine", Link{12, 13, LineageSplit, ""}, newTQ, active, ""},
		{"merge from a unit ending after the successor starts", Link{12, 11, LineageMerge, ""},
			newTQ, Unit{ID: 11, Name: "X", ValidFrom: day(2008, 8, 1), ValidTo: ptr(day(2025, 7, 1))}, "predecessor_id"},
		{"unknown kind", Link{12, 11, "absorb", ""}, newTQ, haGiang, "kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fieldsOf(t, ValidateLink(tt.link, tt.succ, tt.pre, preds))
			if tt.wantField == "" && f != nil {
				t.Fatalf("want valid, got %v", f)
			}
			if tt.wantField != "" && f[tt.wantField] == "" {
				t.Fatalf("want a message for %q, got %v", tt.wantField, f)
			}
		})
	}
}

func TestAncestry(t *testing.T) {
	// 30 ← 20 ← {10, 11}; 20 ← 12; a diamond back to 10 must not repeat it.
	preds := map[int64][]int64{30: {20}, 20: {10, 11, 12}, 12: {10}}
	got := Ancestry(30, preds)
	want := []int64{20, 10, 11, 12}
	if len(got) != len(want) {
		t.Fatalf("Ancestry = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Ancestry = %v, want %v", got, want)
		}
	}
}

func TestActiveOn(t *testing.T) {
	u := Unit{ValidFrom: day(2008, 8, 1), ValidTo: ptr(day(2025, 6, 30))}
	for _, c := range []struct {
		d    time.Time
		want bool
	}{{day(2008, 7, 31), false}, {day(2008, 8, 1), true}, {day(2025, 6, 30), true}, {day(2025, 7, 1), false},
		{time.Date(2025, 6, 30, 23, 59, 0, 0, time.UTC), true}} {
		if got := u.ActiveOn(c.d); got != c.want {
			t.Errorf("ActiveOn(%v) = %v, want %v", c.d, got, c.want)
		}
	}
}
