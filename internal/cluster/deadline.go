package cluster

import (
	"fmt"
	"time"
)

// DaysLeft is how many days remain until a deadline, both dates in
// Vietnam (as App.Today gives them): 0 on the last day, negative once it
// has passed (-3: three days late).
func DaysLeft(today, deadline time.Time) int {
	d := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	return int(d(deadline).Sub(d(today)).Hours() / 24)
}

// DaysLeftLabel says it in Vietnamese: "còn 14 ngày", "hôm nay là hạn
// cuối", "quá hạn 3 ngày".
func DaysLeftLabel(days int) string {
	switch {
	case days > 0:
		return fmt.Sprintf("còn %d ngày", days)
	case days == 0:
		return "hôm nay là hạn cuối"
	}
	return fmt.Sprintf("quá hạn %d ngày", -days)
}
