#!/bin/sh
# /init of the stage-2 ramdisk, standing in for the NixOS ramdisk's units where it matters:
# - a fresh tmpfs on /run, and /reinstaller/ (the appended cpio) moved into a 0700 tmpfs at
#   /run/reinstaller-secrets (reinstaller-secrets);
# - udevd, so /dev/disk/by-id and by-partuuid exist;
# - sshd with the agent's pre-generated host key from the cpio and root's keys from
#   `reinstaller-installer authorized-keys` (reinstaller-secrets, sshd), before the installer starts;
# - softdog fed by a daemon, and a deadline that reboots into the old system unless
#   /run/reinstaller/past-point-of-no-return appears in time (reinstaller-deadline);
# - the installer, and after its failure before the point of no return a reboot after a grace
#   period (reinstaller-fallback).
# Testbed-only, when the command line asks for it:
# - testbed.forward=PORT: the status API (127.0.0.1:7700 only, by design) forwarded from PORT on
#   every address, so the host can reach it from the run's network namespace;
# - testbed.netreport: once the installer's log shows the network phase finished, the addresses and
#   routes of every NIC as `TESTBED ramdisk net-addr|net-route4|net-route6: <ip -j JSON>` lines.
# Testbed only: testbed.mode=verify on the command line runs testbed-verify instead (the boot that
# checks an installed pool), and testbed-hooks runs beside the installer.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/busybox
say() { echo "TESTBED ramdisk $*"; }

# Waits (up to 10 minutes) until the installer's log shows the network phase finished, then prints
# the network as the installer left it. This shell runs busybox's own applets before PATH, so
# iproute2's ip (for -j) is called by its path.
netreport() {
  i=0
  while [ "$i" -lt 600 ]; do
    # busybox nc, not wget: Debian's static busybox wget crashes.
    if printf 'GET /log HTTP/1.0\r\n\r\n' | nc 127.0.0.1 7700 2>/dev/null | grep -q '"type":"phase-finished","phase":"network"'; then
      say "net-addr: $(/bin/ip -j addr show)"
      say "net-route4: $(/bin/ip -j -4 route show)"
      say "net-route6: $(/bin/ip -j -6 route show)"
      return
    fi
    sleep 1
    i=$((i + 1))
  done
  say "net-report: the network phase did not finish within 600 s"
}
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp
case " $(cat /proc/cmdline) " in
  *" testbed.mode=verify "*) exec testbed-verify ;;
esac
say "up"
# For the host's checks: what stage 2 was booted with (the disk key must never be on it).
say "cmdline: $(cat /proc/cmdline)"

secrets=/run/reinstaller-secrets
state=/run/reinstaller
mkdir -p "$secrets" "$state"
chmod 0700 "$secrets" "$state"
mount -t tmpfs -o mode=0700,size=16m,nosuid,nodev,noexec tmpfs "$secrets"
if [ -d /reinstaller ]; then
  cp -a /reinstaller/. "$secrets/"
  rm -rf /reinstaller
fi
chmod -R go-rwx "$secrets"
say "secrets: $(find "$secrets" -mindepth 1 -maxdepth 1 | sed "s|.*/||" | tr "\n" " ")"

deadline=900
grace=30
phases=""
forward=""
netreport=""
# shellcheck disable=SC2013 # the command line is one line of words
for arg in $(cat /proc/cmdline); do
  case "$arg" in
    reinstaller.deadline=*) deadline="${arg#reinstaller.deadline=}" ;;
    testbed.grace=*) grace="${arg#testbed.grace=}" ;;
    testbed.phases=*) phases="${arg#testbed.phases=}" ;;
    testbed.forward=*) forward="${arg#testbed.forward=}" ;;
    testbed.netreport) netreport=1 ;;
  esac
done
[ -n "$phases" ] || phases="$(cat /etc/testbed/phases)"

# The QEMU machine's entropy source, before anything (ssh-keygen) asks for random bytes.
modprobe virtio_rng
modprobe softdog soft_margin=60 && watchdog -t 10 -T 60 /dev/watchdog && say "softdog armed"
# The backstop: the installer's own deadline (counted from its start) fires first and shows why for
# the grace period; this one only acts when the JVM cannot.
backstop=$((deadline + grace + 60))
(
  sleep "$backstop"
  if [ ! -e "$state/past-point-of-no-return" ]; then
    echo "reinstaller: not confirmed within $backstop s; nothing was written; rebooting"
    say "deadline: rebooting"
    reboot -f
  fi
  say "deadline: passed after the point of no return; not rebooting"
) &

mkdir -p /run/udev
/lib/systemd/systemd-udevd --daemon --resolve-names=never
udevadm trigger --type=subsystems --action=add
udevadm trigger --type=devices --action=add
modprobe -a zfs vfat nls_cp437 nls_ascii nls_iso8859-1 nls_utf8
udevadm settle --timeout=30
ip link set lo up

# As reinstaller-secrets and sshd do: the host key the agent generated (the operator pins it), a key
# of its own only when none came; root's keys from runtime info. Its log goes to the console.
start_sshd() {
  hostkey=/etc/ssh/ssh_host_ed25519_key
  if [ -f "$secrets/ssh_host_ed25519_key" ]; then
    (umask 077 && cp "$secrets/ssh_host_ed25519_key" "$hostkey")
    origin="from the cpio"
  else
    ssh-keygen -q -t ed25519 -N '' -f "$hostkey"
    origin="generated here"
  fi
  ssh-keygen -y -f "$hostkey" >"$hostkey.pub"
  mkdir -p /root/.ssh /run/sshd
  chmod 0700 /root/.ssh
  reinstaller-installer authorized-keys --output /root/.ssh/authorized_keys
  : >/run/sshd.log
  (tail -n +1 -f /run/sshd.log | while IFS= read -r line; do say "sshd: $line"; done) &
  /usr/sbin/sshd -E /run/sshd.log || { say "sshd did not start"; return; }
  say "sshd host key $origin: $(ssh-keygen -lf "$hostkey.pub")"
}
start_sshd
if [ -n "$forward" ]; then
  nc -ll -p "$forward" -e nc 127.0.0.1 7700 &
  say "status API forwarded from port $forward"
fi
[ -n "$netreport" ] && netreport &
testbed-hooks &
say "udev settled; starting the installer: run --phases $phases --grace-seconds $grace"

REINSTALLER_SECRETS="$secrets" REINSTALLER_STATE="$state" \
  reinstaller-installer run --phases "$phases" --grace-seconds "$grace"
status=$?
say "installer exited $status"
[ -r /run/testbed-memory ] && say "memory: $(cat /run/testbed-memory)"
if [ -e "$state/past-point-of-no-return" ] || [ "$status" = 0 ]; then
  say "stopped; not rebooting"
  poweroff -f
fi
echo "reinstaller: the installer failed before writing anything; rebooting in $grace s"
sleep "$grace"
say "fallback: rebooting"
reboot -f
