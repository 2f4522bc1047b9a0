#!/usr/bin/env bash
# Times the whole `scriptroom diff` process against git on the same two files,
# alternating the two N times so both see the same machine load, and prints
# each median and the ratio ours ÷ git:
#   unified: scriptroom diff --format unified A B  vs  git diff --no-index A B    (goal ≤ 1.0)
#   scenes:  scriptroom diff --format scenes A B   vs  git diff --no-index --word-diff A B (goal ≤ 1.5)
# Usage: bench-vs-git.sh A B [N]   (N defaults to 31; SCRIPTROOM=path picks the binary)
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 A B [N]" >&2
  exit 2
fi
a=$1 b=$2 n=${3:-31}
for f in "$a" "$b"; do
  [ -f "$f" ] || { echo "$0: $f: no such file" >&2; exit 2; }
done
bin=${SCRIPTROOM:-}
if [ -z "$bin" ]; then
  bin=$(mktemp -d)/scriptroom
  trap 'rm -rf "$(dirname "$bin")"' EXIT
  (cd "$(dirname "$0")/.." && go build -o "$bin" ./cmd/scriptroom)
fi

# run CMD...: the wall time of one run in microseconds (exit status 0 or 1,
# "equal" or "different", is success; anything else stops the script).
run() {
  local t0=$EPOCHREALTIME rc=0
  "$@" >/dev/null 2>&1 || rc=$?
  local t1=$EPOCHREALTIME
  if [ "$rc" -gt 1 ]; then
    echo "$0: $* failed with status $rc" >&2
    exit 1
  fi
  echo $(( (${t1/./} - ${t0/./}) ))
}

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

compare() { # name, our arguments, git arguments
  local name=$1 ours=$2 theirs=$3 o=() g=()
  for ((i = 0; i < n; i++)); do
    o+=("$(run "$bin" diff $ours "$a" "$b")")
    g+=("$(run git diff --no-index --no-color $theirs "$a" "$b")")
  done
  local mo mg
  mo=$(printf '%s\n' "${o[@]}" | median)
  mg=$(printf '%s\n' "${g[@]}" | median)
  awk -v n="$name" -v o="$mo" -v g="$mg" -v runs="$n" \
    'BEGIN {printf "%-8s scriptroom %7.2f ms   git %7.2f ms   ratio %.2f   (median of %d)\n", n, o/1000, g/1000, o/g, runs}'
}

compare unified "--format unified" ""
compare scenes "--format scenes" "--word-diff"
