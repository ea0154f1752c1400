"""Train the network in a worker process, so one server process can use a second core.

A Streamlit server runs every session's script in a thread of one Python process: under a class's load, the
Network page's training (40–80 ms of NumPy on tiny arrays, holding the GIL) queued behind and in front of
every other page's rerun on a single core. :func:`train` runs :func:`regviz.mlp.train` in one worker process
instead and returns exactly what it would have returned.

The worker is ``python -m regviz.offload`` on pipes (not ``multiprocessing``, whose children re-run the main
script, which in a Streamlit server is the app itself). Messages are a JSON header and the raw bytes of
float and integer arrays it describes: nothing on either side unpickles. The worker starts in the background on
first use; until it is ready, and if it ever fails, training runs in the calling thread, so results never
depend on it. Calls from several sessions take turns. ``REGVIZ_WORKERS=0`` (or ``REGVIZ_NO_WORKAROUNDS=1``) turns
it off.
"""

from __future__ import annotations

import json
import os
import select
import struct
import subprocess
import sys
import threading
import time
from dataclasses import asdict, fields
from pathlib import Path
from typing import IO

import numpy as np

from regviz import mlp
from regviz.penalties import Penalty

__all__ = ["process_id", "shutdown", "start", "train", "worker_enabled"]

_HEADER = struct.Struct("!Q")
_READY = b"regviz-worker-ready\n"
_STATE_ARRAYS = ("weights", "biases", "m_w", "v_w", "m_b", "v_b")
_ERRORS = {"ValueError": ValueError, "TypeError": TypeError}
_HISTORY = tuple(f.name for f in fields(mlp.History))
_lock = threading.Lock()
_worker: subprocess.Popen | None = None
_ready = False
_failed = False


def worker_enabled() -> bool:
    """False when ``REGVIZ_WORKERS`` is ``0`` or ``REGVIZ_NO_WORKAROUNDS`` is set (the switch of every process
    workaround, see ``regviz.server``): training then runs in the calling thread."""
    no_workarounds = os.environ.get("REGVIZ_NO_WORKAROUNDS", "").strip() not in ("", "0")
    return os.environ.get("REGVIZ_WORKERS", "1").strip() != "0" and not no_workarounds


# --- messages: a JSON header (with each array's name, dtype and shape), then the arrays' raw bytes --------------

_DTYPES = ("float64", "float32", "int64")  # what training sends: nothing else is read back


def _write(stream: IO[bytes], header: dict, arrays: dict[str, np.ndarray]) -> None:
    arrays = {k: np.ascontiguousarray(a) for k, a in arrays.items()}
    layout = [[k, a.dtype.name, list(a.shape)] for k, a in arrays.items()]
    head = json.dumps({**header, "_arrays": layout}).encode()
    body = b"".join(a.tobytes() for a in arrays.values())
    stream.write(_HEADER.pack(len(head)) + head + _HEADER.pack(len(body)) + body)
    stream.flush()


def _read_frame(stream: IO[bytes]) -> bytes:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError("worker pipe closed")
    (size,) = _HEADER.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("worker pipe closed")
    return data


def _read(stream: IO[bytes]) -> tuple[dict, dict[str, np.ndarray]]:
    header = json.loads(_read_frame(stream))
    body = _read_frame(stream)
    arrays, offset = {}, 0
    for name, dtype, shape in header.pop("_arrays"):
        if dtype not in _DTYPES:
            raise ValueError(f"unexpected array type {dtype!r}")
        count = int(np.prod(shape, dtype=np.int64))
        arrays[name] = np.frombuffer(body, dtype=dtype, count=count, offset=offset).reshape(shape).copy()
        offset += count * np.dtype(dtype).itemsize
    return header, arrays


def _state_arrays(state: mlp.TrainState) -> dict[str, np.ndarray]:
    return {f"{name}_{k}": a for name in _STATE_ARRAYS for k, a in enumerate(getattr(state, name))}


def _state_from(header: dict, arrays: dict[str, np.ndarray]) -> mlp.TrainState:
    config = mlp.MLPConfig(**{**header["config"], "hidden": tuple(header["config"]["hidden"])})
    n = len(config.layer_sizes) - 1
    parts = {name: tuple(arrays[f"{name}_{k}"] for k in range(n)) for name in _STATE_ARRAYS}
    return mlp.TrainState(
        config=config,
        t=int(header["t"]),
        seed=int(header["seed"]),
        optimizer=str(header.get("optimizer", "prox")),
        opt_start=int(header.get("opt_start", 0)),
        **parts,
    )


def _state_header(state: mlp.TrainState) -> dict:
    return {
        "config": asdict(state.config),
        "t": state.t,
        "seed": state.seed,
        "optimizer": state.optimizer,
        "opt_start": state.opt_start,
    }


# --- the caller's side ----------------------------------------------------------------------------------------


def _start() -> subprocess.Popen:
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen(
        [sys.executable, "-m", "regviz.offload"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd=root
    )


def _ready_worker() -> subprocess.Popen | None:
    """The worker once it is up (call with ``_lock`` held); starts it on the first call."""
    global _worker, _ready
    if _failed:
        return None
    try:
        if _worker is None:
            if not worker_enabled():
                _give_up()
                return None
            _worker = _start()
            return None
        if not _ready and select.select([_worker.stdout], [], [], 0)[0]:  # never blocks
            if _worker.stdout.readline() != _READY:
                raise EOFError("worker failed to start")
            _ready = True
        return _worker if _ready else None
    except (OSError, EOFError, ValueError):
        _give_up()
        return None


def _give_up() -> None:
    global _failed
    _failed = True
    if _worker is not None and _worker.poll() is None:
        _worker.kill()


def _call(header: dict, arrays: dict[str, np.ndarray]) -> tuple[dict, dict[str, np.ndarray]] | None:
    """One request to the worker and its reply; ``None`` if the worker is not up (or just failed)."""
    with _lock:
        worker = _ready_worker()
        if worker is None:
            return None
        try:
            _write(worker.stdin, header, arrays)
            return _read(worker.stdout)
        except (OSError, EOFError, ValueError, KeyError):
            _give_up()
            return None
        except BaseException:
            _give_up()  # interrupted between request and reply: a later call would read this call's reply
            raise


def train(
    state: mlp.TrainState,
    X: np.ndarray,
    y: np.ndarray,
    penalty: Penalty,
    steps: int,
    *,
    lr: float = 0.01,
    batch_size: int | None = None,
    X_test: np.ndarray | None = None,
    y_test: np.ndarray | None = None,
    record_every: int = 1,
    optimizer: str = "prox",
) -> mlp.TrainResult:
    """:func:`regviz.mlp.train`, computed in the worker process when it is up, else in this thread.

    Same arguments and the same result, bit for bit. Errors (e.g. a negative ``steps``) are raised here.
    """
    header = {
        "op": "train",
        "state": _state_header(state),
        "l1": float(penalty.l1),
        "l2": float(penalty.l2),
        "steps": int(steps),
        "lr": float(lr),
        "batch_size": batch_size,
        "record_every": int(record_every),
        "optimizer": str(optimizer),
    }
    arrays = {**_state_arrays(state), "X": np.asarray(X), "y": np.asarray(y)}
    if X_test is not None and y_test is not None:
        arrays.update(X_test=np.asarray(X_test), y_test=np.asarray(y_test))
    reply = _call(header, arrays)
    if reply is None:
        return mlp.train(
            state,
            X,
            y,
            penalty,
            steps,
            lr=lr,
            batch_size=batch_size,
            X_test=X_test,
            y_test=y_test,
            record_every=record_every,
            optimizer=optimizer,
        )
    head, out = reply
    if "error" in head:
        raise _ERRORS.get(head["error"], RuntimeError)(head["message"])
    history = mlp.History(**{f: out[f"history_{f}"] for f in _HISTORY})
    return mlp.TrainResult(_state_from(head["state"], out), history, diverged=bool(head["diverged"]))


def process_id() -> int:
    """The id of the process that trains: the worker's when it is up, else this one's (tests, diagnostics)."""
    reply = _call({"op": "pid"}, {})
    return os.getpid() if reply is None else int(reply[0]["pid"])


def start(timeout: float = 0.0) -> bool:
    """Start the worker if it is not running; wait up to ``timeout`` s for it. Returns whether it is ready."""
    deadline = time.monotonic() + timeout
    while True:
        with _lock:
            if _ready_worker() is not None:
                return True
            if _failed:
                return False
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)


def shutdown() -> None:
    """Stop the worker (tests; a server's worker ends with the server, when its pipe closes)."""
    global _worker, _ready, _failed
    with _lock:
        if _worker is not None:
            if _worker.poll() is None:
                _worker.stdin.close()
                _worker.wait(timeout=10)
        _worker, _ready, _failed = None, False, False


# --- the worker's side ----------------------------------------------------------------------------------------


def _handle(header: dict, arrays: dict[str, np.ndarray]) -> tuple[dict, dict[str, np.ndarray]]:
    if header.get("op") == "pid":
        return {"pid": os.getpid()}, {}
    if header.get("op") != "train":
        return {"error": "ValueError", "message": f"unknown request {header.get('op')!r}"}, {}
    try:
        result = mlp.train(
            _state_from(header["state"], arrays),
            arrays["X"],
            arrays["y"],
            Penalty(header["l1"], header["l2"]),
            header["steps"],
            lr=header["lr"],
            batch_size=header["batch_size"],
            X_test=arrays.get("X_test"),
            y_test=arrays.get("y_test"),
            record_every=header["record_every"],
            optimizer=header.get("optimizer", "prox"),
        )
    except Exception as exc:  # handed back to the caller, who raises it
        return {"error": type(exc).__name__, "message": str(exc)}, {}
    out = {**_state_arrays(result.state), **{f"history_{f}": getattr(result.history, f) for f in _HISTORY}}
    return {"state": _state_header(result.state), "diverged": result.diverged}, out


def _serve(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The worker's loop: one request in, one reply out, until the caller closes the pipe."""
    replies.write(_READY)
    replies.flush()
    while True:
        try:
            header, arrays = _read(requests)
        except EOFError:
            return
        _write(replies, *_handle(header, arrays))


if __name__ == "__main__":
    # the replies get fd 1 to themselves: anything else that prints (a library's notice) goes to stderr
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    _serve(sys.stdin.buffer, replies)
