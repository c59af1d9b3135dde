#!/usr/bin/env bash
# Stops what scripts/slurm/start.sh started, and only that: the pids it recorded, each checked to be still
# the daemon it was (slurmd, then slurmctld, then munged). Jobs still queued are cancelled first, so that no
# job step outlives its slurmd. A cluster this script did not start is left alone.
set -uo pipefail

dir=${WINNOW_SLURM_DIR:-/tmp/winnow-slurm}
started="$dir/started"
say() { echo "slurm/stop: $*"; }

if [ ! -s "$started" ]; then
  say "nothing started by start.sh is recorded in $started"
  exit 0
fi

jobs=$(timeout 10 squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ')
if [ -n "${jobs// /}" ]; then
  say "cancelling jobs $jobs"
  # shellcheck disable=SC2086
  timeout 10 scancel $jobs || true
  sleep 1
fi

for name in slurmd slurmctld munged; do
  for pid in $(awk -v n="$name" '$1 == n { print $2 }' "$started" | sort -u); do
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != "$name" ]; then
      say "$name (pid $pid) is not running"
      continue
    fi
    kill -TERM "$pid"
    for _ in $(seq 100); do [ -e "/proc/$pid" ] || break; sleep 0.1; done
    if [ -e "/proc/$pid" ]; then
      say "$name (pid $pid) ignored SIGTERM; SIGKILL"
      kill -KILL "$pid"
    fi
    say "stopped $name (pid $pid)"
  done
done
rm -f "$started"
