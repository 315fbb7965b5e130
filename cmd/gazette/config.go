package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/gazette-reader/gazette/corpus"
	"github.com/gazette-reader/gazette/tui"
)

// The configuration file is YAML: the format of lazygit's and glow's,
// which gazette's users know, read by a library gazette already has; its
// nodes carry their lines, for errors and for gazette config.

// setting is one value of the configuration, and where it comes from:
// "default", or the file and line that set it.
type setting struct {
	name, value, from string
}

// config is the effective configuration: each setting, and the problems
// of the file (one line each, naming the file and the line).
type config struct {
	path     string
	found    bool
	settings []setting
	problems []string

	theme     string
	colors    tui.Colors
	width     int
	readAfter time.Duration
	order     string
	months    string
	keys      tui.KeyMap
}

// configPath returns where the configuration file is: --config, else
// config.yml in $XDG_CONFIG_HOME/gazette (~/.config/gazette when unset),
// or config.yaml there when only that one exists.
func configPath(flag string) string {
	if flag != "" {
		return flag
	}
	dir := ""
	if d := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		dir = filepath.Join(d, "gazette")
	} else if home, err := os.UserHomeDir(); err == nil {
		dir = filepath.Join(home, ".config", "gazette")
	} else {
		return ""
	}
	yml, yaml := filepath.Join(dir, "config.yml"), filepath.Join(dir, "config.yaml")
	if _, err := os.Stat(yml); err != nil {
		if _, err := os.Stat(yaml); err == nil {
			return yaml
		}
	}
	return yml
}

// defaults is the configuration when the file sets nothing.
func defaults(path string) *config {
	c := &config{path: path, theme: "auto", width: 100, readAfter: 3 * time.Second, order: "date", months: "en", keys: tui.DefaultKeyMap()}
	return c
}

// loadConfig reads the configuration file at path. A file that does not
// exist is the defaults; one that is not YAML is the defaults and one
// problem; a bad value is its default and one problem, the others kept.
func loadConfig(path string) *config {
	c := defaults(path)
	defer c.record()
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist) || path == "":
		return c
	case err != nil:
		c.problem(0, "cannot be read: "+reasonOf(err)+"; using the defaults")
		return c
	}
	c.found = true
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := yamlLine(err)
		c.problem(line, msg+"; using the defaults")
		return c
	}
	if len(doc.Content) == 0 {
		return c // empty
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		c.problem(root.Line, "want settings (name: value), one a line; using the defaults")
		return c
	}
	c.read(root, "")
	return c
}

// reasonOf is an error's reason, without the path it names.
func reasonOf(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// yamlLine splits yaml.v3's "yaml: line 3: reason" into its line and
// reason.
func yamlLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, reason, ok := strings.Cut(rest, ": "); ok {
			if line, err := strconv.Atoi(n); err == nil {
				return line, reason
			}
		}
	}
	return 0, msg
}

// problem records a problem at line (0: the file as a whole).
func (c *config) problem(line int, msg string) {
	where := corpus.OneLine(c.path)
	if line > 0 {
		where += ":" + strconv.Itoa(line)
	}
	c.problems = append(c.problems, where+": "+corpus.OneLine(msg))
}

// from is where a value at line comes from.
func (c *config) from(line int) string { return fmt.Sprintf("%s:%d", c.path, line) }

// set records that the file set name to value at line.
func (c *config) set(name, value string, line int) {
	c.settings = append(c.settings, setting{name: name, value: value, from: c.from(line)})
}

// read reads the settings of a mapping, their names under prefix.
func (c *config) read(m *yaml.Node, prefix string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		name := prefix + k.Value
		switch name {
		case "theme":
			if !slices.Contains([]string{"auto", "dark", "light"}, v.Value) || v.Kind != yaml.ScalarNode {
				c.problem(v.Line, "theme: want auto, dark or light; using auto")
				continue
			}
			c.theme = v.Value
			c.set(name, v.Value, v.Line)
		case "colors", "reader", "keys":
			if v.Kind != yaml.MappingNode {
				c.problem(v.Line, name+": want settings under it, indented")
				continue
			}
			c.read(v, name+".")
		case "colors.accent", "colors.dim", "colors.match":
			if !tui.ValidColor(v.Value) || v.Kind != yaml.ScalarNode {
				c.problem(v.Line, fmt.Sprintf("%s: %q is not a colour (\"#5A3FC0\", or 0 to 255); using the theme's", name, v.Value))
				continue
			}
			*map[string]*string{"colors.accent": &c.colors.Accent, "colors.dim": &c.colors.Dim, "colors.match": &c.colors.Match}[name] = v.Value
			c.set(name, v.Value, v.Line)
		case "reader.width":
			n, err := strconv.Atoi(v.Value)
			if err != nil || n < 40 || n > 400 {
				c.problem(v.Line, fmt.Sprintf("reader.width: want a number of columns from 40 to 400, not %q; using 100", v.Value))
				continue
			}
			c.width = n
			c.set(name, v.Value, v.Line)
		case "reader.read_after":
			d, err := time.ParseDuration(v.Value)
			if err != nil && v.Value == "0" {
				d, err = 0, nil
			}
			if err != nil || d < 0 {
				c.problem(v.Line, fmt.Sprintf("reader.read_after: want a duration (\"3s\", \"500ms\", 0 for never), not %q; using 3s", v.Value))
				continue
			}
			c.readAfter = d
			c.set(name, v.Value, v.Line)
		case "order":
			if v.Value != "date" && v.Value != "relevance" {
				c.problem(v.Line, "order: want date or relevance; using date")
				continue
			}
			c.order = v.Value
			c.set(name, v.Value, v.Line)
		case "months":
			if _, ok := monthNames(v.Value); !ok {
				c.problem(v.Line, fmt.Sprintf("months: no month names for %q: %s; using en", v.Value, strings.Join(monthLanguages(), ", ")))
				continue
			}
			c.months = v.Value
			c.set(name, v.Value, v.Line)
		default:
			if action, ok := strings.CutPrefix(name, "keys."); ok {
				c.rebind(action, v)
				continue
			}
			c.problem(k.Line, fmt.Sprintf("unknown setting %q (gazette config lists them)", name))
		}
	}
}

// rebind binds the keys of v (one, or a list) to action.
func (c *config) rebind(action string, v *yaml.Node) {
	var keys []string
	switch v.Kind {
	case yaml.ScalarNode:
		keys = []string{v.Value}
	case yaml.SequenceNode:
		for _, k := range v.Content {
			keys = append(keys, k.Value)
		}
	}
	if _, ok := c.keys.Binding(action); !ok {
		c.problem(v.Line, fmt.Sprintf("unknown setting \"keys.%s\" (gazette config lists them)", action))
		return
	}
	if err := c.keys.Rebind(action, keys); err != nil {
		c.problem(v.Line, err.Error()+"; keeping its default")
		return
	}
	c.set("keys."+action, strings.Join(keys, " "), v.Line)
}

// record adds the defaults of what the file did not set, in order.
func (c *config) record() {
	set := map[string]bool{}
	for _, s := range c.settings {
		set[s.name] = true
	}
	def := defaults(c.path)
	all := []setting{
		{"theme", def.theme, "default"},
		{"colors.accent", "theme's", "default"}, {"colors.dim", "theme's", "default"}, {"colors.match", "theme's", "default"},
		{"reader.width", strconv.Itoa(def.width), "default"},
		{"reader.read_after", def.readAfter.String(), "default"},
		{"order", def.order, "default"},
		{"months", def.months, "default"},
	}
	for _, name := range tui.BindingNames() {
		b, _ := def.keys.Binding(name)
		all = append(all, setting{"keys." + name, strings.Join(b.Keys(), " "), "default"})
	}
	out := make([]setting, 0, len(all))
	for _, d := range all {
		if i := slices.IndexFunc(c.settings, func(s setting) bool { return s.name == d.name }); i >= 0 {
			out = append(out, c.settings[i])
			continue
		}
		out = append(out, d)
	}
	c.settings = out
}

// options are the reader's options the configuration gives.
func (c *config) options() []tui.Option {
	opts := []tui.Option{
		tui.WithColors(c.colors), tui.WithReaderWidth(c.width), tui.WithReadAfter(c.readAfter),
		tui.WithRelevanceOrder(c.order == "relevance"), tui.WithKeyMap(c.keys),
	}
	if c.theme != "auto" {
		opts = append(opts, tui.WithDarkBackground(c.theme == "dark"))
	}
	if names, ok := monthNames(c.months); ok && c.months != "en" {
		opts = append(opts, tui.WithMonthNames(names))
	}
	return opts
}

// report prints the configuration's problems on w, one line each.
func (c *config) report(w io.Writer) {
	for _, p := range c.problems {
		fmt.Fprintf(w, "gazette: %s\n", p)
	}
}

func newConfigCmd(e env) *cobra.Command {
	var path string
	var sf stateFlags
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration, and where each value comes from",
		Long: `Print every setting of the reader, its value, and where it comes from: the
configuration file and its line, or the default. The file is
$XDG_CONFIG_HOME/gazette/config.yml (~/.config/gazette/config.yml), YAML:

  theme: auto            # auto, dark or light
  colors:                # replace the theme's: "#RRGGBB" or 0 to 255
    accent: "#5A3FC0"
    dim: "#6E6E6E"
    match: "#B3261E"
  reader:
    width: 100           # the widest the text runs, in columns
    read_after: 3s       # on screen this long, an article is read; 0: never
  order: date            # a filter's results: date or relevance
  months: en             # month names in the headings: ` + strings.Join(monthLanguages(), ", ") + `
  keys:                  # any binding below: a key, or a list of keys
    star: ["f", "*"]

A problem in the file is one line on stderr naming its line; the setting
keeps its default.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c := loadConfig(configPath(path))
			c.report(e.stderr)
			state, from, err := sf.where()
			if err != nil {
				state, from = err.Error(), "default"
			}
			if sf.off {
				state, from = "none", "--no-state"
			}
			file := corpus.OneLine(c.path)
			if !c.found {
				file += " (none: the defaults)"
			}
			fmt.Fprintf(e.stdout, "# configuration: %s\n", file)
			w := 0
			for _, s := range c.settings {
				w = max(w, len(s.name))
			}
			vw := 0
			for _, s := range c.settings {
				vw = max(vw, len(s.value))
			}
			for _, s := range append(c.settings, setting{"state", state, from}) {
				fmt.Fprintf(e.stdout, "%-*s  %-*s  %s\n", w, s.name, vw, corpus.OneLine(s.value), corpus.OneLine(s.from))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&path, "config", "", "read the configuration from `FILE`")
	sf.add(cmd)
	return cmd
}
