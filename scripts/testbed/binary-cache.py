"""A fake Nix binary cache for the testbed: HTTPS on port 443 of the given addresses inside the run's
network namespace, with a certificate the stage-2 runtime trusts (build-images.sh adds the testbed's CA
to it). Answers GET /nix-cache-info like cache.nixos.org, 404 for everything else (no store paths:
nixos-install is a stand-in), and logs each request.

Usage: binary-cache.py CERT KEY ADDRESS...
"""

import http.server
import ssl
import sys
import threading

import fake_http

INFO = b"StoreDir: /nix/store\nWantMassQuery: 1\nPriority: 40\n"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/nix-cache-info":
            self.send_error(404)
            return
        fake_http.reply(self, 200, INFO, "text/x-nix-cache-info")


def tls_server(address, cert, key, port=443):
    """The cache on ADDRESS:PORT over TLS with CERT and KEY (PEM files)."""
    server = fake_http.Server(address, port, Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    return server


def main(cert, key, addresses):
    threads = [threading.Thread(target=tls_server(a, cert, key).serve_forever, daemon=True) for a in addresses]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
