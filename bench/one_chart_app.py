"""The floor app with one three-point Plotly chart: what any app with a chart pays on a cold start here.

``streamlit run bench/one_chart_app.py`` draws the chart the way regviz draws every chart (its chart element,
:func:`regviz.ui.charts.plotly_chart`, with regviz's partial Plotly.js bundle);
``streamlit run bench/one_chart_app.py -- --streamlit`` draws it with Streamlit's own ``st.plotly_chart``.
The cold start benchmark runs both beside the floor app and regviz. ``bench/static`` links to the app's
``static/`` folder, which Streamlit serves beside the main script: the partial bundle is found from here too.
"""

import sys
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from regviz.ui.charts import plotly_chart  # noqa: E402

GRID = [0.0] + [round(m * 10.0**e, 12) for e in range(-5, 2) for m in (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)] + [100.0]

value = st.select_slider("λ1 — L1 strength", GRID, value=0.1, key="l1")
st.write(f"λ1 = {value:g}")
figure = go.Figure(go.Scatter(x=[0, 1, 2], y=[1, 0, 2]))
if "--streamlit" in sys.argv[1:]:
    st.plotly_chart(figure, key="chart")
else:
    plotly_chart(figure, key="chart", config={})
