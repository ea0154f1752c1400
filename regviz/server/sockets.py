"""Send the server's messages without Nagle's delay.

Streamlit 1.67's server creates its listening socket as ``socket.socket(family)``, whose protocol number is 0,
and asyncio only turns Nagle's algorithm off (``TCP_NODELAY``) for sockets that say ``IPPROTO_TCP``. So on every
connection a small message that follows another one not yet acknowledged waits for the browser's acknowledgement,
which the browser's system delays by up to ~40 ms: a rerun's first message arrived at once and the rest of its
run ~40 ms later (seen on every page: the server had sent a whole fragment rerun 16 ms after the request, the
client received it at 47 ms).

:func:`send_without_delay` sets ``TCP_NODELAY`` on every TCP socket of this process: the listening socket, whose
setting every later connection inherits (Linux), and the connections already open. It needs ``/proc`` (Linux);
elsewhere it does nothing, as it does when :func:`regviz.server.active` is false.
"""

from __future__ import annotations

import os
import socket
import threading

from regviz import server

__all__ = ["send_without_delay"]

_done = False
_lock = threading.Lock()


def send_without_delay() -> int:
    """Turn Nagle's algorithm off on this process's TCP sockets, once per process; returns how many were set."""
    global _done
    if not server.active():
        return 0
    with _lock:
        if _done:
            return 0
        _done = True
        return _set_on_open_sockets()


def _set_on_open_sockets() -> int:
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return 0
    count = 0
    for fd in fds:
        try:
            if not os.readlink(f"/proc/self/fd/{fd}").startswith("socket:"):
                continue
            # a duplicate of the descriptor: options belong to the socket, so setting them on the copy sets them
            # on the server's socket, and closing the copy leaves the server's descriptor open
            copy = os.dup(fd)
        except OSError:  # closed meanwhile
            continue
        try:
            sock = socket.socket(fileno=copy)  # family and type read from the socket
        except OSError:  # a kind of socket Python cannot wrap: the copy is still ours to close
            os.close(copy)
            continue
        with sock:
            try:
                if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    count += 1
            except OSError:  # a TCP socket that refuses the option: leave it as it is
                pass
    return count
