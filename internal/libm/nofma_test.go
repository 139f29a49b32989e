package libm

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNoFusedMultiplyAdd cross-compiles the package for arm64, where Go
// fuses x*y + z into one FMA instruction unless the product is explicitly
// converted, and checks that no function of the package (tests aside)
// contains a fused instruction: the double-double code depends on every
// product being rounded. (ppc64le, s390x and riscv64 fuse under the same
// rule; their builds were checked the same way when this test was written,
// and are left out to spare CI three cross-compilations of the standard
// library.)
func TestNoFusedMultiplyAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles the package")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	bin := filepath.Join(t.TempDir(), "libm_arm64.test")
	build := exec.Command(goTool, "test", "-c", "-o", bin, ".")
	build.Env = append(build.Environ(), "GOARCH=arm64", "GOOS=linux", "CGO_ENABLED=0")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	dump, err := exec.Command(goTool, "tool", "objdump", "-s", `internal/libm\.[a-zA-Z]`, bin).Output()
	require.NoError(t, err)
	fused := regexp.MustCompile(`\bFN?M(ADD|SUB)[DS]?\b`) // floating-point only, not integer MADD
	var found []string
	for _, line := range strings.Split(string(dump), "\n") {
		fields := strings.Fields(line)
		if len(fields) > 0 && !strings.Contains(fields[0], "_test.go") && fused.MatchString(line) {
			found = append(found, line)
		}
	}
	require.Empty(t, found, "fused multiply-add instructions in the arm64 build")
}
