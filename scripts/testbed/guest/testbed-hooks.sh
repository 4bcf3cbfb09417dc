#!/bin/sh
# Runs beside the installer in the testbed's stage-2 ramdisk (not in the product's). The host drives
# it through QEMU's fw_cfg, so the kernel command line and the cpio stay exactly what the agent made:
# - opt/testbed/confirm holds a confirmation token: once the installer waits at confirm (GET /status),
#   print one line with what is imported or active at that moment (pools, device-mapper and md
#   devices) and the signatures on the target disk's partitions, then send the token with
#   POST /confirm, as an operator would;
# - opt/testbed/watch-pool: print one line the moment rpool exists (the host cuts the power then).
# dm_mod, md_mod and raid1 are loaded first, so an array or volume group could be activated: the line
# shows that none was.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/busybox
say() { echo "TESTBED ramdisk $*"; }
api=http://127.0.0.1:7700
cfg=/sys/firmware/qemu_fw_cfg/by_name/opt/testbed

# "before confirm: pools=[...] dm=[...] md=[...] signatures=[sda1:TYPE ...]" (udev's blkid types).
before_confirm() {
  pools="$(zpool list -H -o name 2>&1 | grep -v '^no pools available' | tr '\n' ' ')"
  dm=""
  for f in /dev/mapper/* /sys/block/dm-*; do
    [ -e "$f" ] && [ "${f##*/}" != control ] && dm="$dm${f##*/} "
  done
  md="$(sed -n 's/^\(md[^ ]*\) : .*/\1/p' /proc/mdstat 2>/dev/null | tr '\n' ' ')"
  for f in /sys/block/md*; do
    [ -e "$f" ] || continue
    case " $md" in *" ${f##*/} "*) ;; *) md="$md${f##*/} " ;; esac
  done
  signatures=""
  for part in /sys/block/sda/sda*; do
    [ -e "$part" ] || continue
    type="$(udevadm info --query=property --name="/dev/${part##*/}" | sed -n 's/^ID_FS_TYPE=//p')"
    signatures="$signatures${part##*/}:${type:--} "
  done
  say "before confirm: pools=[${pools% }] dm=[${dm% }] md=[${md% }] signatures=[${signatures% }]"
}

# Waits (up to 300 s) until the installer waits at confirm, then shows the state and confirms.
confirm_over_api() {
  i=0
  until wget -q -O - "$api/status" 2>/dev/null | grep '"state":"waiting"' | grep -q '"phase":"confirm"'; do
    i=$((i + 1))
    [ "$i" -lt 600 ] || { say "hook: the installer did not wait at confirm within 300 s"; return 1; }
    sleep 0.5
  done
  before_confirm
  if wget -q -O /dev/null --post-data "$1" "$api/confirm"; then
    say "hook: confirmation sent over the status API"
  else
    say "hook: POST /confirm failed"
  fi
}

# A pool's kstat directory appears as zpool create begins (or an import); zpool list waits for the
# namespace lock create holds, so it answers once the pool is made and its labels are on the disk.
# Up to 600 s.
watch_pool() {
  i=0
  until [ -d /proc/spl/kstat/zfs/rpool ]; do
    i=$((i + 1))
    [ "$i" -lt 6000 ] || return 0
    sleep 0.1
  done
  zpool list -H -o name rpool >/dev/null 2>&1 && say "pool rpool is up"
}

# The ramdisk's memory for bench-testbed: MemTotal, MemAvailable as the installer starts, and the
# lowest MemAvailable since, sampled twice a second into /run/testbed-memory ("TOTAL START LOWEST",
# KiB), which guest/systemctl.sh prints before a reboot and ramdisk-init.sh after the installer exits.
memory_watch() {
  total="$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)"
  start="$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo)"
  lowest="$start"
  while :; do
    now="$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo)"
    [ "$now" -lt "$lowest" ] && lowest="$now"
    echo "$total $start $lowest" >/run/testbed-memory.new && mv /run/testbed-memory.new /run/testbed-memory
    sleep 0.5
  done
}

memory_watch &
modprobe -a qemu_fw_cfg dm_mod md_mod raid1 2>/dev/null
[ -r "$cfg/watch-pool/raw" ] && watch_pool &
[ -r "$cfg/confirm/raw" ] && confirm_over_api "$(cat "$cfg/confirm/raw")" &
wait
