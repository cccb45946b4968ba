"""Fixtures shared by test files: the real Web API server."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.register_assert_rewrite("reform_errors")  # its assertions explained as a test's own

BIN = Path(sys.executable).parent


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serving(command, ready_path):
    """`shebao COMMAND` on a free port of 127.0.0.1 until the generator is closed; yields its URL."""
    port = _free_port()
    process = subprocess.Popen([str(BIN / "shebao"), *command, "--port", str(port), "--workers", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{url}{ready_path}", timeout=5).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.terminate()
                raise
            time.sleep(0.5)
    yield url
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="session")
def server():
    """`shebao serve` (gunicorn, one worker) on a free port of 127.0.0.1, for the session."""
    yield from _serving(["serve"], "/spec")


@pytest.fixture(scope="session")
def desk_server():
    """`shebao web` (the desk's page with the Web API, one worker) on a free port, for the session."""
    yield from _serving(["web"], "/desk/options")
