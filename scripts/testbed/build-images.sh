#!/usr/bin/env bash
# Builds the testbed's guest images from the fetched Debian tree, the ZFS modules and the project's
# own build output, and prints the directory holding them:
#   boot.cpio.zst   the old host's initramfs (mounts its root from the data disk, switches into it)
#   oldroot/        the old host's root file system (the run makes it an ext4 on the data disk),
#                   with the agent distribution in /opt/reinstaller-agent and the bundle in /opt/bundle,
#                   and sshd (started only in the cli scenario)
#   bundle/         the kexec bundle: bzImage, initrd.zst (the stage-2 ramdisk), manifest.json
#   vmlinuz         the kernel both stages boot
# Cached by everything it is made of.
set -euo pipefail
# shellcheck source=scripts/testbed/lib.sh
source "$(dirname "$0")/lib.sh"

expect_args 2 "usage: scripts/testbed/build-images.sh TREE ZFS    (TREE from scripts/testbed/fetch.sh, ZFS from build-zfs.sh)" "$@"
tree="$1/root"
zfs="$2"
kver="$(cat "$1/kver")"

# The phases the ramdisk runs, and so the ones the scenarios expect in this order. NixOS cannot be
# built here, so nixos-install is guest/nixos-install.sh, a stand-in that records its arguments and the
# host flake for the host to check; the rest is the real code path. The flake's nixpkgs input is a
# fixed pin of a nixpkgs nobody fetches; its reinstaller input pins this checkout's HEAD with the
# narHash of its tracked files (what the NixOS ramdisk module writes to /etc/reinstaller/inputs.json
# from the flake it was built from).
STAGE2_PHASES="params,network,ready,confirm,partition,zfs,keys,flake,install,finalize,reboot"
BOOT_PARAMETERS="console=ttyS0 panic=-1 quiet"
# The installer's peak working set in this ramdisk, for the agent's memory check: bench-testbed
# --memory measured 70 MiB (JVM, ZFS commands, stand-in install); this leaves a third more. Like the
# NixOS ramdisk's, the root stays the kernel's tmpfs, capped at half the memory, which the check knows.
WORKING_SET_BYTES=$((96 * 1024 * 1024))
# With a closure copied in (bundle-nix, the cli scenario), nix-daemon and ZFS's share of the copy:
# the cli scenario measured 169 MiB for a 32 MiB closure.
WORKING_SET_BYTES_NIX=$((224 * 1024 * 1024))

agent_dist="${REPO_ROOT}/agent/target/dist/reinstaller-agent"
installer_jar="${REPO_ROOT}/kexec-bundle/target/reinstaller-installer.jar"
[[ -x "${agent_dist}/reinstaller-agent" ]] || die "no agent distribution: run scripts/build-agent-dist"
[[ -f "${installer_jar}" ]] || die "no installer jar: build kexec-bundle first"
use_jdk25

head_rev="$(git -C "${REPO_ROOT}" rev-parse HEAD)"
key="$( {
  echo "${tree} ${zfs} ${STAGE2_PHASES} ${BOOT_PARAMETERS} ${WORKING_SET_BYTES} ${WORKING_SET_BYTES_NIX} ${head_rev}"
  sha256sum "$0" "${TESTBED_DIR}/lib.sh" "${TESTBED_DIR}"/guest/* "${installer_jar}" "${agent_dist}/lib/"*.jar \
    "${REPO_ROOT}"/scripts/installer-{aot-cache,root.sh}
} | sha256sum | cut -c1-12)"
out="${TESTBED_CACHE}/images/${kver}-${key}"
if [[ -f "${out}/.complete" ]]; then
  echo "${out}"
  exit 0
fi
# Each set is a few hundred MB and a changed input makes a new one: keep the three newest, and never
# remove one younger than an hour (another checkout sharing this cache may be booting it).
mkdir -p "${TESTBED_CACHE}/images"
find "${TESTBED_CACHE}/images" -mindepth 1 -maxdepth 1 -type d -printf '%T@ %p\n' | sort -rn | tail -n +3 \
  | cut -d' ' -f2- | while read -r old; do
    if [[ -n "$(find "${old}" -maxdepth 0 -mmin +60)" ]]; then rm -rf "${old}"; fi
  done
rm -rf "${out}"
mkdir -p "${out}"
work="${out}/work"

# A module tree with the ZFS modules beside the kernel's, for modprobe --show-depends.
modtree="${work}/modtree"
mkdir -p "${modtree}/lib/modules"
cp -al "${tree}/lib/modules/${kver}" "${modtree}/lib/modules/"
cp -al "${zfs}/lib/modules/${kver}/extra" "${modtree}/lib/modules/${kver}/"
depmod -b "${modtree}" "${kver}"

# busybox with its applets linked in /usr/lib/busybox (after the real tools in PATH), /bin/sh too.
add_busybox() {
  local image="$1" applet
  image_add "${tree}" "${image}" /bin/busybox
  mkdir -p "${image}/usr/lib/busybox"
  for applet in $("${tree}/bin/busybox" --list); do
    ln -sf /bin/busybox "${image}/usr/lib/busybox/${applet}"
  done
  ln -sf busybox "${image}/bin/sh"
  mkdir -p "${image}"/{proc,sys,dev,run,tmp,mnt,root,etc}
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"${image}/etc/passwd"
  printf 'root:x:0:\ndisk:x:6:\ntty:x:5:\nkmem:x:15:\ndialout:x:20:\ncdrom:x:24:\ntape:x:26:\naudio:x:29:\nvideo:x:44:\nkvm:x:993:\ninput:x:994:\nrender:x:995:\nsgx:x:996:\n' >"${image}/etc/group"
}

add_udev() {
  local image="$1" helper
  image_add "${tree}" "${image}" /lib/systemd/systemd-udevd /bin/udevadm /bin/kmod
  for helper in ata_id scsi_id cdrom_id zvol_id; do
    [[ -e "${tree}/lib/udev/${helper}" ]] && image_add "${tree}" "${image}" "/lib/udev/${helper}"
  done
  mkdir -p "${image}/lib/udev" "${image}/sbin"
  cp -a "${tree}/lib/udev/rules.d" "${image}/lib/udev/"
  for tool in modprobe insmod rmmod lsmod depmod modinfo; do
    ln -sf /bin/kmod "${image}/sbin/${tool}"
  done
}

# The system libraries a jlinked runtime's programs and libraries need.
add_runtime_libs() {
  local image="$1" runtime="$2" elf
  while IFS= read -r elf; do
    image_add_libs "${tree}" "${image}" "${elf}"
  done < <(find "${runtime}/bin" "${runtime}/lib" -type f \( -name '*.so' -o -perm -u+x \))
}

# /etc/reinstaller/inputs.json: the host flake's two inputs, pinned (see STAGE2_PHASES above).
write_flake_inputs() {
  local file="$1" source="${work}/source" nar_hash modified
  mkdir -p "${source}" "$(dirname "${file}")"
  git -C "${REPO_ROOT}" archive HEAD | tar -x -C "${source}"
  nar_hash="$(NIX_CONFIG="build-users-group =" nix --extra-experimental-features nix-command hash path "${source}")"
  modified="$(git -C "${REPO_ROOT}" log -1 --format=%ct HEAD)"
  cat >"${file}" <<JSON
{
  "reinstaller": {"url": "github:reinstaller/reinstaller/${head_rev}?dir=kexec-bundle",
    "narHash": "${nar_hash}", "rev": "${head_rev}", "lastModified": ${modified}},
  "nixpkgs": {"url": "github:NixOS/nixpkgs/1111111111111111111111111111111111111111",
    "narHash": "sha256-2T/H0Q3fWzComEgjP1J/SDoNiG+nS9bADAz0kXd1Kqo=",
    "rev": "1111111111111111111111111111111111111111", "lastModified": 1760000000}
}
JSON
  rm -rf "${source}"
}

# A testbed CA the stage-2 runtime trusts (added to its cacerts) and a certificate for
# cache.nixos.org signed by it, for binary-cache.py: the network phase's check of the binary cache
# runs over real TLS to the real name.
make_cache_tls() {
  local dir="$1" cacerts="$2"
  mkdir -p "${dir}"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=reinstaller testbed CA" \
    -keyout "${dir}/ca-key.pem" -out "${dir}/ca.pem" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=cache.nixos.org" \
    -keyout "${dir}/key.pem" -out "${dir}/cert.csr" 2>/dev/null
  openssl x509 -req -in "${dir}/cert.csr" -CA "${dir}/ca.pem" -CAkey "${dir}/ca-key.pem" -CAcreateserial -days 30 \
    -extfile <(printf 'subjectAltName=DNS:cache.nixos.org\nextendedKeyUsage=serverAuth\n') -out "${dir}/cert.pem" 2>/dev/null
  rm -f "${dir}/cert.csr" "${dir}/ca-key.pem" "${dir}/ca.srl"
  chmod u+w "${cacerts}"
  "${JAVA_HOME}/bin/keytool" -importcert -noprompt -storepass changeit -alias reinstaller-testbed \
    -file "${dir}/ca.pem" -keystore "${cacerts}" >/dev/null
}

# Debian's sshd and SFTP server with the privilege separation user and the testbed's sshd_config:
# root by key only, the ed25519 host key, SFTP, and the images' PATH for commands (busybox applets
# last). The inits start it; host key and root's keys are each stage's own.
add_sshd() {
  local image="$1"
  image_add "${tree}" "${image}" /usr/sbin/sshd /usr/lib/openssh/sftp-server /usr/bin/ssh-keygen
  printf 'sshd:x:100:65534::/run/sshd:/bin/false\n' >>"${image}/etc/passwd"
  printf 'nogroup:x:65534:\n' >>"${image}/etc/group"
  mkdir -p "${image}/etc/ssh"
  cat >"${image}/etc/ssh/sshd_config" <<'CONFIG'
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AuthorizedKeysFile .ssh/authorized_keys
PidFile /run/sshd.pid
Subsystem sftp /usr/lib/openssh/sftp-server
SetEnv PATH=/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/busybox
CONFIG
}

# The installer in IMAGE as the NixOS ramdisk has it: its jar on a jlinked runtime (cached by its
# modules and the JDK), the JDK AOT cache from a training run of the image's own runtime and jar with
# the launcher's flags (the cache keeps the jar's size and time, and so does the cpio), and the
# launcher. AOTMode=on: the installer fails to start, and the scenario with it, when the cache does
# not fit, instead of silently running without.
add_installer() {
  local image="$1" modules jre
  modules="$(jlink_modules "${installer_jar}")"
  jre="${TESTBED_CACHE}/jre/$(echo "${modules} $("${JAVA_HOME}/bin/java" -version 2>&1)" | sha256sum | cut -c1-12)"
  if [[ ! -x "${jre}/bin/java" ]]; then
    rm -rf "${jre}"
    mkdir -p "$(dirname "${jre}")"
    jlink_runtime "${modules}" "${jre}"
  fi
  mkdir -p "${image}/opt/reinstaller/lib" "${image}/usr/bin"
  cp -a "${jre}" "${image}/opt/reinstaller/runtime"
  add_runtime_libs "${image}" "${image}/opt/reinstaller/runtime"
  cp "${installer_jar}" "${image}/opt/reinstaller/lib/reinstaller-installer.jar"
  local flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData)
  "${REPO_ROOT}/scripts/installer-aot-cache" "${image}/opt/reinstaller/runtime/bin/java" \
    "${image}/opt/reinstaller/lib/reinstaller-installer.jar" "${image}/opt/reinstaller/lib/reinstaller-installer.aot" \
    "${flags[@]}"
  cat >"${image}/usr/bin/reinstaller-installer" <<LAUNCHER
#!/bin/sh
exec /opt/reinstaller/runtime/bin/java ${flags[*]} \\
  -XX:AOTCache=/opt/reinstaller/lib/reinstaller-installer.aot -XX:AOTMode=on \\
  -jar /opt/reinstaller/lib/reinstaller-installer.jar "\$@"
LAUNCHER
  chmod 755 "${image}/usr/bin/reinstaller-installer"
}

pack() { # pack DIR FILE: newc cpio, zstd
  (cd "$1" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | zstd -q -T0 -9 -o "$2"
}

log "stage 2: the ramdisk"
r="${work}/ramdisk"
add_busybox "${r}"
add_udev "${r}"
image_add "${tree}" "${r}" /sbin/zpool /sbin/zfs /sbin/zdb /sbin/mount.zfs /sbin/wipefs /sbin/blkdiscard /sbin/sgdisk \
  /sbin/mkfs.fat /bin/mount /bin/umount /usr/bin/ssh-keygen /bin/ip
ln -sf mkfs.fat "${r}/sbin/mkfs.vfat"
add_sshd "${r}"
image_add_modules "${modtree}" "${r}" "${kver}" virtio_pci virtio_scsi sd_mod virtio_net virtio_blk virtio_rng \
  zfs vfat nls_cp437 nls_ascii nls_iso8859-1 nls_utf8 softdog qemu_fw_cfg dm_mod md_mod raid1
# Like the NixOS ramdisk (boot.swraid off), it has no mdadm and no lvm2, so none of their udev rules.
rm -f "${r}"/lib/udev/rules.d/*-md-*.rules "${r}"/lib/udev/rules.d/*-lvm*.rules

add_installer "${r}"
for program in systemctl nixos-install testbed-hooks testbed-verify; do
  cp "${TESTBED_DIR}/guest/${program}.sh" "${r}/usr/bin/${program}"
done
write_flake_inputs "${r}/etc/reinstaller/inputs.json"
make_cache_tls "${out}/binary-cache" "${r}/opt/reinstaller/runtime/lib/security/cacerts"
cp "${TESTBED_DIR}/guest/ramdisk-init.sh" "${r}/init"
mkdir -p "${r}/etc/testbed" "${r}/etc/ssh"
echo "${STAGE2_PHASES}" >"${r}/etc/testbed/phases"
echo "${STAGE2_PHASES}" >"${out}/phases"

cp "${tree}/boot/vmlinuz-${kver}" "${out}/vmlinuz"
# make_bundle ROOT DIR WORKING_SET: the bundle of stage-2 tree ROOT in DIR (kernel, initrd, manifest),
# as the Nix build makes it.
make_bundle() {
  local root="$1" dir="$2" working_set="$3" unpacked
  mkdir -p "${dir}"
  cp "${out}/vmlinuz" "${dir}/bzImage"
  pack "${root}" "${dir}/initrd.zst"
  unpacked="$(du -sb "${root}" | cut -f1)"
  cat >"${dir}/manifest.json" <<JSON
{
  "schemaVersion": 1,
  "arch": "x86_64",
  "kernel": "bzImage",
  "initrd": "initrd.zst",
  "bootParameters": "${BOOT_PARAMETERS}",
  "initrdUnpackedBytes": ${unpacked},
  "workingSetBytes": ${working_set},
  "files": {
    $(manifest_file "${dir}" bzImage),
    $(manifest_file "${dir}" initrd.zst)
  }
}
JSON
  log "stage 2 ($(basename "${dir}")): $(stat -c %s "${dir}/initrd.zst") bytes compressed, ${unpacked} unpacked"
}
manifest_file() { printf '"%s": {"sha256": "%s", "size": %s}' "$2" "$(sha256sum "$1/$2" | cut -d' ' -f1)" "$(stat -c %s "$1/$2")"; }
make_bundle "${r}" "${out}/bundle" "${WORKING_SET_BYTES}"

# The same ramdisk with Nix, as the NixOS ramdisk has it, for the closure source (the cli scenario):
# the operator's `nix copy` over ssh-ng runs nix-daemon --stdio here (its store the new pool's,
# local?root=/mnt), and the install phase asks nix-store --store /mnt --check-validity. No builds,
# so no build users. A bundle of its own: Debian's Nix brings ~60 MB of libraries (30 MB of it ICU
# data, through libxml2), which the other scenarios need not carry.
rn="${work}/ramdisk-nix"
cp -a "${r}" "${rn}"
image_add "${tree}" "${rn}" /usr/bin/nix
ln -sf nix "${rn}/usr/bin/nix-store"
ln -sf nix "${rn}/usr/bin/nix-daemon"
mkdir -p "${rn}/etc/nix"
printf 'build-users-group =\nsandbox = false\n' >"${rn}/etc/nix/nix.conf"
make_bundle "${rn}" "${out}/bundle-nix" "${WORKING_SET_BYTES_NIX}"
rm -rf "${rn}"

log "stage 1: the old host"
b="${work}/boot"
add_busybox "${b}"
image_add_modules "${modtree}" "${b}" "${kver}" virtio_pci virtio_scsi sd_mod
cp "${TESTBED_DIR}/guest/boot-init.sh" "${b}/init"
pack "${b}" "${out}/boot.cpio.zst"

o="${out}/oldroot"
add_busybox "${o}"
add_udev "${o}"
image_add "${tree}" "${o}" /bin/ip /bin/lsblk /sbin/kexec /sbin/lvm /sbin/dmsetup /sbin/mdadm
add_sshd "${o}"
image_add_modules "${modtree}" "${o}" "${kver}" virtio_pci virtio_scsi sd_mod virtio_net virtio_blk virtio_rng dm_mod md_mod raid1
mkdir -p "${o}/opt" "${o}/sbin"
cp -a "${agent_dist}" "${o}/opt/reinstaller-agent"
add_runtime_libs "${o}" "${o}/opt/reinstaller-agent/runtime"
cp -a "${out}/bundle" "${o}/opt/bundle"
cp "${TESTBED_DIR}/guest/old-host-init.sh" "${o}/sbin/testbed-init"

rm -rf "${work}"
touch "${out}/.complete"
echo "${out}"
