#!/bin/sh
# The testbed's verify boot: the stage-2 ramdisk booted with testbed.mode=verify (ramdisk-init execs
# this) and an appended cpio holding testbed/disk-key. Does what the installed system's boot would:
# imports rpool from the data disk (no -f: it must have been exported), loads its key from that file
# on stdin (keylocation=prompt), mounts local/root, local/nix, safe/home and safe/persist under
# /sysroot; then records what is there for the host to compare with what the install reported:
#   pool.txt       zpool get: guid, health, ashift, encryption feature
#   datasets.txt   zfs list -t all: name, encryption, keystatus, mountpoint
#   host-keys.txt  per key under /persist/etc/ssh: purpose, mode, fingerprint, whether the private
#                  key derives the public one
#   persist.txt    ls -lnR /persist
#   manifest.json  /persist/reinstaller/install-manifest.json
#   nixos/         /persist/etc/nixos (the host flake), when the install wrote it
# Then it unmounts, exports the pool, writes the records as a tar to the results disk (/dev/vda),
# prints "TESTBED verify done" (or "TESTBED verify failed: WHY") and powers off.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/busybox
say() { echo "TESTBED verify $*"; }
out=/tmp/verify
root=/sysroot
key=/testbed/disk-key
mkdir -p "$out" "$root"

finish() {
  umount "$root/persist" "$root/home" "$root/nix" "$root" 2>/dev/null
  zpool export rpool 2>/dev/null
  if ! tar -C "$out" -cf /dev/vda .; then
    say "failed: cannot write the results to /dev/vda"
  elif [ -n "$1" ]; then
    say "failed: $1"
  else
    say "done: $(find "$out" -type f | wc -l) files on /dev/vda"
  fi
  poweroff -f
}

say "up"
modprobe -a virtio_pci virtio_scsi sd_mod virtio_blk zfs
i=0
until [ -b /dev/sda3 ] && [ -b /dev/vda ]; do
  i=$((i + 1))
  [ "$i" -lt 200 ] || { say "failed: /dev/sda3 or /dev/vda did not appear within 20 s"; poweroff -f; }
  sleep 0.1
done
[ -r "$key" ] || finish "no testbed/disk-key in the cpio"

zpool import -N -d /dev rpool >"$out/import.txt" 2>&1 || finish "zpool import rpool: $(tail -n 2 "$out/import.txt" | tr '\n' ' ')"
zpool get -H -o property,value guid,health,ashift,feature@encryption rpool >"$out/pool.txt"
say "imported rpool: $(tr '\t\n' '= ' <"$out/pool.txt")"
zfs load-key rpool <"$key" >"$out/load-key.txt" 2>&1 || finish "the disk key does not unlock rpool: $(tr '\n' ' ' <"$out/load-key.txt")"
say "key loaded from the cpio's file"
zfs list -H -t all -o name,encryption,keystatus,mountpoint -r rpool >"$out/datasets.txt"

mount -t zfs rpool/local/root "$root" || finish "cannot mount rpool/local/root"
for pair in local/nix:nix safe/home:home safe/persist:persist; do
  mkdir -p "$root/${pair#*:}"
  mount -t zfs "rpool/${pair%:*}" "$root/${pair#*:}" || finish "cannot mount rpool/${pair%:*}"
done
say "mounted: $(grep -c ' zfs ' /proc/mounts) zfs file systems"

ls -lnR "$root/persist" >"$out/persist.txt" 2>&1
: >"$out/host-keys.txt"
for pair in ssh:ssh_host_ed25519_key initrd:initrd_ssh_host_ed25519_key; do
  file="$root/persist/etc/ssh/${pair#*:}"
  if [ -f "$file" ] && [ -f "$file.pub" ]; then
    derived="$(ssh-keygen -y -f "$file" 2>&1 | cut -d' ' -f1,2)"
    [ "$derived" = "$(cut -d' ' -f1,2 "$file.pub")" ] && pairs=yes || pairs=no
    print="$(ssh-keygen -lf "$file.pub" | cut -d' ' -f2)"
    echo "${pair%:*} $(stat -c %a "$file") $print $pairs" >>"$out/host-keys.txt"
    say "host key ${pair%:*}: $print (mode $(stat -c %a "$file"), private key matches: $pairs)"
  else
    echo "${pair%:*} missing - -" >>"$out/host-keys.txt"
    say "host key ${pair%:*}: missing"
  fi
done
manifest="$root/persist/reinstaller/install-manifest.json"
[ -f "$manifest" ] && cp "$manifest" "$out/manifest.json"
say "manifest: $( [ -f "$manifest" ] && wc -c <"$manifest" || echo missing) bytes"
if [ -d "$root/persist/etc/nixos" ]; then
  cp -a "$root/persist/etc/nixos" "$out/nixos"
  say "/persist/etc/nixos: $(cd "$root/persist/etc/nixos" && echo *)"
fi
finish ""
