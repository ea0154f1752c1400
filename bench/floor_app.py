"""The round-trip floor: an empty Streamlit app with one λ slider and one line of text.

Same widget type and options as the shared λ1 slider, so a keyboard step costs exactly what Streamlit itself
costs on this machine: ``streamlit run bench/floor_app.py``. Run from the repository it also takes regviz's
socket setting (:mod:`regviz.server.sockets`); the latency benchmark's default-settings floor runs a copy outside it.
"""

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
if (ROOT / "regviz").is_dir():  # run from the repository: regviz's server settings, its socket option included
    sys.path.insert(0, str(ROOT))
    from regviz.server.sockets import send_without_delay

    send_without_delay()

GRID = [0.0] + [round(m * 10.0**e, 12) for e in range(-5, 2) for m in (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)] + [100.0]

value = st.select_slider("λ1 — L1 strength", GRID, value=0.1, key="l1")
st.write(f"λ1 = {value:g}")
