#!/usr/bin/env bash
# Runs a command inside a fresh memory cgroup with a hard limit, as a container or CI job would, then removes the
# cgroup. Needs root. Works with cgroup v2 (memory.max) and v1 (memory.limit_in_bytes).
#
#   bench/capped-run.sh LIMIT COMMAND [ARGS...]
#   bench/capped-run.sh 1536m ./heaptriage analyze big.hprof --format json -o capped.json
#
# Prints the command's exit code and the cgroup's peak memory on stderr; exits with the command's exit code
# (137 when the kernel killed it for exceeding the limit).
set -euo pipefail
if [[ $# -lt 2 ]]; then
  sed -n '5,6p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
limit="$(echo "$1" | awk '{ s = tolower($0); sub(/i?b$/, "", s); u = 1
  if (s ~ /k$/) u = 1024; else if (s ~ /m$/) u = 1048576; else if (s ~ /g$/) u = 1073741824
  sub(/[kmg]$/, "", s); if (s !~ /^[0-9]+(\.[0-9]+)?$/) exit; printf "%.0f\n", int(s * u) }')"
[[ -n "$limit" ]] || { echo "capped-run: '$1' is not a size (e.g. 1536m, 1.5g)" >&2; exit 2; }
shift
[[ "$(id -u)" == 0 ]] || { echo "capped-run: needs root to create a memory cgroup" >&2; exit 2; }
name="heaptriage-capped-$$"
if [[ -f /sys/fs/cgroup/cgroup.controllers && ! -d /sys/fs/cgroup/memory ]]; then
  dir="/sys/fs/cgroup/$name"           # cgroup v2
  mkdir "$dir"
  echo "$limit" >"$dir/memory.max"
  echo 0 >"$dir/memory.swap.max" 2>/dev/null || true
  peak_file="$dir/memory.peak"
else
  dir="/sys/fs/cgroup/memory/$name"    # cgroup v1
  mkdir "$dir"
  echo "$limit" >"$dir/memory.limit_in_bytes"
  echo "$limit" >"$dir/memory.memsw.limit_in_bytes" 2>/dev/null || true
  peak_file="$dir/memory.max_usage_in_bytes"
fi
cleanup() { rmdir "$dir" 2>/dev/null || true; }
trap cleanup EXIT
status=0
# the subshell joins the cgroup, then becomes the command; this script stays outside to report and clean up
bash -c 'echo $$ >"$1/cgroup.procs"; shift; exec "$@"' capped "$dir" "$@" || status=$?
peak="$(cat "$peak_file" 2>/dev/null || echo 0)"
echo "capped-run: limit $((limit / 1048576)) MiB, exit $status, cgroup peak $((peak / 1048576)) MiB" >&2
exit "$status"
