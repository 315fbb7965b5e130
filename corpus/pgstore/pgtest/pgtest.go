// Package pgtest starts a PostgreSQL server for tests: a cluster made by
// initdb in a temporary folder, listening on a Unix socket in that folder
// only, run as an unprivileged user when the test runs as root (the
// server refuses root), stopped and removed when the test ends.
//
// Starting one costs about two seconds (initdb, then the server): a test
// starts one and runs its cases as subtests, each in a schema of its own.
// When the server cannot be started (PostgreSQL is not installed), the
// test is skipped with the reason, or fails when CI is "true".
package pgtest

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Server is a PostgreSQL server started for a test.
type Server struct {
	// URL connects to the server's postgres database as its superuser.
	URL string
	dir string
	bin string
	// as runs a command as the server's user: empty, or runuser's
	// arguments when the test runs as root.
	as []string
}

// Start starts a server that the end of tb stops and removes; it skips tb
// (fails it when CI=true) when no server can be started here.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s, err := start()
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("PostgreSQL is needed on CI: %v", err)
		}
		tb.Skipf("no PostgreSQL server for this test: %v", err)
	}
	tb.Cleanup(s.stop)
	return s
}

// binDir finds the folder of initdb and pg_ctl: the newest
// /usr/lib/postgresql/*/bin, else the PATH.
func binDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	p, err := exec.LookPath("initdb")
	if err != nil {
		return "", errors.New("initdb is not installed (apt-get install postgresql postgresql-contrib)")
	}
	return filepath.Dir(p), nil
}

// version is the major version in a path /usr/lib/postgresql/N/bin.
func version(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

func start() (*Server, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	// Under /tmp rather than $TMPDIR: a Unix socket's path has at most
	// 107 bytes.
	dir, err := os.MkdirTemp("/tmp", "gzpg")
	if err != nil {
		return nil, fmt.Errorf("temporary folder: %w", err)
	}
	s := &Server{dir: dir, bin: bin}
	if os.Geteuid() == 0 {
		if err := s.dropRoot(); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := s.run("initdb", "-D", data, "-U", "gazette", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, lastLine(out))
	}
	conf := fmt.Sprintf("\nlisten_addresses = ''\nunix_socket_directories = '%s'\nfsync = off\nfull_page_writes = off\nsynchronous_commit = off\n", dir)
	if err := appendFile(filepath.Join(data, "postgresql.conf"), conf); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if out, err := s.run("pg_ctl", "-D", data, "-l", filepath.Join(dir, "log"), "-w", "-s", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pg_ctl start: %v: %s %s", err, lastLine(out), lastLine(log))
	}
	s.URL = "postgres:///postgres?host=" + url.QueryEscape(dir) + "&user=gazette&sslmode=disable"
	return s, nil
}

// dropRoot makes the server run as nobody, its folder given to it.
func (s *Server) dropRoot() error {
	u, err := user.Lookup("nobody")
	if err != nil {
		return fmt.Errorf("running as root and no user nobody to run the server as: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(s.dir, uid, gid); err != nil {
		return fmt.Errorf("give the server its folder: %w", err)
	}
	if p, err := exec.LookPath("runuser"); err == nil {
		s.as = []string{p, "-u", "nobody", "--"}
		return nil
	}
	if p, err := exec.LookPath("setpriv"); err == nil {
		s.as = []string{p, "--reuid=" + u.Uid, "--regid=" + u.Gid, "--clear-groups", "--"}
		return nil
	}
	return errors.New("running as root, and neither runuser nor setpriv to run the server as nobody")
}

// run runs one of the server's programs as its user.
func (s *Server) run(prog string, args ...string) ([]byte, error) {
	argv := append(append(append([]string(nil), s.as...), filepath.Join(s.bin, prog)), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = s.dir
	return cmd.CombinedOutput()
}

func (s *Server) stop() {
	_, _ = s.run("pg_ctl", "-D", filepath.Join(s.dir, "data"), "-w", "-s", "-m", "immediate", "stop")
	os.RemoveAll(s.dir)
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("server configuration: %w", err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return fmt.Errorf("server configuration: %w", err)
	}
	return f.Close()
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}
