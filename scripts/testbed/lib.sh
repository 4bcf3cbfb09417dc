# shellcheck shell=bash
# Helpers shared by the testbed scripts. Source it; do not run it.
#
# Everything the testbed fetches or builds lives in a cache outside the work tree, keyed by what it
# depends on: $TESTBED_CACHE/apt (a private apt state with contrib added, so the host's sources are
# never changed), $TESTBED_CACHE/debs/<KVER> (unpacked Debian packages), $TESTBED_CACHE/zfs/<key>
# (ZFS modules built for KVER). Runs go to $TESTBED_CACHE/runs/<scenario>-<time>.

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

TESTBED_DIR="${REPO_ROOT}/scripts/testbed"
TESTBED_CACHE="${REINSTALLER_TESTBED_CACHE:-${XDG_CACHE_HOME:-${HOME}/.cache}/reinstaller-testbed}"
export TESTBED_DIR TESTBED_CACHE

# The argument check of a testbed script that takes COUNT arguments: -h or --help prints USAGE and
# exits 0, another number of arguments prints it on stderr and exits 2.
# Usage: expect_args COUNT USAGE "$@"
expect_args() {
  local count="$1" usage="$2"
  shift 2
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    echo "${usage}"
    exit 0
  fi
  if (($# != count)); then
    echo "${usage}" >&2
    exit 2
  fi
}

# Runs the scenarios with RUN (scripts/testbed/run): first RUN --prepare (the builds they share, once),
# then the scenarios, TESTBED_JOBS at a time, each to its end whatever the others do, each one's
# output printed whole when it ends; then a table of where each one's time went (timings.py over
# their run directories). Returns 1 when any failed. Usage: run_all RUN SCENARIO...
run_all() {
  local runner="$1" jobs scenario logs dir failed=() dirs=()
  shift
  # One at a time unless asked: two TCG guests on two cores passed most scenarios, but twice the
  # ramdisk's 30 s check of the binary cache timed out (interrupted, network-restore) under that load.
  jobs="${TESTBED_JOBS:-1}"
  [[ "${jobs}" =~ ^[1-9][0-9]*$ ]] || die "TESTBED_JOBS must be a positive number, got '${jobs}'"
  "${runner}" --prepare || return 1
  logs="$(mktemp -d)"
  log "running $# scenarios, ${jobs} at a time: $*"
  for scenario in "$@"; do
    while (($(jobs -rp | wc -l) >= jobs)); do
      wait -n || true
    done
    (
      rc=0
      "${runner}" "${scenario}" >"${logs}/${scenario}.log" 2>&1 || rc=$?
      echo "${rc}" >"${logs}/${scenario}.rc"
      flock "${logs}" cat "${logs}/${scenario}.log"
    ) &
  done
  wait
  for scenario in "$@"; do
    [[ "$(cat "${logs}/${scenario}.rc" 2>/dev/null)" == 0 ]] || failed+=("${scenario}")
    dir="$(sed -n 's/.*; run directory \(.*\)$/\1/p' "${logs}/${scenario}.log" | tail -n1)"
    [[ -z "${dir}" ]] || dirs+=("${dir}")
  done
  rm -rf "${logs}"
  if ((${#dirs[@]} > 0)); then
    log "where the time went, per scenario (seconds; timings.py RUN_DIR shows one in detail)"
    python3 "${TESTBED_DIR}/timings.py" "${dirs[@]}" || true
  fi
  if ((${#failed[@]} > 0)); then
    log "FAILED: ${failed[*]}"
    return 1
  fi
  log "all $# scenarios PASSED"
}

# apt-get or apt-cache against the private state in $TESTBED_CACHE/apt: the host's archives with the
# contrib component added (zfs-dkms and zfsutils-linux live there). Usage: testbed_apt get|cache ARGS.
testbed_apt() {
  local tool="apt-$1" dir="${TESTBED_CACHE}/apt"
  shift
  "${tool}" \
    -o Dir::State="${dir}/state" \
    -o Dir::State::Lists="${dir}/state/lists" \
    -o Dir::State::status=/var/lib/dpkg/status \
    -o Dir::Cache="${dir}/cache" \
    -o Dir::Etc::SourceList="${dir}/sources.list" \
    -o Dir::Etc::SourceParts=/nonexistent \
    -o APT::Sandbox::User=root \
    -q "$@"
}

# Writes the private sources list from the host's own apt configuration (same archives and suites,
# components main and contrib) and refreshes its indexes when they are older than a day.
testbed_apt_update() {
  local dir="${TESTBED_CACHE}/apt" stamp
  mkdir -p "${dir}/state/lists/partial" "${dir}/cache/archives/partial"
  # shellcheck disable=SC2016 # apt's own placeholders, not shell expansions
  apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 'Created-By: Packages' | sort -u \
    | while read -r uri suite; do
      printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main contrib\n' "${uri}" "${suite}"
    done >"${dir}/sources.list.new"
  [[ -s "${dir}/sources.list.new" ]] || die "the host's apt configuration lists no archives (run apt-get update first)"
  stamp="${dir}/state/updated"
  if ! cmp -s "${dir}/sources.list.new" "${dir}/sources.list" || [[ ! -f "${stamp}" ]] \
    || [[ -n "$(find "${stamp}" -mmin +1440)" ]]; then
    mv "${dir}/sources.list.new" "${dir}/sources.list"
    log "refreshing the testbed's package indexes"
    testbed_apt get update >/dev/null
    touch "${stamp}"
  else
    rm -f "${dir}/sources.list.new"
  fi
}

# The kernel ABI the testbed boots, e.g. 6.1.0-56-cloud-amd64, from the linux-image-cloud-amd64
# metapackage (old ABIs vanish from the archive, so it is never pinned).
testbed_kver() {
  testbed_apt cache depends linux-image-cloud-amd64 \
    | sed -n 's/^ *Depends: linux-image-\([0-9].*-cloud-amd64\)\( .*\)\{0,1\}$/\1/p' | head -n1
}

# The hash of the testbed's scripts, part of every cache key: a changed script rebuilds what it makes.
testbed_scripts_hash() {
  (cd "${TESTBED_DIR}" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-12
}

# Copies files from an unpacked Debian tree into an image root, with the shared libraries each
# binary needs, also taken from the tree (ldd with the tree's library directories first). A library
# that only the host has is an error: the images are made of the archive's packages alone.
# Usage: image_add TREE IMAGE PATH... (absolute paths inside TREE; symlinks are followed).
image_add() {
  local tree="$1" image="$2" path
  shift 2
  local real target
  for path in "$@"; do
    real="${path}"
    while [[ -L "${tree}${real}" ]]; do # links are absolute within the tree, or relative
      target="$(readlink "${tree}${real}")"
      [[ "${target}" == /* ]] && real="${target}" || real="$(dirname "${real}")/${target}"
    done
    [[ -e "${tree}${real}" ]] || die "${path} is not in ${tree}"
    mkdir -p "${image}$(dirname "${path}")"
    cp --preserve=mode "${tree}${real}" "${image}${path}"
    image_add_libs "${tree}" "${image}" "${tree}${real}"
  done
}

# The libraries of FILE (any ELF, also outside TREE, such as a jlinked runtime's), from TREE.
image_add_libs() {
  local tree="$1" image="$2" file="$3" libdirs line lib rel
  [[ "$(head -c4 "${file}" | od -An -c | tr -d ' ')" == 177ELF ]] || return 0
  libdirs="${tree}/lib/x86_64-linux-gnu:${tree}/usr/lib/x86_64-linux-gnu:${tree}/usr/lib/x86_64-linux-gnu/systemd:${tree}/lib/systemd:${tree}/usr/lib/nix"
  if [[ "${file}" != "${tree}"/* ]]; then # a jlinked runtime: its own libraries first
    local own
    own="$(dirname "$(dirname "${file}")")/lib"
    libdirs="${own}:${own}/server:${libdirs}"
  fi
  while read -r line; do
    case "${line}" in
      *"not found"*) die "$(basename "${file}") needs ${line%% *}, which no fetched package provides" ;;
      *"=> /"*) lib="${line#*=> }"; lib="${lib%% (*}" ;;
      /*) lib="${line%% (*}" ;;
      *) continue ;;
    esac
    if [[ "${lib}" == "${tree}"/* ]]; then
      rel="${lib#"${tree}"}"
    elif [[ "${lib}" == /lib64/ld-linux-x86-64.so.2 ]]; then
      rel="${lib}"
    elif [[ "${file}" != "${tree}"/* && "${lib}" == "$(dirname "$(dirname "${file}")")"/* ]]; then
      continue # the runtime's own libraries, found through $ORIGIN
    else
      die "$(basename "${file}") needs ${lib}, which only the host has"
    fi
    if [[ ! -e "${image}${rel}" ]]; then
      mkdir -p "${image}$(dirname "${rel}")"
      cp -L --preserve=mode "${tree}${rel}" "${image}${rel}"
    fi
  done < <(LD_LIBRARY_PATH="${libdirs}" ldd "${file}" 2>/dev/null)
}

# Kernel modules and what they depend on, copied from TREE (a tree with modules.dep) into IMAGE,
# then depmod there. Usage: image_add_modules TREE IMAGE KVER MODULE...
image_add_modules() {
  local tree="$1" image="$2" kver="$3" line ko
  shift 3
  mkdir -p "${image}/lib/modules/${kver}"
  while read -r line; do
    [[ "${line}" == insmod\ * ]] || continue
    ko="$(awk '{print $2}' <<<"${line}")"
    mkdir -p "${image}$(dirname "${ko#"${tree}"}")"
    cp "${ko}" "${image}${ko#"${tree}"}"
  done < <(modprobe -d "${tree}" -S "${kver}" --show-depends -a "$@")
  cp "${tree}/lib/modules/${kver}/modules.order" "${tree}/lib/modules/${kver}/modules.builtin"* "${image}/lib/modules/${kver}/"
  depmod -b "${image}" "${kver}"
}
