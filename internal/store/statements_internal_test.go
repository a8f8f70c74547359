package store

import "testing"

// Transaction control is told from the first word whatever its case; a
// statement that merely starts with such a word is counted.
func TestTransactionControl(t *testing.T) {
	for sql, want := range map[string]bool{
		"begin": true, " COMMIT;": true, "Rollback to savepoint sp1": true, "SAVEPOINT sp1": true,
		"release savepoint sp1": true, "START TRANSACTION": true,
		"SELECT 1": false, "beginning": false, "UPDATE assessments SET status = $1": false, "": false,
		"WITH a AS (UPDATE assessments SET version = version + 1) SELECT 1": false,
	} {
		if got := transactionControl(sql); got != want {
			t.Errorf("%q: %v, want %v", sql, got, want)
		}
	}
}
