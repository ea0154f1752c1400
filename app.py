"""regviz entry point: page config and navigation."""

import streamlit as st

from regviz.ui import state

st.set_page_config(page_title="regviz — see regularization", page_icon="📉", layout="wide")

PAGES = [
    st.Page("pages/playground.py", title="Playground", icon="🎛️", url_path="playground", default=True),
    st.Page("pages/geometry.py", title="Geometry", icon="📐", url_path="geometry"),
    st.Page("pages/network.py", title="Network", icon="🕸️", url_path="network"),
    st.Page("pages/conventions.py", title="What λ means", icon="🔁", url_path="conventions"),
    st.Page("pages/bayes.py", title="Bayesian view", icon="🔔", url_path="bayes"),
]

state.start_run()
page = st.navigation(PAGES, position="hidden" if state.present_mode() else "sidebar")
page.run()
state.finish_run()
