"""A fake Hetzner metadata service for the testbed, bound to 169.254.169.254:80 inside the run's
network namespace. Serves /hetzner/v1/metadata (YAML of every key) and /hetzner/v1/metadata/<key>
from the files of one directory (one file per key), and logs each request.

Usage: metadata.py DIRECTORY
"""

import http.server
import pathlib
import sys

import fake_http

PREFIX = "/hetzner/v1/metadata"


def handler(root):
    """The request handler for the keys in directory ROOT."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            path = self.path.split("?", 1)[0].rstrip("/")
            if path == PREFIX:
                body = "".join(
                    f"{f.name}: {f.read_text().strip()}\n"
                    for f in sorted(root.iterdir())
                    if "\n" not in f.read_text().strip()
                ).encode()
            elif path.startswith(PREFIX + "/") and (root / path[len(PREFIX) + 1 :]).is_file():
                body = (root / path[len(PREFIX) + 1 :]).read_bytes()
            else:
                self.send_error(404)
                return
            fake_http.reply(self, 200, body, "text/plain")

    return Handler


if __name__ == "__main__":
    fake_http.Server("169.254.169.254", 80, handler(pathlib.Path(sys.argv[1]))).serve_forever()
