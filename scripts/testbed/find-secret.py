"""Finds a secret in files: verbatim, as base64 (at any of the three alignments within a longer
base64 stream) and as hex (either case). Reads only the data regions of sparse files, so a 3 GB
disk image with a few hundred MB written takes seconds.

Usage: find-secret.py SECRET_FILE PATH...
Prints one line per hit, "PATH OFFSET FORM", and exits 0 when there is none, 1 otherwise.
"""

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


def main():
    with open(sys.argv[1], "rb") as f:
        secret = f.read().strip()
    patterns = forms(secret)
    leaked = False
    for path in sys.argv[2:]:
        for offset, name in scan(path, patterns):
            print(f"{path} {offset} {name}")
            leaked = True
    return 1 if leaked else 0


sys.exit(main())
