#!/usr/bin/env bash
# Time the first frame of the reader without a snapshot: from the command
# line sent to a tmux pane (100x30) to the loading screen on the pane,
# polled every 5 ms. Runs `echo` the same way (the floor: the shell and
# tmux), then each binary given, in turn, ROUNDS times, once with the
# theme asked of the terminal (no configuration) and once with
# `theme: dark` in the configuration; prints every time and the medians.
#
#   docs/bench-first-frame.sh CORPUS ROUNDS BINARY...
#
# Each binary runs as `BINARY --no-cache --no-state CORPUS` and is quit
# with q once its loading screen shows. Needs bash 5 and tmux.
set -euo pipefail
corpus=$1
rounds=$2
shift 2
tmp=$(mktemp -d)
trap 'tmux kill-session -t firstframe 2>/dev/null || true; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/auto" "$tmp/dark/gazette" "$tmp/data"
echo "theme: dark" >"$tmp/dark/gazette/config.yml"

# once THEME COMMAND MARKER: the milliseconds from COMMAND sent to MARKER
# on the pane (9999: not within 5 s).
once() {
	tmux new-session -d -s firstframe -x 100 -y 30 \
		-e "XDG_CONFIG_HOME=$tmp/$1" -e "XDG_DATA_HOME=$tmp/data" 'bash --norc --noprofile'
	until [[ $(tmux capture-pane -p -t firstframe) == *[\$#]* ]]; do sleep 0.01; done
	sleep 0.3
	local t0 t pane ms=9999
	t0=${EPOCHREALTIME/./} # microseconds
	tmux send-keys -t firstframe "$2" Enter
	t=$t0
	while ((t - t0 < 5000000)); do
		pane=$(tmux capture-pane -p -t firstframe)
		t=${EPOCHREALTIME/./}
		if [[ $pane == *"$3"* ]]; then
			ms=$(((t - t0) / 1000))
			break
		fi
		sleep 0.005
	done
	tmux send-keys -t firstframe q
	sleep 0.3
	tmux kill-session -t firstframe
	sleep 0.3
	echo "$ms"
}

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

i=0
while [ "$i" -lt "$rounds" ]; do
	for theme in auto dark; do
		echo "echo $theme $(once "$theme" 'echo ready-$((1+1))' ready-2)" >>"$tmp/times"
		n=0
		for bin in "$@"; do
			n=$((n + 1))
			echo "$n $theme $(once "$theme" "$bin --no-cache --no-state $corpus" 'Loading ')" >>"$tmp/times"
		done
	done
	i=$((i + 1))
done

for theme in auto dark; do
	for what in echo $(seq "$#"); do
		label=$what
		[ "$what" = echo ] || label=$(eval echo "\${$what}")
		times=$(awk -v w="$what" -v t="$theme" '$1 == w && $2 == t {print $3}' "$tmp/times")
		echo "$theme $label: median $(echo "$times" | median) ms ($(echo "$times" | sort -n | tr '\n' ' '))"
	done
done
