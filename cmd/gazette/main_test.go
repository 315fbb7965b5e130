package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain gives the tests folders of their own for what gazette keeps
// (XDG_DATA_HOME), reads (XDG_CONFIG_HOME) and caches (XDG_CACHE_HOME,
// the snapshots): no test reads or writes the marks, the configuration,
// the snapshots or the database of the person running them.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gazette-test-home-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_DATA_HOME", dir+"/data")
	os.Setenv("XDG_CONFIG_HOME", dir+"/config")
	os.Setenv("XDG_CACHE_HOME", dir+"/cache")
	// Every test reads files unless it names a database itself.
	os.Unsetenv(dbEnv)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
