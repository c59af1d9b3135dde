#!/usr/bin/env bash
# A Slurm cluster of one node on this machine, for the tests of `winnow run --executor slurm`: munged,
# slurmctld and slurmd started by hand (CI containers have no systemd), Debian's slurm-wlm packages.
# Run as root. A cluster that already answers is left as it is. What this script starts is recorded in
# $WINNOW_SLURM_DIR/started, and only that is stopped by stop.sh.
#
#   WINNOW_SLURM_DIR   state, spool, logs, pid files (default /tmp/winnow-slurm)
#   WINNOW_SLURM_WAIT  seconds to wait for the node to be idle (default 60)
set -euo pipefail

dir=${WINNOW_SLURM_DIR:-/tmp/winnow-slurm}
wait_s=${WINNOW_SLURM_WAIT:-60}
say() { echo "slurm/start: $*"; }
fail() { echo "slurm/start: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run me as root (I install packages and start daemons)"

if command -v sinfo >/dev/null && timeout 5 sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
  say "a cluster is already up: $(sinfo -h -o '%P %T %N' | head -1); leaving it as it is"
  exit 0
fi

# Packages. Recommends would pull in dozens of plugins (hdf5, rocm, ipmi…) that a test never uses. Another
# apt (a browser for the report test) may hold the dpkg lock: wait for it rather than fail.
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurm-wlm"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi

host=$(hostname -s)
getent hosts "$host" >/dev/null || echo "127.0.0.1 $host" >>/etc/hosts

mkdir -p "$dir/state" "$dir/spool"
started="$dir/started"
touch "$started"
# Forget the daemons an earlier start recorded that are gone: a pid now of another process is never stopped.
while read -r name pid; do
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ] && echo "$name $pid"
done <"$started" >"$started.live" || true
mv "$started.live" "$started"

# running PIDFILE NAME: the pid in PIDFILE if that process is NAME.
running() {
  local pid
  pid=$(tr -dc 0-9 2>/dev/null <"$1") || return 1
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] && echo "$pid"
}

# Waits up to 5 s for PIDFILE to name a live NAME; records it as started by this script.
await_daemon() {
  local pid
  for _ in $(seq 50); do
    if pid=$(running "$1" "$2"); then
      echo "$2 $pid" >>"$started"
      say "started $2 (pid $pid)"
      return 0
    fi
    sleep 0.1
  done
  fail "$2 did not start; see $3"
}

# munge: its postinst made a key (the policy of CI images forbids starting services: we start it).
# Without systemd, /run/munge does not exist.
if [ ! -s /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  mungekey --create --keyfile=/etc/munge/munge.key
fi
chown -R munge:munge /etc/munge && chmod 700 /etc/munge && chmod 400 /etc/munge/munge.key
mkdir -p /run/munge /var/lib/munge /var/log/munge
chown munge:munge /run/munge /var/lib/munge /var/log/munge
if ! running /run/munge/munged.pid munged >/dev/null; then
  rm -f /run/munge/munged.pid /run/munge/munge.socket.2 /run/munge/munge.socket.2.lock
  runuser -u munge -- /usr/sbin/munged
  await_daemon /run/munge/munged.pid munged /var/log/munge/munged.log
fi
munge -n | unmunge >/dev/null || fail "munge cannot decode its own credential"

# The configuration: this node as `slurmd -C` describes it, no cgroups, no accounting.
#  - DependencyParameters=kill_invalid_depend: a job whose afterok dependency failed is cancelled instead of
#    pending forever (under SchedulerParameters the option is silently ignored).
#  - batch_sched_delay=0,sched_min_interval=0: the next job is scheduled as soon as one ends, not at the
#    scheduler's next pass.
conf=$(mktemp)
cat >"$conf" <<CONF
# Written by winnow's scripts/slurm/start.sh: a cluster of one node for tests.
ClusterName=winnow-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
DependencyParameters=kill_invalid_depend
ReturnToService=2
MailProg=/bin/true
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
$(slurmd -C | head -1) NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
mkdir -p /etc/slurm
if [ -e /etc/slurm/slurm.conf ] && ! grep -q "winnow's scripts/slurm/start.sh" /etc/slurm/slurm.conf; then
  cp /etc/slurm/slurm.conf "/etc/slurm/slurm.conf.before-winnow.$(date +%s)"
fi
install -m 644 "$conf" /etc/slurm/slurm.conf
rm -f "$conf"

if ! running "$dir/slurmctld.pid" slurmctld >/dev/null; then
  slurmctld
  await_daemon "$dir/slurmctld.pid" slurmctld "$dir/slurmctld.log"
fi
if ! running "$dir/slurmd.pid" slurmd >/dev/null; then
  slurmd
  await_daemon "$dir/slurmd.pid" slurmd "$dir/slurmd.log"
fi

deadline=$(($(date +%s) + wait_s))
resumed=no
while :; do
  state=$(sinfo -h -n "$host" -o '%T' 2>/dev/null || true)
  case "$state" in
    idle | mixed | allocated) break ;;
    down* | drain* | fail*)
      if [ $resumed = no ]; then scontrol update nodename="$host" state=resume || true; resumed=yes; fi
      ;;
  esac
  [ "$(date +%s)" -lt "$deadline" ] || fail "node $host is '$state' after ${wait_s}s; see $dir/slurmctld.log, $dir/slurmd.log"
  sleep 0.5
done
say "up: $(sinfo -h -o '%P %T %N %c CPUs' | head -1) (Slurm $(sinfo -V | awk '{print $2}')); stop with scripts/slurm/stop.sh"
