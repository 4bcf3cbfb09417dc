#!/bin/sh
# /sbin/testbed-init of the old host: a Debian-like system on Hetzner Cloud, reduced to what the
# agent looks at. udev makes /dev/disk/by-id, the NIC gets the addresses a Hetzner server has
# (IPv4 /32 with an on-link gateway 172.31.1.1, IPv6 /64 via fe80::1), root has authorized keys.
# Then it runs the agent exactly as a user would: plan for the token, then install (which kexecs).
# /etc/testbed/old-storage: the old system also runs an md raid1 over sda2 and sda3 and an LVM volume
# group on sda4 (made at its boot; the root file system is read-only, so LVM keeps no backups).
# /etc/testbed/install-options: more options for `agent install` (e.g. --hold).
# /etc/testbed/old-data: before the agent runs, the old system writes a file of FILL MiB with a random
# marker (printed on the console) near its end, so that the marker's blocks lie deep inside what
# becomes the new pool's partition; the host scans the raw disk for the marker after the install.
# With /etc/testbed/operator (the cli scenario) it runs sshd instead, on both public addresses, with
# a writable root for the uploads, and waits for the operator's CLI to do all of that over SSH.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/busybox
say() { echo "TESTBED old-host $*"; }
mount -t proc proc /proc
mount -t sysfs sysfs /sys
# The initramfs's /dev stays behind at switch_root; a redirection to /dev/null would fail here.
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp
say "up: $(cat /etc/testbed/marker)"
mkdir -p /run/udev
/lib/systemd/systemd-udevd --daemon --resolve-names=never
udevadm trigger --type=subsystems --action=add
udevadm trigger --type=devices --action=add
udevadm settle --timeout=30
modprobe -a virtio_net virtio_rng 2>/dev/null
hostname "$(cat /etc/hostname)"

mac="$(cat /etc/testbed/mac)"
nic=""
for dev in /sys/class/net/*; do
  [ "$(cat "$dev/address")" = "$mac" ] && nic="${dev##*/}"
done
[ -n "$nic" ] || { say "failed: no NIC with MAC $mac"; poweroff -f; }
ip link set lo up
ip link set "$nic" up
ip addr add 203.0.113.10/32 dev "$nic"
ip route add 172.31.1.1 dev "$nic" scope link
ip route add default via 172.31.1.1 dev "$nic"
ip -6 addr add 2001:db8:1234::1/64 dev "$nic"
ip -6 route add default via fe80::1 dev "$nic"
say "network: $nic $(/bin/ip -br addr show dev "$nic" | tr -s ' ')"

# sshd on both public addresses once the IPv6 one has left duplicate address detection (a tentative
# address cannot be bound; busybox's ip, which this shell prefers, cannot tell, so /bin/ip of iproute2);
# its log goes to the console. Then the operator has until the deadline.
serve_ssh() {
  i=0
  while [ -n "$(/bin/ip -6 addr show dev "$nic" tentative)" ] && [ "$i" -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  mount -o remount,rw / || { say "failed: cannot make / writable for the uploads"; poweroff -f; }
  mkdir -p /var/tmp /run/sshd
  chmod 1777 /var/tmp
  : >/run/sshd.log
  (tail -n +1 -f /run/sshd.log | while IFS= read -r line; do say "sshd: $line"; done) &
  if ! /usr/sbin/sshd -E /run/sshd.log -o ListenAddress=203.0.113.10:22 -o "ListenAddress=[2001:db8:1234::1]:22"; then
    say "failed: sshd did not start"
    poweroff -f
  fi
  say "sshd listening on 203.0.113.10:22 and [2001:db8:1234::1]:22, host key $(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)"
  sleep 900
  say "failed: no kexec within 900 s of sshd's start"
  poweroff -f
}
[ -e /etc/testbed/operator ] && serve_ssh

if [ -e /etc/testbed/old-storage ]; then
  lvm="activation { udev_sync = 0 udev_rules = 0 monitoring = 0 } backup { backup = 0 archive = 0 }"
  export LVM_SYSTEM_DIR=/run/lvm
  mkdir -p "$LVM_SYSTEM_DIR"
  modprobe -a dm_mod md_mod raid1
  if ! { mdadm --create /dev/md0 --run --quiet --level=1 --raid-devices=2 --metadata=1.2 /dev/sda2 /dev/sda3 \
    && lvm pvcreate --config "$lvm" -q -y /dev/sda4 && lvm vgcreate --config "$lvm" -q oldvg /dev/sda4 \
    && lvm lvcreate --config "$lvm" -q -y -L 32M -n data oldvg; }; then
    say "failed: cannot make the old storage"
    poweroff -f
  fi
  say "old storage: $(grep '^md' /proc/mdstat), $(lvm lvs --config "$lvm" --noheadings -o lv_path,lv_active | tr -s ' ')"
fi

# The old system's data that must not survive the install: a file that fills most of the root's free
# space (fallocate: allocated at once, nothing written; ext4 lays it out in large extents in order),
# with a random marker written 100 MiB before its end, so the marker's blocks lie past the new ESP,
# deep in what becomes the pool's partition (a small file of its own would land in some early gap).
if [ -e /etc/testbed/old-data ]; then
  fill="$(cat /etc/testbed/old-data)"
  marker="REINSTALLER-OLD-DATA-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  if ! { mount -o remount,rw / && fallocate -l "$((fill * 1048576))" /root/old-data \
    && for _ in $(seq 1 2048); do echo "$marker"; done \
    | dd of=/root/old-data bs=1048576 seek=$((fill - 100)) conv=notrunc 2>/dev/null \
    && sync && mount -o remount,ro /; }; then
    say "failed: cannot write the old data"
    poweroff -f
  fi
  say "old data marker: $marker (at MiB $((fill - 100)) of a ${fill} MiB file)"
fi

agent=/opt/reinstaller-agent/reinstaller-agent
say "agent: plan"
$agent plan --json >/run/plan.json || { say "failed: plan exited $?"; cat /run/plan.json; poweroff -f; }
token="$(sed -n 's/.*"confirmationToken" *: *"\([^"]*\)".*/\1/p' /run/plan.json | head -n1)"
options="$(cat /etc/testbed/install-options 2>/dev/null)"
say "agent: install --confirm $token $options"
# shellcheck disable=SC2086 # options are words
$agent install --bundle /opt/bundle --confirm "$token" --disk-key-file /root/disk-key $options
say "failed: install exited $?"
poweroff -f
