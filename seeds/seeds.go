// Package seeds carries gazette's default corpus: five French articles on
// international cyber-security cooperation (2014-2019), kept byte for byte as
// they were scraped, page chrome and all.
package seeds

import "embed"

// FS holds the seed articles as *.txt files at its root.
//
//go:embed *.txt
var FS embed.FS
