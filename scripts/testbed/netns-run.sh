#!/usr/bin/env bash
# Runs inside a private network namespace (scripts/testbed/run starts it with `unshare -n`) and plays
# Hetzner's side of the network on a tap device: gateway 172.31.1.1 on-link and fe80::1, routes to
# the guest's 203.0.113.10/32 and 2001:db8:1234::/64, the metadata service on 169.254.169.254:80
# (reachable on the link from a guest's link-local 169.254.0.0/16 address, as on Hetzner),
# Hetzner's resolvers (resolver.py: knows the names in RUNDIR/dns-names, cache.nixos.org among them)
# and the binary cache those names point at (binary-cache.py, HTTPS on 198.51.100.80 and
# 2001:db8:ffff::80), all on lo. Then runs the given command (QEMU) and stops the fakes when it
# ends. With --alongside PROGRAM, PROGRAM RUNDIR runs beside the command in the same namespace (the
# operator of the cli scenario); once the command ended it gets ALONGSIDE_GRACE seconds (60) to
# finish before it is stopped. Nothing here reaches outside the namespace: it has no other interface.
set -euo pipefail

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" || $# -lt 3 ]]; then
  echo "usage: unshare -n scripts/testbed/netns-run.sh RUNDIR [--alongside PROGRAM] -- COMMAND...    (run by scripts/testbed/run)"
  exit 2
fi
run="$1"
alongside=""
if [[ "$2" == --alongside ]]; then
  alongside="$3"
  shift 2
fi
shift 2

ip link set lo up
for address in 169.254.169.254/32 185.12.64.1/32 185.12.64.2/32 198.51.100.80/32; do
  ip addr add "${address}" dev lo
done
for address in 2a01:4ff:ff00::add:1/128 2a01:4ff:ff00::add:2/128 2001:db8:ffff::1/128 2001:db8:ffff::80/128; do
  ip -6 addr add "${address}" dev lo nodad
done
ip tuntap add dev tap0 mode tap
ip link set tap0 up
ip addr add 172.31.1.1/32 dev tap0
ip -6 addr add fe80::1/64 dev tap0 nodad
ip route add 203.0.113.10/32 dev tap0
ip -6 route add 2001:db8:1234::/64 dev tap0
ip route add 169.254.0.0/16 dev tap0

fakes=()
python3 "$(dirname "$0")/metadata.py" "${run}/metadata" >"${run}/metadata.log" 2>&1 &
fakes+=($!)
python3 "$(dirname "$0")/resolver.py" "${run}/dns-names" 185.12.64.1 185.12.64.2 \
  2a01:4ff:ff00::add:1 2a01:4ff:ff00::add:2 >"${run}/resolver.log" 2>&1 &
fakes+=($!)
python3 "$(dirname "$0")/binary-cache.py" "${run}/binary-cache/cert.pem" "${run}/binary-cache/key.pem" \
  198.51.100.80 2001:db8:ffff::80 >"${run}/binary-cache.log" 2>&1 &
fakes+=($!)
if [[ -n "${alongside}" ]]; then
  "${alongside}" "${run}" >"${run}/alongside.log" 2>&1 &
  beside=$!
fi
status=0
"$@" || status=$?
if [[ -n "${alongside}" ]]; then
  for _ in $(seq 1 $((${ALONGSIDE_GRACE:-60} * 10))); do
    kill -0 "${beside}" 2>/dev/null || break
    sleep 0.1
  done
  kill "${beside}" 2>/dev/null || true
  wait "${beside}" 2>/dev/null || true
fi
kill "${fakes[@]}" 2>/dev/null || true
wait "${fakes[@]}" 2>/dev/null || true
exit "${status}"
