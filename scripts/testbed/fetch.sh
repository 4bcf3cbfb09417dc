#!/usr/bin/env bash
# Fetches the Debian packages the testbed's images are made of (by name, with apt-get download) and
# unpacks them with dpkg-deb -x into one tree; nothing is installed into the host. Prints the tree's
# path. The kernel ABI (KVER) is resolved now from the linux-image-cloud-amd64 metapackage.
set -euo pipefail
# shellcheck source=scripts/testbed/lib.sh
source "$(dirname "$0")/lib.sh"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  echo "usage: scripts/testbed/fetch.sh    download and unpack the testbed's Debian packages; print the tree"
  exit 0
fi

# What the images run, by package. Their shared libraries come along below.
userland=(
  libc6 zlib1g busybox-static kmod iproute2 util-linux mount fdisk gdisk dosfstools openssh-client
  udev kexec-tools zfs-dkms zfsutils-linux lvm2 dmsetup mdadm openssh-server openssh-sftp-server nix-bin
)

testbed_apt_update
kver="$(testbed_kver)"
[[ -n "${kver}" ]] || die "cannot resolve the kernel ABI from linux-image-cloud-amd64"
mapfile -t headers_deps < <(testbed_apt cache depends "linux-headers-${kver}" \
  | sed -n 's/^ *Depends: \(linux-headers-.*-common\|linux-kbuild-.*\)$/\1/p')
kernel=("linux-image-${kver}" "linux-headers-${kver}" "${headers_deps[@]}")

# Libraries the userland needs: lib* dependencies, followed only through lib* packages, so neither
# maintainer-script machinery (debconf, perl) nor zfs-dkms's compilers come along. ldd later proves
# the images lack none.
lib_deps() {
  testbed_apt cache depends --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
    --no-enhances "$@" | sed -n 's/^ *\(Pre\)\{0,1\}Depends: \(lib[^ <>]*\)$/\2/p' | sort -u
}
libraries=()
frontier=()
for pkg in "${userland[@]}"; do
  [[ "${pkg}" == zfs-dkms ]] || frontier+=("${pkg}")
done
while ((${#frontier[@]} > 0)); do
  mapfile -t found < <(lib_deps "${frontier[@]}")
  frontier=()
  for lib in "${found[@]}"; do
    if [[ " ${libraries[*]} " != *" ${lib} "* ]]; then
      libraries+=("${lib}")
      frontier+=("${lib}")
    fi
  done
done
packages=("${kernel[@]}" "${userland[@]}" "${libraries[@]}")

key="$(printf '%s\n' "${packages[@]}" | sort | sha256sum | cut -c1-12)"
tree="${TESTBED_CACHE}/debs/${kver}-${key}"
if [[ -f "${tree}/.complete" ]]; then
  echo "${tree}"
  exit 0
fi

pool="${TESTBED_CACHE}/pool"
mkdir -p "${pool}"
missing=()
for pkg in "${packages[@]}"; do
  compgen -G "${pool}/${pkg}_*.deb" >/dev/null || missing+=("${pkg}")
done
if ((${#missing[@]} > 0)); then
  log "downloading ${#missing[@]} packages for ${kver}"
  (cd "${pool}" && testbed_apt get download "${missing[@]}" >/dev/null)
fi

# Packages this list no longer names (older kernels, dropped tools) leave the pool.
for deb in "${pool}"/*.deb; do
  name="${deb##*/}"
  [[ " ${packages[*]} " == *" ${name%%_*} "* ]] || rm -f "${deb}"
done

log "unpacking ${#packages[@]} packages into ${tree}"
rm -rf "${tree}"
mkdir -p "${tree}/root"
for pkg in "${packages[@]}"; do
  deb="$(find "${pool}" -maxdepth 1 -name "${pkg}_*.deb" | sort -V | tail -n1)"
  dpkg-deb -x "${deb}" "${tree}/root"
done
echo "${kver}" >"${tree}/kver"
touch "${tree}/.complete"
echo "${tree}"
