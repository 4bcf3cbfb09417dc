"""What the testbed's HTTP fakes (hetzner-api.py, metadata.py, binary-cache.py) share: a reply with
its Content-Type and Content-Length, and a threading server on one IPv4 or IPv6 address (port 0 for
any free one, as the unit tests use)."""

import http.server
import json
import socket


def reply(handler, status, body, content_type):
    """Answers the handler's request with STATUS and BODY (bytes)."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def reply_json(handler, status, value):
    reply(handler, status, json.dumps(value).encode(), "application/json")


class Server(http.server.ThreadingHTTPServer):
    """Serves HANDLER on ADDRESS:PORT; the family follows the address."""

    def __init__(self, address, port, handler):
        self.address_family = socket.AF_INET6 if ":" in address else socket.AF_INET
        super().__init__((address, port), handler)

    @property
    def port(self):
        return self.server_address[1]
