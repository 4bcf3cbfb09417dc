#!/usr/bin/env bash
# Looks at the pool an install left on a testbed data disk, from the host and without the ZFS
# kernel module: copies the ZFS partition out of the disk image and runs the archive's zdb on it.
# Checks that rpool holds every dataset of the layout, that its datasets are encrypted and that it
# was exported. With --label it only dumps the partition's ZFS labels (zdb -l, no import) to
# RUNDIR/zdb-label.txt, for a pool that may be half made; the full check writes that file too.
set -euo pipefail
# shellcheck source=scripts/testbed/lib.sh
source "$(dirname "$0")/lib.sh"

label_only=false
if [[ "${1:-}" == --label ]]; then
  label_only=true
  shift
fi
expect_args 3 "usage: scripts/testbed/inspect-pool.sh [--label] TREE DISK_IMAGE RUNDIR    (run by scripts/testbed/run)" "$@"
tree="$1/root"
disk="$2"
run="$3"

table="$(sfdisk -J "${disk}")"
parts="$(python3 -c 'import json,sys; t=json.load(sys.stdin)["partitiontable"]; print(len(t["partitions"])); [print(p["start"], p["size"], p.get("name","")) for p in t["partitions"]]' <<<"${table}")"
${label_only} || echo "${parts}" | sed 1d | sed 's/^/    partition: /' >&2
[[ "$(head -n1 <<<"${parts}")" == 3 ]] || die "the disk has $(head -n1 <<<"${parts}") partitions, expected bios, ESP and zfs"
read -r start size name < <(sed -n 4p <<<"${parts}")
[[ "${name}" == zfs ]] || die "partition 3 is named '${name}', expected zfs"
mkdir -p "${run}/zfs-vdev"
dd if="${disk}" of="${run}/zfs-vdev/part3" bs=1M iflag=skip_bytes,count_bytes skip=$((start * 512)) count=$((size * 512)) conv=sparse status=none
libs="${tree}/lib/x86_64-linux-gnu:${tree}/usr/lib/x86_64-linux-gnu"
LD_LIBRARY_PATH="${libs}" "${tree}/sbin/zdb" -l "${run}/zfs-vdev/part3" >"${run}/zdb-label.txt" 2>&1 || true
if ${label_only}; then
  rm -rf "${run}/zfs-vdev"
  grep -q '^ *pool_guid: ' "${run}/zdb-label.txt" || die "no ZFS label on partition 3 ($(head -n 2 "${run}/zdb-label.txt" | tr '\n' ' '))"
  exit 0
fi
LD_LIBRARY_PATH="${libs}" "${tree}/sbin/zdb" -e -p "${run}/zfs-vdev" -d rpool >"${run}/zdb-datasets.txt" 2>&1 \
  || die "zdb -d failed: $(tail -n 3 "${run}/zdb-datasets.txt")"
LD_LIBRARY_PATH="${libs}" "${tree}/sbin/zdb" -e -p "${run}/zfs-vdev" -C rpool >"${run}/zdb-config.txt" 2>&1 || true
rm -rf "${run}/zfs-vdev"

missing=()
for dataset in rpool/local/root rpool/local/nix rpool/safe/home rpool/safe/persist rpool/reserved "rpool/local/root@blank"; do
  grep -q "Dataset ${dataset} " "${run}/zdb-datasets.txt" || missing+=("${dataset}")
done
grep -E '^Dataset rpool|encryption feature' "${run}/zdb-datasets.txt" | sed 's/^/    zdb: /' >&2
((${#missing[@]} == 0)) || die "datasets missing from rpool: ${missing[*]}"
grep -qE 'Verified encryption feature refcount of [1-9]' "${run}/zdb-datasets.txt" \
  || die "zdb shows no encrypted dataset in rpool (see ${run}/zdb-datasets.txt)"
grep -qE '^ +state: 1$' "${run}/zdb-config.txt" \
  || die "rpool was not exported (zdb -C shows $(grep -E '^ +state:' "${run}/zdb-config.txt" || echo 'no state'))"
log "pool: rpool (guid $(awk '$1 == "pool_guid:" {print $2; exit}' "${run}/zdb-label.txt"), host id $(printf '%08x' "$(awk '$1 == "hostid:" {print $2; exit}' "${run}/zdb-label.txt")")) with all datasets and encryption, exported cleanly"
