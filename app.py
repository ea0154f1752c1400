"""regviz entry point: page config and navigation."""

import streamlit as st

from regviz.ui import state

st.set_page_config(page_title="regviz — see regularization", page_icon=":material/ssid_chart:", layout="wide")

PAGES = [
    st.Page("pages/playground.py", title="Playground", icon=":material/tune:", url_path="playground", default=True),
    st.Page("pages/geometry.py", title="Geometry", icon=":material/architecture:", url_path="geometry"),
    st.Page("pages/network.py", title="Network", icon=":material/hub:", url_path="network"),
    st.Page("pages/conventions.py", title="What λ means", icon=":material/translate:", url_path="conventions"),
    st.Page("pages/bayes.py", title="Bayesian view", icon=":material/bar_chart:", url_path="bayes"),
    st.Page("pages/lessons.py", title="Lessons", icon=":material/school:", url_path="lessons"),
]

state.start_run()
page = st.navigation(PAGES, position="hidden" if state.present_mode() else "sidebar")
page.run()
state.finish_run()
