"""Finds a secret in files: verbatim, as base64 (at any of the three alignments within a longer
base64 stream) and as hex (either case). Reads only the data regions of sparse files, so a 3 GB
disk image with a few hundred MB written takes seconds.

Usage: find-secret.py [--known FILE] SECRET_FILE PATH...
Prints one line per hit, "PATH OFFSET FORM", and exits 0 when there is none, 1 otherwise. With
--known, the hits FILE lists (what an earlier run printed, such as the scan of a disk before boot)
are expected: they are neither printed nor counted.
"""

import argparse
import base64
import os
import sys

CHUNK = 16 * 1024 * 1024


def forms(secret):
    found = {"verbatim": secret, "hex": secret.hex().encode(), "HEX": secret.hex().upper().encode()}
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + secret)
        # Characters that depend on the bytes before or after the secret are left out.
        core = encoded[4 if shift else 0:]
        tail = (shift + len(secret)) % 3
        core = core[:-4] if tail else core
        found[f"base64+{shift}"] = core.rstrip(b"=")
    return {name: pattern for name, pattern in found.items() if len(pattern) >= 8}


def data_regions(f, size):
    fd = f.fileno()
    at = 0
    while at < size:
        try:
            start = os.lseek(fd, at, os.SEEK_DATA)
        except OSError:
            return
        end = os.lseek(fd, start, os.SEEK_HOLE)
        yield start, end
        at = end


def scan(path, patterns):
    longest = max(len(p) for p in patterns.values())
    hits = set()
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        for start, end in data_regions(f, size):
            at = start
            while at < end:
                f.seek(at)
                block = f.read(min(CHUNK + longest, end - at))
                for name, pattern in patterns.items():
                    i = block.find(pattern)
                    while i >= 0:
                        hits.add((at + i, name))
                        i = block.find(pattern, i + 1)
                at += CHUNK
    return sorted(hits)


def main(argv, out=sys.stdout):
    parser = argparse.ArgumentParser(prog="find-secret.py")
    parser.add_argument("--known", help="a file of hits that are expected, one \"PATH OFFSET FORM\" a line")
    parser.add_argument("secret_file")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    with open(args.secret_file, "rb") as f:
        secret = f.read().strip()
    known = set()
    if args.known:
        with open(args.known) as f:
            known = {line.strip() for line in f if line.strip()}
    patterns = forms(secret)
    leaked = False
    for path in args.paths:
        for offset, name in scan(path, patterns):
            hit = f"{path} {offset} {name}"
            if hit not in known:
                print(hit, file=out)
                leaked = True
    return 1 if leaked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
