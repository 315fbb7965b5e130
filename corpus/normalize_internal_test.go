package corpus

import "testing"

// TestIsCollapsedAgrees checks the fast test against the real thing.
func TestIsCollapsedAgrees(t *testing.T) {
	for _, s := range []string{"", "a", " a", "a ", "a  b", "a b", "a\u00a0b", "a\u00a0 b", "a\tb", "é è", "a\u202fb", "a\u3000b", "a\u2011b", "«\u00a0x\u00a0»", "x\u2028y"} {
		if isCollapsed(s) != (collapseSpace(s) == s) {
			t.Errorf("%q: isCollapsed=%v collapse=%q", s, isCollapsed(s), collapseSpace(s))
		}
	}
}
