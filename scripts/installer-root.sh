# shellcheck shell=bash
# A temporary root for the installer service that looks like the typical Hetzner Cloud server
# (kexec-bundle/src/test/resources/fixture/hetzner-host.json), for runs with --root: DMI, one
# virtio-scsi disk sda with its serial page, NIC eth0, the ramdisk's inputs file, and the command line
# and cpio files the agent would give it. Source it after lib.sh; do not run it. Used by
# bench-installer and installer-aot-cache.

# The CRC-32 of a file as 8 lowercase hex digits (gzip's trailer holds it, little-endian).
installer_root_crc32() {
  printf '%08x' "$(gzip -c "$1" | tail -c 8 | head -c 4 | od -An -tu4 | tr -d ' ')"
}

# make_installer_root ROOT CONFIRMED: with CONFIRMED=yes the cpio holds a disk key and the command line
# the confirmation token, so confirm passes at once; without, confirm waits (and the process stays
# up for the status API).
make_installer_root() {
  local root="$1" confirmed="$2"
  local fixture="${REPO_ROOT}/kexec-bundle/src/test/resources/fixture/hetzner-host.json"
  local inputs="${REPO_ROOT}/kexec-bundle/src/test/resources/flake/inputs.json"
  local unit="${root}/sys/devices/pci0000:00/0000:00:05.0/virtio1/host0/target0:0:0/0:0:0:0"
  mkdir -p "${root}/sys/class/dmi/id" "${root}/proc/sys/kernel" "${unit}" "${root}/sys/block/sda" \
    "${root}/sys/class/net/eth0/device" "${root}/dev" "${root}/etc/reinstaller" "${root}/reinstaller"
  echo 48213377 >"${root}/sys/class/dmi/id/product_serial"
  echo 8F1D2C3B-4A5E-4F60-9B7A-0C1D2E3F4A5B >"${root}/sys/class/dmi/id/product_uuid"
  echo Hetzner >"${root}/sys/class/dmi/id/sys_vendor"
  echo vServer >"${root}/sys/class/dmi/id/product_name"
  echo x86_64 >"${root}/proc/sys/kernel/arch"
  ln -s ../../../../bus/virtio/drivers/virtio_scsi "${root}/sys/devices/pci0000:00/0000:00:05.0/virtio1/driver"
  ln -s ../../../../../../bus/scsi/drivers/sd "${unit}/driver"
  echo 80000000 >"${root}/sys/block/sda/size"
  echo 0 >"${root}/sys/block/sda/removable"
  echo 'QEMU HARDDISK   ' >"${unit}/model"
  printf '\x00\x80\x00\x11drive-scsi0-0-0-0' >"${unit}/vpd_pg80"
  ln -s "${unit}" "${root}/sys/block/sda/device"
  echo 96:00:02:9a:bc:de >"${root}/sys/class/net/eth0/address"
  ln -s ../../../bus/virtio/drivers/virtio_net "${root}/sys/class/net/eth0/device/driver"
  cp "${inputs}" "${root}/etc/reinstaller/inputs.json"
  cp "${fixture}" "${root}/reinstaller/runtime-info.json"
  local cmdline crc
  crc="$(installer_root_crc32 "${fixture}")"
  cmdline="reinstaller.v=1 reinstaller.info=cpio reinstaller.crc=${crc}"
  if [[ "${confirmed}" == yes ]]; then
    cmdline+=" reinstaller.confirm=48213377:drive-scsi0-0-0-0:40960000000"
    printf 'correct horse battery staple\n' >"${root}/reinstaller/disk-key"
  fi
  echo "${cmdline}" >"${root}/proc/cmdline"
}
