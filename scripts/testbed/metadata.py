"""A fake Hetzner metadata service for the testbed, bound to 169.254.169.254:80 inside the run's
network namespace. Serves /hetzner/v1/metadata (YAML of every key) and /hetzner/v1/metadata/<key>
from the files of one directory (one file per key), and logs each request."""

import http.server
import pathlib
import sys

ROOT = pathlib.Path(sys.argv[1])
PREFIX = "/hetzner/v1/metadata"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = self.path.split("?", 1)[0].rstrip("/")
        if path == PREFIX:
            body = "".join(
                f"{f.name}: {f.read_text().strip()}\n"
                for f in sorted(ROOT.iterdir())
                if "\n" not in f.read_text().strip()
            ).encode()
        elif path.startswith(PREFIX + "/") and (ROOT / path[len(PREFIX) + 1 :]).is_file():
            body = (ROOT / path[len(PREFIX) + 1 :]).read_bytes()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


http.server.ThreadingHTTPServer(("169.254.169.254", 80), Handler).serve_forever()
