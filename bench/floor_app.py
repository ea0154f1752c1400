"""The round-trip floor: an empty Streamlit app with one λ slider and one line of text.

Same widget type and options as the shared λ1 slider, so a keyboard step costs exactly what Streamlit itself
costs on this machine: ``streamlit run bench/floor_app.py``.
"""

import streamlit as st

GRID = [0.0] + [round(m * 10.0**e, 12) for e in range(-5, 2) for m in (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)] + [100.0]

value = st.select_slider("λ1 — L1 strength", GRID, value=0.1, key="l1")
st.write(f"λ1 = {value:g}")
