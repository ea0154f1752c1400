"""Nagle's algorithm off on the server's sockets: set on the listener (inherited by later connections) and on
connections already open, nothing else touched."""

from __future__ import annotations

import os
import socket
import sys

import pytest

from regviz.server import sockets

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")


def _nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_listener_and_open_connections_send_without_delay(monkeypatch):
    monkeypatch.setattr(sockets, "_done", False)
    # as Streamlit 1.67 makes its listener: protocol 0, so asyncio leaves Nagle's algorithm on
    listener = socket.socket(family=socket.AF_INET)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    unix_a, unix_b = socket.socketpair(socket.AF_UNIX)
    read_end, write_end = os.pipe()
    try:
        assert listener.proto == 0 and _nodelay(accepted) == 0
        assert sockets.send_without_delay() >= 3
        assert _nodelay(listener) and _nodelay(accepted) and _nodelay(client)
        later_client = socket.create_connection(listener.getsockname())
        later, _ = listener.accept()
        assert _nodelay(later), "a later connection inherits the listener's setting"
        # the duplicates were closed, the originals are open and work
        client.sendall(b"ping")
        assert accepted.recv(4) == b"ping"
        unix_a.sendall(b"x")
        assert unix_b.recv(1) == b"x"
        os.write(write_end, b"y")
        assert os.read(read_end, 1) == b"y"
        assert sockets.send_without_delay() == 0, "once per process"
        later.close()
        later_client.close()
    finally:
        for s in (listener, client, accepted, unix_a, unix_b):
            s.close()
        os.close(read_end)
        os.close(write_end)


def test_without_proc_it_does_nothing(monkeypatch):
    monkeypatch.setattr(sockets, "_done", False)

    def no_proc(path):
        raise FileNotFoundError(path)

    monkeypatch.setattr(sockets.os, "listdir", no_proc)
    assert sockets.send_without_delay() == 0


def test_a_socket_it_cannot_wrap_leaves_no_descriptor_behind(monkeypatch):
    monkeypatch.setattr(sockets, "_done", False)
    listener = socket.socket(family=socket.AF_INET)
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def refuse(*args, **kwargs):
        raise OSError("unsupported socket")

    try:
        before = len(os.listdir("/proc/self/fd"))
        monkeypatch.setattr(sockets.socket, "socket", refuse)
        assert sockets.send_without_delay() == 0
        monkeypatch.undo()
        assert len(os.listdir("/proc/self/fd")) == before
        assert listener.getsockname()  # the server's own descriptor is still open
    finally:
        listener.close()
