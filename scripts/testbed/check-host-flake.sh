#!/usr/bin/env bash
# Evaluates the host flake the installer wrote (flake.nix, flake.lock, runtime-info.json in DIR) as
# `nixos-rebuild` would, through nixpkgs's real module system over NixOS's option declarations
# (kexec-bundle/nix/tests/host-flake.nix), with rollbackRoot off as written and once more turned
# on, and checks the resulting config against runtime-info.json: one nixosConfigurations.HOST, every
# NIC's networkd unit matched by its MAC (stage 2 and initrd), the initrd's sshd on 2222 with its
# forced command, the pool's import waiting for the key, /etc/nixos and the registry entry
# `installed` pointing at /persist/etc/nixos, and the rollback unit when on.
#   scripts/testbed/check-host-flake.sh DIR HOST
# Prints one line per check; exits 1 when any failed.
set -euo pipefail

[[ $# -eq 2 ]] || { echo "usage: $0 DIR HOST" >&2; exit 2; }
dir="$1" host="$2"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
tests="${repo}/kexec-bundle/nix/tests"
lib="$("${tests}/nixpkgs-lib" "${repo}/kexec-bundle/target/nixpkgs-lib")"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

evaluate() {
  NIX_CONFIG="build-users-group =" NIX_PATH="" timeout 120 nix-instantiate --store dummy:// \
    --eval --strict --json "${tests}/host-flake.nix" --arg dir "$1" --arg nixpkgsLib "${lib}" >"$2" \
    || { echo "    host flake: $1 does not evaluate (see above)" >&2; return 1; }
}

evaluate "${dir}" "${work}/as-written.json"
cp -a "${dir}" "${work}/rollback"
grep -q 'modules = \[' "${work}/rollback/flake.nix" \
  || { echo "    host flake: flake.nix has no modules list to turn rollbackRoot on in" >&2; exit 1; }
sed -i '0,/modules = \[/s//modules = [ { reinstaller.rollbackRoot.enable = true; }/' "${work}/rollback/flake.nix"
evaluate "${work}/rollback" "${work}/rollback.json"

python3 - "${work}/as-written.json" "${work}/rollback.json" "${dir}/runtime-info.json" "${host}" <<'PY'
import json, sys

written, rollback, info = (json.load(open(p)) for p in sys.argv[1:4])
host = sys.argv[4]
failed = False


def check(ok, what, detail=""):
    global failed
    failed |= not ok
    print(f"    host flake: {'ok  ' if ok else 'FAIL'} {what}" + ("" if ok else f" ({detail})"), file=sys.stderr)


for name, result in (("as written", written), ("with rollbackRoot", rollback)):
    configs = result["configurations"]
    check(list(configs) == [host], f"{name}: one nixosConfigurations.{host}", list(configs))
    if host not in configs:
        continue
    c = configs[host]["config"]
    check(c["networking"]["hostName"] == host, f"{name}: networking.hostName is {host}", c["networking"]["hostName"])
    for scope, networks in (("stage 2", c["systemd"]["network"]["networks"]),
                            ("initrd", c["boot"]["initrd"]["systemd"]["network"]["networks"])):
        macs = sorted(n["matchConfig"].get("MACAddress") for n in networks.values())
        want = sorted(n["mac"] for n in info["nics"])
        check(macs == want, f"{name}: {scope} networkd units match the NICs by MAC {want}", macs)
    ssh = c["boot"]["initrd"]["network"]["ssh"]
    check(ssh["enable"] and ssh["port"] == 2222 and ssh["extraConfig"].startswith("ForceCommand /nix/store/"),
          f"{name}: the initrd's sshd listens on 2222 with the unlock command forced", ssh["port"])
    post = c["boot"]["initrd"]["systemd"]["services"].get("zfs-import-rpool", {}).get("serviceConfig", {})
    check(any(p.endswith("-reinstaller-wait-for-key") for p in post.get("ExecStartPost", [])),
          f"{name}: zfs-import-rpool waits for the pool's key", post)
    registry = c["nix"]["registry"].get("installed", {}).get("to", {})
    check(registry.get("path") == "/persist/etc/nixos", f"{name}: registry entry installed is /persist/etc/nixos", registry)
    etc = c["environment"]["etc"].get("nixos", {}).get("source")
    check(etc == "/persist/etc/nixos", f"{name}: /etc/nixos links to /persist/etc/nixos", etc)
    unit = c["boot"]["initrd"]["systemd"]["services"].get("reinstaller-rollback-root")
    if name == "as written":
        check(unit is None, f"{name}: no rollback of / (rollbackRoot is off by default)")
    else:
        check(unit is not None and unit["after"] == ["zfs-import-rpool.service"] and unit["before"] == ["sysroot.mount"],
              f"{name}: rolls rpool/local/root back after zfs-import-rpool, before sysroot.mount", unit)
sys.exit(1 if failed else 0)
PY
