package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfig: gazette config prints each setting with where it comes
// from; a bad value is one line naming the file's line, and keeps its
// default; a file that is not YAML keeps every default.
func TestConfig(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yml")
	os.WriteFile(path, []byte(`theme: light
reader:
  width: 70
  read_after: fast
months: fr
keys:
  star: ["f", "*"]
  nosuch: z
colors:
  accent: "#AA0000"
  match: "\x1b[31m"
`), 0o600)
	out, errOut, code := gazette(t, "config", "--config", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := map[string][]string{}
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) >= 3 && !strings.HasPrefix(l, "#") {
			lines[f[0]] = f[1:]
		}
	}
	for name, want := range map[string]string{
		"theme":             "light " + path + ":1",
		"reader.width":      "70 " + path + ":3",
		"reader.read_after": "3s default",
		"months":            "fr " + path + ":5",
		"keys.star":         "f * " + path + ":7",
		"keys.quit":         "q default",
		"colors.accent":     "#AA0000 " + path + ":10",
		"colors.match":      "theme's default",
	} {
		if got := strings.Join(lines[name], " "); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	if !strings.Contains(out, "state ") {
		t.Errorf("no state line:\n%s", out)
	}
	wantErr := []string{
		path + `:4: reader.read_after: want a duration ("3s", "500ms", 0 for never), not "fast"; using 3s`,
		path + `:8: unknown setting "keys.nosuch" (gazette config lists them)`,
		path + `:11: colors.match: "\x1b[31m" is not a colour`,
	}
	for _, w := range wantErr {
		if !strings.Contains(errOut, "gazette: "+w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
	if strings.ContainsRune(errOut, 0x1b) || strings.ContainsRune(out, 0x1b) {
		t.Error("an escape from the file reached the terminal")
	}

	os.WriteFile(path, []byte("theme: [dark\nreader:\n  width: 70\n"), 0o600)
	out, errOut, _ = gazette(t, "config", "--config", path)
	if !strings.Contains(errOut, "gazette: "+path+":") || !strings.Contains(errOut, "using the defaults") || strings.Contains(out, path+":") {
		t.Errorf("a file that is not YAML:\nstderr %s\nstdout %s", errOut, out)
	}
	out, _, _ = gazette(t, "config", "--config", filepath.Join(dir, "none.yml"))
	if !strings.Contains(out, "(none: the defaults)") {
		t.Errorf("no file:\n%s", out)
	}
}

// TestConfigYAMLName: config.yaml is read when there is no config.yml, as
// a user who names YAML files so expects; config.yml wins when both are.
func TestConfigYAMLName(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	os.MkdirAll(filepath.Join(dir, "gazette"), 0o700)
	yaml := filepath.Join(dir, "gazette", "config.yaml")
	os.WriteFile(yaml, []byte("theme: light\n"), 0o600)
	out, errOut, code := gazette(t, "config")
	if code != 0 || !strings.Contains(out, "# configuration: "+yaml+"\n") || !strings.Contains(out, "light         "+yaml+":1") {
		t.Errorf("config.yaml alone: exit %d, stderr %q:\n%s", code, errOut, out)
	}
	yml := filepath.Join(dir, "gazette", "config.yml")
	os.WriteFile(yml, []byte("theme: dark\n"), 0o600)
	if out, _, _ := gazette(t, "config"); !strings.Contains(out, "# configuration: "+yml+"\n") || !strings.Contains(out, "dark          "+yml+":1") {
		t.Errorf("config.yml beside config.yaml:\n%s", out)
	}
}
