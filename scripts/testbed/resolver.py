"""A fake recursive resolver for the testbed, bound to Hetzner's resolver addresses inside the run's
network namespace (UDP port 53). It knows the names of one file, one "NAME ADDRESS" per line (IPv4
answers A questions, IPv6 AAAA), answers NXDOMAIN for every other name, and logs each question.
Enough DNS for the C library's resolver: one question per query, no compression in questions."""

import ipaddress
import pathlib
import socket
import struct
import sys
import threading

NAMES = {}
for line in pathlib.Path(sys.argv[1]).read_text().splitlines():
    if line.strip():
        name, address = line.split()
        NAMES.setdefault(name.lower().rstrip("."), []).append(ipaddress.ip_address(address))
LISTEN = sys.argv[2:]
TYPE_A, TYPE_AAAA, CLASS_IN = 1, 28, 1


def question(packet):
    """The first question's name, type and class, and where the question section ends."""
    labels, at = [], 12
    while packet[at]:
        length = packet[at]
        labels.append(packet[at + 1 : at + 1 + length].decode("ascii", "replace"))
        at += 1 + length
    qtype, qclass = struct.unpack("!HH", packet[at + 1 : at + 5])
    return ".".join(labels).lower(), qtype, qclass, at + 5


def answer(packet):
    ident, flags, qdcount = struct.unpack("!HHH", packet[:6])
    if qdcount != 1:
        return struct.pack("!HHHHHH", ident, 0x8001 | (flags & 0x0100), 0, 0, 0, 0)  # FORMERR
    name, qtype, qclass, end = question(packet)
    known = NAMES.get(name)
    wanted = {TYPE_A: 4, TYPE_AAAA: 6}.get(qtype)
    records = [a for a in known or [] if a.version == wanted and qclass == CLASS_IN]
    rcode = 0 if known else 3  # NXDOMAIN for names it does not know
    header = struct.pack("!HHHHHH", ident, 0x8400 | (flags & 0x0100) | 0x0080 | rcode, 1, len(records), 0, 0)
    body = b"".join(
        struct.pack("!HHHIH", 0xC00C, qtype, CLASS_IN, 60, len(a.packed)) + a.packed for a in records
    )
    print(f"{name} type {qtype}: {[str(a) for a in records] or ('NXDOMAIN' if rcode else 'no data')}", flush=True)
    return header + packet[12:end] + body


def serve(address):
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_DGRAM)
    sock.bind((address, 53))
    while True:
        packet, peer = sock.recvfrom(512)
        try:
            sock.sendto(answer(packet), peer)
        except (IndexError, struct.error, UnicodeError) as e:
            print(f"malformed query from {peer[0]}: {e}", flush=True)


if __name__ == "__main__":
    threads = [threading.Thread(target=serve, args=(a,), daemon=True) for a in LISTEN]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
