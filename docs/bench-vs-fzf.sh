#!/bin/sh
# Compare gazette's search with fzf --filter (Debian's fzf), fzf --exact
# --filter, the bubbles list's default filter (sahilm/fuzzy) and a
# brute-force folded scan in Go, on the same generated articles, one query
# at a time. Prints a Markdown table of times and their ratios to gazette's.
#
#   docs/bench-vs-fzf.sh [ARTICLES] [QUERIES]
#
# ARTICLES defaults to 100000 (about 300 MB of text; fzf takes tens of
# seconds a query at that size); QUERIES is a comma-separated list.
# Installs fzf with apt-get when it is missing and we are root.
set -eu
n=${1:-100000}
queries=${2:-ministre,tokyo,dunapave,cybdef,partenraiat}
cd "$(dirname "$0")/../testdata/benchfilter"
if ! command -v fzf >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		apt-get update -qq && apt-get install -y -qq fzf >/dev/null
	else
		echo "bench-vs-fzf: fzf not found; install it (apt-get install fzf) to compare with it" >&2
	fi
fi
command -v fzf >/dev/null 2>&1 && echo "fzf $(fzf --version)"
go version
exec go run . -n "$n" -queries "$queries"
