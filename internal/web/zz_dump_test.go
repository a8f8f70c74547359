package web_test

import (
	"os"
	"testing"
)

func TestZZDumpPages(t *testing.T) {
	dir := os.Getenv("DUMP_DIR")
	if dir == "" {
		t.Skip()
	}
	s := newSite(t)
	rows, err := s.store.SQL().Query(`SELECT id FROM people ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	for _, u := range []string{"hoidong", "xem", "canbo.nghean"} {
		b := s.browser(t)
		b.login(u)
		os.WriteFile(dir+"/ranking-"+u+".html", []byte(b.get("/years/2026/ranking").body), 0o644)
		os.WriteFile(dir+"/ranking2025-"+u+".html", []byte(b.get("/years/2025/ranking").body), 0o644)
		for _, id := range ids {
			os.WriteFile(dir+"/person-"+u+"-"+itoa(id)+".html", []byte(b.get("/people/"+itoa(id)).body), 0o644)
		}
	}
}
