package snapshot

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Ext ends the name of every snapshot file.
const Ext = ".snapshot"

// Dir returns the folder of the snapshots: $XDG_CACHE_HOME/gazette, or
// the system's cache folder (~/.cache on Linux) when it is not set.
func Dir() (string, error) {
	if d := os.Getenv("XDG_CACHE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "gazette"), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cache folder: %w", err)
	}
	return filepath.Join(d, "gazette"), nil
}

// Name returns the file name of the snapshot of a set of sources: a hash
// of their absolute paths, in order, and of the load options that shape
// the articles (opts).
func Name(paths []string, opts string) (string, error) {
	h := sha256.New()
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return "", fmt.Errorf("%s: %w", p, err)
		}
		h.Write([]byte(abs))
		h.Write([]byte{0})
	}
	h.Write([]byte(opts))
	return hex.EncodeToString(h.Sum(nil)[:12]) + Ext, nil
}

// Entry is one snapshot in the cache folder.
type Entry struct {
	Path     string
	Size     int64
	Modified time.Time
	// What names its sources, or says why it cannot be read.
	What string
}

// List returns the snapshots in dir, the most recent first; a missing
// folder holds none.
func List(dir string) ([]Entry, error) {
	des, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("cache folder %s: %w", dir, err)
	}
	var out []Entry
	for _, de := range des {
		if !strings.HasSuffix(de.Name(), Ext) || strings.HasPrefix(de.Name(), ".") {
			continue
		}
		info, err := de.Info()
		if err != nil {
			continue
		}
		p := filepath.Join(dir, de.Name())
		out = append(out, Entry{Path: p, Size: info.Size(), Modified: info.ModTime(), What: what(p)})
	}
	slices.SortFunc(out, func(a, b Entry) int { return b.Modified.Compare(a.Modified) })
	return out, nil
}

// what reads what a snapshot names, without checking all of it.
func what(path string) string {
	data, err := mapFile(path)
	if err != nil {
		return "unreadable"
	}
	defer unmap(data)
	h := data[:headerSize]
	if string(h[:len(magic)]) != magic {
		return "not a snapshot"
	}
	s, err := decodeHead(data)
	if err != nil {
		return "damaged"
	}
	return s
}

// Clear removes every snapshot in dir, and the temporary files of
// snapshots being written, and returns how many bytes it freed.
func Clear(dir string) (int64, error) {
	des, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("cache folder %s: %w", dir, err)
	}
	var freed int64
	for _, de := range des {
		if !strings.HasSuffix(de.Name(), Ext) {
			continue
		}
		p := filepath.Join(dir, de.Name())
		info, err := de.Info()
		if err != nil {
			continue
		}
		if err := os.Remove(p); err != nil {
			return freed, fmt.Errorf("clear %s: %w", p, err)
		}
		freed += info.Size()
	}
	return freed, nil
}
