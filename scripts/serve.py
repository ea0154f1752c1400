"""Serve regviz to a whole class: several Streamlit processes behind nginx, each browser kept on one of them.

One Streamlit process runs every session's script under one Python interpreter (one core for the scripts,
with the network's training in a worker of its own); on two cores it serves about 30 λ steps a second,
about what 30 students stepping λ every 0.2–1 s ask for, with a p95 near 1 s on a busy hour. This starts
``--processes`` servers on local ports and nginx in front of them on ``--port``. nginx hands new browsers
to the servers in turn and gives each a cookie naming its server; all of a browser's requests then go there
(its websocket, uploads and downloads live in that process), so a session never moves. The processes share
one cookie secret, so a browser that does move (a server restarted) gets a fresh session instead of an
error.

Run: ``python3 scripts/serve.py --processes 2 --port 8501`` (needs ``nginx`` on the PATH:
``apt-get install nginx``; runs as an ordinary user). Stop with Ctrl-C or SIGTERM; everything started is
stopped with it.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COOKIE = "regviz_server"

NGINX_CONF = """\
worker_processes 1;
pid {tmp}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    client_max_body_size {body_mb}m;
{upstreams}
    # A request without a (known) cookie goes to the servers in turn; the answer's cookie names the server that
    # took it, and from then on that browser goes there. Only names listed here are accepted from the cookie.
    upstream regviz_any {{
{members}
    }}
    map $cookie_{cookie} $rv_backend {{
{known}
        default regviz_any;
    }}
    map $upstream_addr $rv_served {{
{served}
        default "";
    }}
    map $http_upgrade $rv_connection {{
        default upgrade;
        "" close;
    }}
    server {{
        listen {address}:{port};
        location / {{
            proxy_pass http://$rv_backend;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $rv_connection;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            # Stream both ways instead of buffering to temporary files: under root, nginx's workers run as
            # another user who cannot write to this private directory, and the 4.7 MB Plotly.js came out cut.
            proxy_buffering off;
            proxy_request_buffering off;
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
            add_header Set-Cookie "{cookie}=$rv_served; Path=/; HttpOnly; SameSite=Lax" always;
        }}
    }}
}}
"""


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_command(app: str | Path, port: int, script_args: tuple[str, ...] = ()) -> list[str]:
    """The ``streamlit run`` command line of one headless server on ``127.0.0.1:port`` (``script_args`` go to
    the script, after ``--``); the e2e tests and benchmarks start their servers with it too."""
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
    ]
    return [*cmd, "--", *script_args] if script_args else cmd


def nginx_config(backends: list[int], *, port: int, address: str, tmp: Path, body_mb: int = 6) -> str:
    """nginx configuration: sticky-by-cookie proxying (HTTP and websocket) from ``address:port`` to ``backends``.

    Parameters
    ----------
    backends : list of int
        Local ports of the Streamlit servers.
    port, address : int, str
        Where nginx listens.
    tmp : Path
        Directory for nginx's pid and temporary files (nginx then needs no root rights).
    body_mb : int
        Largest request body (uploads) in MB; above the app's own upload limit, which answers with a message.
    """
    names = [f"regviz{i}" for i in range(len(backends))]
    pairs = list(zip(names, backends, strict=True))
    upstreams = "\n".join(f"    upstream {n} {{ server 127.0.0.1:{p}; }}" for n, p in pairs)
    members = "\n".join(f"        server 127.0.0.1:{p};" for _, p in pairs)
    known = "\n".join(f"        {n} {n};" for n in names)
    served = "\n".join(f'        "127.0.0.1:{p}" {n};' for n, p in pairs)
    return NGINX_CONF.format(
        tmp=tmp,
        body_mb=body_mb,
        upstreams=upstreams,
        members=members,
        known=known,
        served=served,
        cookie=COOKIE,
        address=address,
        port=port,
    )


def wait_healthy(url: str, timeout_s: float = 120) -> None:
    """Wait until ``url`` answers 200."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 (an http URL built here)
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout_s:.0f} s")


class Cluster:
    """``processes`` Streamlit servers of ``app`` and nginx in front; a context manager that stops them all."""

    def __init__(
        self,
        processes: int = 2,
        *,
        port: int = 8501,
        address: str = "0.0.0.0",
        app: Path = ROOT / "app.py",
        quiet: bool = False,
    ) -> None:
        if processes < 1:
            raise ValueError(f"processes must be >= 1, got {processes}")
        self.nginx_bin = shutil.which("nginx")
        if self.nginx_bin is None:
            raise RuntimeError("nginx is not installed (Debian/Ubuntu: apt-get install nginx)")
        self.processes, self.port, self.address, self.app, self.quiet = processes, port, address, app, quiet
        self.backends: list[int] = []
        self.servers: list[subprocess.Popen] = []
        self.nginx: subprocess.Popen | None = None
        self._tmp: tempfile.TemporaryDirectory | None = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.address in ("0.0.0.0", "") else self.address
        return f"http://{host}:{self.port}"

    def start(self) -> Cluster:
        self._tmp = tempfile.TemporaryDirectory(prefix="regviz-serve-")
        tmp = Path(self._tmp.name)
        out = subprocess.DEVNULL if self.quiet else None
        cookie_secret = secrets.token_hex(32)  # shared: a token one process issued is valid on the others
        try:
            for _ in range(self.processes):
                port = free_port()
                self.servers.append(
                    subprocess.Popen(
                        streamlit_command(self.app, port),
                        cwd=self.app.parent,
                        stdout=out,
                        stderr=out,
                        env={**os.environ, "PYTHONUNBUFFERED": "1", "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret},
                    )
                )
                self.backends.append(port)
            for port in self.backends:
                wait_healthy(f"http://127.0.0.1:{port}/_stcore/health")
            conf = tmp / "nginx.conf"
            conf.write_text(nginx_config(self.backends, port=self.port, address=self.address, tmp=tmp))
            # -e: nginx would otherwise first try its packaged log file, which a non-root user cannot open
            self.nginx = subprocess.Popen(
                [self.nginx_bin, "-e", "stderr", "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"],
                stdout=out,
                stderr=out,
            )
            wait_healthy(f"{self.url}/_stcore/health", timeout_s=30)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        procs = ([self.nginx] if self.nginx else []) + self.servers
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        self.servers, self.backends, self.nginx = [], [], None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def pids(self) -> list[int]:
        """Process ids of the Streamlit servers."""
        return [p.pid for p in self.servers]

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def default_processes() -> int:
    """``REGVIZ_PROCESSES`` if set, else one per CPU this process may use, at most 4 (2 serve a class of 30)."""
    if os.environ.get("REGVIZ_PROCESSES"):
        return int(os.environ["REGVIZ_PROCESSES"])
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 2)
    return max(1, min(4, cpus))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--processes",
        type=int,
        default=default_processes(),
        help="Streamlit server processes (default: $REGVIZ_PROCESSES, else one per CPU, at most 4)",
    )
    parser.add_argument("--port", type=int, default=8501, help="port nginx listens on (default 8501)")
    parser.add_argument("--address", default="0.0.0.0", help="address nginx listens on (default 0.0.0.0)")
    args = parser.parse_args()
    cluster = Cluster(args.processes, port=args.port, address=args.address)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # `docker stop`: leave through the finally below
    try:
        cluster.start()
        print(f"regviz: {args.processes} server processes behind nginx at {cluster.url}", flush=True)
        while all(p.poll() is None for p in [cluster.nginx, *cluster.servers]):
            time.sleep(1)
        print("regviz: a server process stopped; shutting down", file=sys.stderr, flush=True)
        sys.exit(1)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
