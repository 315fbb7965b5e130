package ingest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// diskFS is a folder on disk as an fs.FS. Unlike os.DirFS it opens names
// that are not UTF-8, as the file system gives them (they show with
// U+FFFD), and it can tell where a link leads.
type diskFS string

// validName is fs.ValidPath but for its UTF-8 rule: a slash-separated
// path, relative, without empty, "." or ".." elements ("." alone names the
// root).
func validName(name string) bool {
	if name == "." {
		return true
	}
	for _, elem := range strings.Split(name, "/") {
		if elem == "" || elem == "." || elem == ".." {
			return false
		}
	}
	return true
}

// path returns the path on disk of name, or an error naming op.
func (d diskFS) path(op, name string) (string, error) {
	if !validName(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return filepath.Join(string(d), filepath.FromSlash(name)), nil
}

// Open opens the file name.
func (d diskFS) Open(name string) (fs.File, error) {
	p, err := d.path("open", name)
	if err != nil {
		return nil, err
	}
	return os.Open(p)
}

// Stat returns the file information of name, following links.
func (d diskFS) Stat(name string) (fs.FileInfo, error) {
	p, err := d.path("stat", name)
	if err != nil {
		return nil, err
	}
	return os.Stat(p)
}

// ReadDir returns the entries of the folder name, sorted by name.
func (d diskFS) ReadDir(name string) ([]fs.DirEntry, error) {
	p, err := d.path("readdir", name)
	if err != nil {
		return nil, err
	}
	return os.ReadDir(p)
}

// within reports whether the link name leads inside the folder d (or
// nowhere yet known: a broken link or a loop is left for reading to
// report), rather than to a file elsewhere on the machine.
func (d diskFS) within(name string) bool {
	p, err := d.path("stat", name)
	if err != nil {
		return true
	}
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return true
	}
	root, err := filepath.EvalSymlinks(string(d))
	if err != nil {
		return true
	}
	rel, err := filepath.Rel(root, target)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
