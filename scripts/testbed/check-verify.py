"""Compares what the verify boot found on the installed pool (guest/testbed-verify.sh's records) with
what the install reported and was sent:
- the pool is the one zdb saw on the disk (guid), ONLINE, with the encryption feature active;
- every dataset of the layout (and local/root@blank) is there, every file system aes-256-gcm with its
  key loaded by the disk key;
- /persist/etc/ssh is 0700 and holds both host keys, 0600, each private key deriving its public
  one, with the fingerprints of the install's host-keys event;
- the install manifest: its runtime info equals the runtime info the installer was sent (decoded
  from stage 2's command line), its disk is the target disk, its host keys are the event's, and it
  lists the phases before finalize in order;
- when the flake phase ran: /persist/etc/nixos holds flake.nix, a flake.lock (JSON, version 7, a root node)
  and a runtime-info.json naming the sent host.

Usage: check-verify.py VERIFY_DIR SUMMARY_JSON SENT_JSON PHASES POOL_GUID
  VERIFY_DIR   the verify boot's results, unpacked
  SUMMARY_JSON monitor.py's summary of the install boot (its events)
  SENT_JSON    `reinstaller-agent decode --json` of stage 2's command line
  PHASES       the ramdisk's phases, comma-separated
  POOL_GUID    the pool guid zdb read from the disk's labels
Prints one line per check and exits 1 when any failed.
"""

import json
import pathlib
import sys

VERIFY, SUMMARY, SENT, PHASES, GUID = sys.argv[1:6]
verify = pathlib.Path(VERIFY)
DATASETS = ("rpool", "rpool/local", "rpool/local/root", "rpool/local/nix", "rpool/safe", "rpool/safe/home",
            "rpool/safe/persist", "rpool/reserved")
failures = []


def check(ok, what, detail=""):
    print(f"    verify: {'ok  ' if ok else 'FAIL'} {what}{': ' + detail if detail and not ok else ''}",
          file=sys.stderr)
    if not ok:
        failures.append(what)


def read(name):
    path = verify / name
    return path.read_text() if path.is_file() else None


def pool():
    props = dict(line.split("\t", 1) for line in (read("pool.txt") or "").splitlines() if "\t" in line)
    check(props.get("guid") == GUID, f"the imported pool is the one on the disk (guid {GUID})",
          f"imported guid {props.get('guid')}")
    check(props.get("health") == "ONLINE", "rpool is ONLINE", f"health {props.get('health')}")
    check(props.get("feature@encryption") == "active", "the encryption feature is active",
          f"{props.get('feature@encryption')}")


def datasets():
    rows = [line.split("\t") for line in (read("datasets.txt") or "").splitlines()]
    names = {row[0] for row in rows}
    missing = [d for d in DATASETS + ("rpool/local/root@blank",) if d not in names]
    check(not missing, "every dataset of the layout is there", f"missing {missing}")
    bad = [row for row in rows if "@" not in row[0] and (row[1] != "aes-256-gcm" or row[2] != "available")]
    check(not bad, "every file system is aes-256-gcm with its key loaded", f"{bad}")


def host_keys(events):
    reported = {}
    for event in events:
        if event.get("type") == "host-keys":
            reported = {k["purpose"]: k["sha256"] for k in event.get("keys", [])}
    check(set(reported) == {"ssh", "initrd"}, "the install reported the ssh and initrd host keys", f"{reported}")
    found = {}
    for line in (read("host-keys.txt") or "").splitlines():
        purpose, mode, sha256, pairs = line.split()
        found[purpose] = sha256
        check(mode == "600" and pairs == "yes",
              f"the {purpose} host key is 0600 and its private key derives the public one",
              f"mode {mode}, pairs {pairs}")
    check(found == reported, "the host keys in /persist are the ones the install reported",
          f"on the pool {found}, reported {reported}")
    listing = read("persist.txt") or ""
    ssh_dir = [line for line in listing.splitlines() if line.endswith(" ssh") and line.startswith("d")]
    check(bool(ssh_dir) and ssh_dir[0].startswith("drwx------"), "/persist/etc/ssh is 0700", f"{ssh_dir}")
    return reported


def manifest(sent, reported, phases):
    text = read("manifest.json")
    check(text is not None, "/persist/reinstaller/install-manifest.json exists")
    if text is None:
        return
    m = json.loads(text)
    info = sent["runtimeInfo"]
    check(m.get("runtimeInfo") == info, "the manifest's runtime info equals the runtime info sent",
          f"manifest {json.dumps(m.get('runtimeInfo'), sort_keys=True)[:300]}...,"
          f" sent {json.dumps(info, sort_keys=True)[:300]}...")
    target = info["disks"][0]
    check(m.get("disk", {}).get("serial") == target["serial"]
          and m.get("disk", {}).get("sizeBytes") == target["sizeBytes"],
          "the manifest names the target disk", f"{m.get('disk')}")
    keys = {k["purpose"]: k["sha256"] for k in m.get("hostKeys", [])}
    check(keys == reported, "the manifest's host keys are the reported ones", f"{keys}")
    done = [p["phase"] for p in m.get("phases", [])]
    expected = phases[: phases.index("finalize")]
    check(done == expected, "the manifest lists the phases before finalize in order", f"{done}, expected {expected}")


def flake(sent, phases):
    if "flake" not in phases:
        print("    verify: (the flake phase did not run: /persist/etc/nixos not checked)", file=sys.stderr)
        return
    check((verify / "nixos" / "flake.nix").is_file(), "/persist/etc/nixos/flake.nix exists")
    try:
        lock = json.loads(read("nixos/flake.lock") or "null")
        check(isinstance(lock, dict) and lock.get("version") == 7 and lock.get("root") in lock.get("nodes", {}),
              "/persist/etc/nixos/flake.lock is a version 7 lock with a root node")
    except json.JSONDecodeError as e:
        check(False, "/persist/etc/nixos/flake.lock is JSON", str(e))
    try:
        info = json.loads(read("nixos/runtime-info.json") or "null")
        check(isinstance(info, dict) and info.get("hostName") == sent["runtimeInfo"]["hostName"],
              "/persist/etc/nixos/runtime-info.json names the sent host")
    except json.JSONDecodeError as e:
        check(False, "/persist/etc/nixos/runtime-info.json is JSON", str(e))


def main():
    with open(SUMMARY) as f:
        events = json.load(f)["events"]
    with open(SENT) as f:
        sent = json.load(f)
    phases = [p for p in PHASES.split(",") if p != "reboot"]
    pool()
    datasets()
    reported = host_keys(events)
    manifest(sent, reported, phases)
    flake(sent, phases)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
