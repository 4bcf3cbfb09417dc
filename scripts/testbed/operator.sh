#!/usr/bin/env bash
# The operator of the cli and cli-ssh scenarios, run by netns-run.sh beside QEMU in the run's network
# namespace. cli starts the fake Hetzner API (hetzner-api.py) on 127.0.0.1:8080; both wait until the
# old host's sshd listens (its console line), then run the jlinked operator CLI
# (scripts/build-cloud-dist) as an operator would:
#   cli:     HCLOUD_TOKEN=… HCLOUD_ENDPOINT=http://127.0.0.1:8080/v1 reinstaller hetzner reinstall
#              --server NAME …
#   cli-ssh: reinstaller ssh reinstall --host 203.0.113.10 --disk-only-confirmation …
# and then the same: --ssh-key … --known-hosts … --disk-key-file … --agent … --bundle … --closure …
# --no-unlock --json.
# --no-unlock: the CLI stops when the installer reboots into the new system, since the installed
# NixOS cannot boot here (nixos-install is a stand-in), so there is no initrd on 2222 to unlock and no
# installed host on 22 to verify.
# Leaves in RUNDIR: cli.stdout (JSON lines), cli.stderr, cli.rc, cli-result.json, cli.argv and
# cli.environ (what the CLI's JVM was started with, from /proc; the run keeps only the environment's
# names once it checked it for the disk key), hetzner-api.log.
set -euo pipefail
# shellcheck source=scripts/testbed/lib.sh
source "$(dirname "$0")/lib.sh"

expect_args 1 "usage: scripts/testbed/operator.sh RUNDIR    (netns-run.sh starts it for cli and cli-ssh)" "$@"
run="$1"
scenario="$(cat "${run}/operator-scenario")"
cli="${REPO_ROOT}/cloud/target/dist/reinstaller/reinstaller"
port=8080
name="$(cat "${run}/metadata/hostname")"

api=""
started=""
stop() {
  [[ -n "${started}" ]] && kill "${started}" 2>/dev/null
  [[ -n "${api}" ]] && kill "${api}" 2>/dev/null
  return 0
}
trap stop EXIT
trap 'stop; exit 143' TERM

if [[ "${scenario}" == cli ]]; then
  python3 "${TESTBED_DIR}/hetzner-api.py" "${port}" "${run}/hcloud-token" "${run}/hetzner-api.log" "${name}" \
    "$(cat "${run}/metadata/instance-id")" 203.0.113.10 2001:db8:1234::/64 &
  api=$!
fi

# Deadline-bound waits: one line of the console, a TCP port in this namespace.
wait_for() { # wait_for SECONDS WHAT COMMAND...
  local until=$((SECONDS + $1)) what="$2"
  shift 2
  until "$@"; do
    ((SECONDS < until)) || die "${what}: not within the deadline"
    sleep 0.5
  done
}
if [[ -n "${api}" ]]; then
  wait_for 30 "the fake Hetzner API on 127.0.0.1:${port}" bash -c "exec 2>/dev/null 3<>/dev/tcp/127.0.0.1/${port}"
fi
wait_for 300 "the old host's sshd" grep -q '^TESTBED old-host sshd listening' "${run}/console.log"
log "old host's sshd is up; running the CLI"

# How the CLI finds the host: through the API by name (cli), or at its address alone (cli-ssh), where
# the machine has no DMI identity and the operator accepts a token bound to the disk.
# (The token goes in the environment, never in an argv.)
if [[ "${scenario}" == cli ]]; then
  HCLOUD_TOKEN="$(cat "${run}/hcloud-token")"
  export HCLOUD_TOKEN HCLOUD_ENDPOINT="http://127.0.0.1:${port}/v1"
  find=(hetzner reinstall --server "${name}")
else
  unset HCLOUD_TOKEN HCLOUD_ENDPOINT
  find=(ssh reinstall --host 203.0.113.10 --disk-only-confirmation)
fi
# The closure comes from the run's own Nix store (NIX_CONFIG), as an operator's comes from theirs.
NIX_CONFIG=$'store = local?root='"${run}/nix-root"$'\nbuild-users-group =' \
  timeout --kill-after=10 900 "${cli}" "${find[@]}" \
  --ssh-key "${run}/operator_key" --known-hosts "${run}/known_hosts" --disk-key-file "${run}/disk-key" \
  --agent "${REPO_ROOT}/agent/target/dist/reinstaller-agent" --bundle "${run}/bundle" \
  --closure "$(cat "${run}/closure-path")" \
  --ramdisk-timeout 300 --install-timeout 600 --no-unlock --json --result-file "${run}/cli-result.json" \
  >"${run}/cli.stdout" 2>"${run}/cli.stderr" &
started=$!

# What the JVM was started with: the launcher execs java, the child of timeout.
jvm_started() {
  local child
  child="$(awk '{print $1}' "/proc/${started}/task/${started}/children" 2>/dev/null)"
  [[ -n "${child}" && "$(readlink "/proc/${child}/exe")" == */java ]] || return 1
  tr '\0' '\n' <"/proc/${child}/cmdline" >"${run}/cli.argv"
  (umask 077 && tr '\0' '\n' <"/proc/${child}/environ" >"${run}/cli.environ")
}
wait_for 30 "the CLI's JVM" jvm_started
status=0
wait "${started}" || status=$?
started=""
echo "${status}" >"${run}/cli.rc"
log "the CLI exited ${status}"
