#!/bin/sh
# Time gazette's search from its snapshot against bleve opening its saved
# index and SQLite FTS5 opening its database, each a whole process
# answering one query (the first ten hits), on the same generated
# articles. Builds the corpus, the bleve index and the FTS5 database once
# in DIR (testdata/benchengines, a module of its own), saves gazette's
# snapshot by searching once, then runs the three in turn, ROUNDS times a
# query, and prints the median wall time of each and its ratio to
# gazette's.
#
#   docs/bench-vs-engines.sh [ARTICLES] [QUERIES] [DIR] [ROUNDS]
#
# ARTICLES defaults to 100000 (about 300 MB of text: bleve takes minutes
# to index it); QUERIES is a comma-separated list.
set -eu
n=${1:-100000}
queries=${2:-'ministre,dunapave,otan sécurité,"secteur privé"'}
dir=${3:-/tmp/gazette-bench-engines-$n}
rounds=${4:-9}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
(cd "$root" && go build -o "$bin/gazette" ./cmd/gazette)
(cd "$root/testdata/benchengines" && go build -o "$bin/engines" .)
if [ ! -f "$dir/fts.db" ]; then
	echo "building $n articles, the bleve index and the FTS5 database in $dir" >&2
	"$bin/engines" build -n "$n" -dir "$dir"
fi
export XDG_CACHE_HOME="$dir/cache" XDG_DATA_HOME="$dir/data"
"$bin/gazette" search ministre "$dir/corpus.jsonl" --limit 10 >/dev/null || true # saves the snapshot

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| query | gazette (snapshot) | bleve | FTS5 | bleve / gazette | FTS5 / gazette |"
echo "|---|---:|---:|---:|---:|---:|"
echo "$queries" | tr ',' '\n' | while read -r q; do
	: >"$bin/g"; : >"$bin/b"; : >"$bin/f"
	i=0
	while [ $i -lt "$rounds" ]; do
		t=$(now); "$bin/gazette" search "$q" "$dir/corpus.jsonl" --limit 10 >/dev/null || true; echo $(( ($(now) - t) / 1000 )) >>"$bin/g"
		t=$(now); "$bin/engines" bleve -dir "$dir" -q "$q" >/dev/null; echo $(( ($(now) - t) / 1000 )) >>"$bin/b"
		t=$(now); "$bin/engines" fts5 -dir "$dir" -q "$q" >/dev/null; echo $(( ($(now) - t) / 1000 )) >>"$bin/f"
		i=$((i + 1))
	done
	g=$(median <"$bin/g"); b=$(median <"$bin/b"); f=$(median <"$bin/f")
	awk -v q="$q" -v g="$g" -v b="$b" -v f="$f" 'BEGIN { printf "| `%s` | %.0f ms | %.0f ms | %.0f ms | %.2f | %.2f |\n", q, g/1000, b/1000, f/1000, b/g, f/g }'
done
