"""A fake Nix binary cache for the testbed: HTTPS on port 443 of the given addresses inside the run's
network namespace, with a certificate the stage-2 runtime trusts (build-images adds the testbed's CA
to it). Answers GET /nix-cache-info like cache.nixos.org, 404 for everything else (no store paths:
nixos-install is a stand-in), and logs each request."""

import http.server
import socket
import ssl
import sys
import threading

CERT, KEY = sys.argv[1], sys.argv[2]
INFO = b"StoreDir: /nix/store\nWantMassQuery: 1\nPriority: 40\n"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/nix-cache-info":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/x-nix-cache-info")
        self.send_header("Content-Length", str(len(INFO)))
        self.end_headers()
        self.wfile.write(INFO)


class Server(http.server.ThreadingHTTPServer):
    def __init__(self, address):
        self.address_family = socket.AF_INET6 if ":" in address else socket.AF_INET
        super().__init__((address, 443), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(CERT, KEY)
        self.socket = context.wrap_socket(self.socket, server_side=True)


threads = [threading.Thread(target=Server(a).serve_forever, daemon=True) for a in sys.argv[3:]]
for t in threads:
    t.start()
for t in threads:
    t.join()
