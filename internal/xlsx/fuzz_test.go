package xlsx

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"thidua/internal/errs"
)

// FuzzReadWorkbook feeds every reader mutated workbooks. A reader must
// answer anything with rows, problems that say where and what, or a
// refusal with a Vietnamese message on the file field; a panic inside our
// own code fails (one inside excelize is turned into "corrupt file" by the
// readers and only logged). `make test` runs it for a fixed 10 s.
// fuzzHang is how long one input may take before it counts as a hang.
const fuzzHang = 30 * time.Second

func FuzzReadWorkbook(f *testing.F) {
	for _, dir := range []string{"testdata/bad", "testdata/libreoffice"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
		for _, name := range files {
			if data, err := os.ReadFile(name); err == nil && len(data) < 64<<10 {
				f.Add(data)
			}
		}
	}
	f.Add(selfWrite(f, selfDoc()))
	f.Fuzz(func(t *testing.T, data []byte) {
		panicHook = func(p any, stack []byte) {
			if ownPanic(stack) {
				t.Fatalf("panic in our code: %v\n%s", p, stack)
			}
			t.Logf("panic inside a library, refused as a corrupt file: %v", p)
		}
		defer func() { panicHook = nil }()
		check := func(reader string, problems []Problem, err error) {
			if err != nil {
				e, ok := errs.As(err)
				if !ok || e.Code != errs.Invalid || e.Message == "" || e.Fields["file"] != e.Message {
					t.Fatalf("%s: not a clean refusal: %#v", reader, err)
				}
				return
			}
			for _, p := range problems {
				if p.Sheet == "" || p.Expected == "" {
					t.Fatalf("%s: a problem that does not say where or what: %+v", reader, p)
				}
			}
		}
		// A reader that hangs is found as a crash (the fuzzer keeps the
		// input). The bound is generous: every corpus file reads in well
		// under a second, and a busy 2-core machine must not trip it.
		watchdog := time.AfterFunc(fuzzHang, func() {
			_ = os.WriteFile(filepath.Join(os.TempDir(), "thidua-fuzz-hang.xlsx"), data, 0o644)
			panic(fmt.Sprintf("a reader took more than %v", fuzzHang))
		})
		defer watchdog.Stop()
		_, problems, err := ReadSelf(bytes.NewReader(data), int64(len(data)))
		check("ReadSelf", problems, err)
		if err == nil {
			up, _, _ := ReadSelf(bytes.NewReader(data), int64(len(data)))
			_, problems := SelfEntries(up, selfDoc().Table, nil)
			check("SelfEntries", problems, nil)
		}
		_, problems, err = ReadTable(bytes.NewReader(data), int64(len(data)))
		check("ReadTable", problems, err)
		_, problems, err = ReadPeople(bytes.NewReader(data), int64(len(data)))
		check("ReadPeople", problems, err)
	})
}

// ownPanic reports whether the function that panicked is ours: the first
// frame after the runtime's panic frames.
func ownPanic(stack []byte) bool {
	lines := strings.Split(string(stack), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") && i+2 < len(lines) {
			return strings.HasPrefix(lines[i+2], "thidua/")
		}
	}
	return true
}
