#!/usr/bin/env bash
# Builds the ZFS kernel modules for the testbed's kernel from the zfs-dkms source (about 4 minutes on
# two cores) and prints the directory holding lib/modules/KVER/extra/*.ko. Cached by KVER, the ZFS
# version and the build recipe.
set -euo pipefail
# shellcheck source=scripts/testbed/lib.sh
source "$(dirname "$0")/lib.sh"

expect_args 1 "usage: scripts/testbed/build-zfs.sh TREE    build ZFS modules for the kernel in TREE (from scripts/testbed/fetch.sh)" "$@"
tree="$1"
kver="$(cat "${tree}/kver")"
src="$(find "${tree}/root/usr/src" -maxdepth 1 -name 'zfs-*' | head -n1)"
[[ -d "${src}" ]] || die "no zfs-dkms source under ${tree}/root/usr/src"
zfs_version="${src##*/zfs-}"
abi="${kver%-cloud-amd64}"
# Bump RECIPE when the way the modules are built changes (not for edits that do not change them).
RECIPE=1
key="${kver}-${zfs_version}-r${RECIPE}"
out="${TESTBED_CACHE}/zfs/${key}"
if [[ -f "${out}/.complete" ]]; then
  echo "${out}"
  exit 0
fi

{ command -v make && command -v gcc; } >/dev/null || die "building ZFS needs make and gcc (scripts/setup installs them)"
build="${TESTBED_CACHE}/zfs/build-${key}"
rm -rf "${build}" "${out}"
mkdir -p "${TESTBED_CACHE}/zfs"
cp -a "${src}" "${build}"
# The headers' Makefile includes the common headers by absolute path: a copy points into TREE.
obj="${build}/linux-obj"
cp -a "${tree}/root/usr/src/linux-headers-${kver}" "${obj}"
echo "include ${tree}/root/usr/src/linux-headers-${abi}-common/Makefile" >"${obj}/Makefile"
ln -sfn "$(readlink -f "${tree}/root/usr/src/linux-headers-${kver}/scripts")" "${obj}/scripts"
ln -sfn "$(readlink -f "${tree}/root/usr/src/linux-headers-${abi}-common/tools")" "${obj}/tools"
log "building ZFS ${zfs_version} modules for ${kver} (about 4 minutes)"
started=${SECONDS}
(
  cd "${build}"
  ./configure --with-config=kernel \
    --with-linux="${tree}/root/usr/src/linux-headers-${abi}-common" \
    --with-linux-obj="${obj}" >"${build}/configure.log" 2>&1 \
    || die "ZFS configure failed; see ${build}/configure.log"
  make -j"$(nproc)" >"${build}/make.log" 2>&1 || die "ZFS build failed; see ${build}/make.log"
)
mkdir -p "${out}/lib/modules/${kver}/extra"
find "${build}/module" -name '*.ko' -exec cp {} "${out}/lib/modules/${kver}/extra/" \;
strip --strip-debug "${out}/lib/modules/${kver}/extra/"*.ko
modinfo -F vermagic "${out}/lib/modules/${kver}/extra/zfs.ko" | grep -q "^${kver} " \
  || die "zfs.ko was built for another kernel: $(modinfo -F vermagic "${out}/lib/modules/${kver}/extra/zfs.ko")"
rm -rf "${build}"
touch "${out}/.complete"
log "ZFS modules built in $((SECONDS - started)) s: $(du -sh "${out}" | cut -f1)"
echo "${out}"
