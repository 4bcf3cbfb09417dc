#!/bin/sh
# Stand-in for nixos-install in the testbed ramdisk, where NixOS cannot be built: records how it was
# called and the host flake it found under ROOT/persist/etc/nixos as a tar on the results disk (serial
# "results": a virtio disk, or in the metadata scenario a removable SCSI disk, which the installer's
# disk discovery passes over), which the host unpacks and parses with nix-instantiate --parse.
# With --system PATH (the closure source) it also records whether ROOT's Nix store holds PATH as a
# valid path (nix-store --check-validity) and the sha256 of each file in it.
root=/mnt
system=""
previous=""
for arg in "$@"; do
  [ "$previous" = "--root" ] && root="$arg"
  [ "$previous" = "--system" ] && system="$arg"
  previous="$arg"
done
echo "TESTBED ramdisk nixos-install $*"
record=/tmp/nixos-install-record
rm -rf "$record"
mkdir -p "$record"
printf '%s\n' "$@" >"$record/args"
[ -d "$root/persist/etc/nixos" ] && cp -a "$root/persist/etc/nixos" "$record/nixos"
if [ -n "$system" ]; then
  if nix-store --store "$root" --check-validity "$system" 2>"$record/system-validity"; then
    echo valid >"$record/system-validity"
  fi
  (cd "$root$system" 2>/dev/null && find . -type f | sort | xargs sha256sum) >"$record/system-files"
fi
results=/dev/disk/by-id/virtio-results
[ -e "$results" ] || results=/dev/disk/by-id/scsi-0QEMU_QEMU_HARDDISK_results
if tar -C "$record" -cf "$results" .; then
  echo "TESTBED ramdisk nixos-install recorded $(find "$record" -type f | wc -l) files on $results"
else
  echo "TESTBED ramdisk nixos-install failed: cannot write the record to $results"
  exit 1
fi
