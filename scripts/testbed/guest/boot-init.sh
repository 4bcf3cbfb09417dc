#!/bin/sh
# /init of the old host's initramfs: what an installed Debian's initramfs does, reduced. Loads the
# disk drivers, mounts the root file system from the data disk's first partition read-only and
# switches into it. The old system itself is /sbin/testbed-init on that disk.
export PATH=/bin:/usr/lib/busybox
mkdir -p /proc /sys /dev /newroot
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
modprobe -a virtio_pci virtio_scsi sd_mod
i=0
while [ ! -b /dev/sda1 ] && [ "$i" -lt 200 ]; do
  sleep 0.1
  i=$((i + 1))
done
if ! mount -t ext4 -o ro /dev/sda1 /newroot; then
  echo "TESTBED boot failed: cannot mount /dev/sda1"
  poweroff -f
fi
umount /proc /sys
exec switch_root /newroot /sbin/testbed-init
