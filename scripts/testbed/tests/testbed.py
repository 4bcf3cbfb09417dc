"""Loads the testbed's scripts (most have dashes in their names) as modules for the unit tests, and
runs the HTTP fakes on 127.0.0.1 port 0 for the length of a test."""

import importlib.util
import os
import pathlib
import sys
import threading
from unittest import mock

DIR = pathlib.Path(__file__).resolve().parent.parent
if str(DIR) not in sys.path:
    sys.path.insert(0, str(DIR))  # for the scripts' own imports (fake_http)


def load(script, argv=(), env=None):
    """A fresh module of SCRIPT (e.g. "hetzner-api.py"), run as if with ARGV and ENV added to the
    environment; its main() is not called."""
    path = DIR / script
    spec = importlib.util.spec_from_file_location(path.stem.replace("-", "_"), path)
    module = importlib.util.module_from_spec(spec)
    with mock.patch.object(sys, "argv", [str(path), *argv]), mock.patch.dict(os.environ, env or {}):
        spec.loader.exec_module(module)
    return module


def serve(test, server):
    """Serves SERVER in a thread until TEST ends; returns its port."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        server.server_close()
        thread.join(10)

    test.addCleanup(stop)
    return server.server_address[1]
