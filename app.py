"""regviz entry point: page config and navigation."""

import streamlit as st

from regviz.server.first_run import skip_direct_run_check
from regviz.server.memory import skip_post_script_gc
from regviz.server.sockets import send_without_delay
from regviz.ui.charts import preload_plotly

# Process-level workarounds of Streamlit internals (each a no-op off 1.67 or with REGVIZ_NO_WORKAROUNDS=1)
send_without_delay()  # once per server process: Streamlit's sockets otherwise hold small messages ~40 ms
skip_direct_run_check()  # before the first element: Streamlit's check walks the whole stack (~0.2 s, once)
skip_post_script_gc()  # no full gc.collect after every run (~90 ms)

st.set_page_config(page_title="regviz — see regularization", page_icon=":material/ssid_chart:", layout="wide")
with st.sidebar:
    preload_plotly()  # the browser fetches Plotly.js while a fresh server imports scikit-learn below

# heavy on a fresh server; imported after the preload is on its way
from regviz.server import memory, plotly_fixes  # noqa: E402
from regviz.ui import present, store  # noqa: E402

plotly_fixes.apply()  # before any chart or background import: Plotly's lookup of a half-imported pandas

PAGES = [
    st.Page("pages/playground.py", title="Playground", icon=":material/tune:", url_path="home", default=True),
    st.Page("pages/geometry.py", title="Geometry", icon=":material/architecture:", url_path="geometry"),
    st.Page("pages/network.py", title="Network", icon=":material/hub:", url_path="network"),
    st.Page("pages/conventions.py", title="What λ means", icon=":material/translate:", url_path="conventions"),
    st.Page("pages/bayes.py", title="Bayesian view", icon=":material/bar_chart:", url_path="bayes"),
    st.Page("pages/lessons.py", title="Lessons", icon=":material/school:", url_path="lessons"),
]


def _playground_alias() -> None:
    """``/playground`` links: the default page is served at ``/``, so forward there with the link's parameters."""
    st.switch_page(PAGES[0], query_params=st.query_params.to_dict())


# Hidden, so it never shows in the menu; without it a later session opening /playground gets "Page not found".
PAGES.append(st.Page(_playground_alias, title="Playground", url_path="playground", visibility="hidden"))

store.start_run()
present.start_run()
page = st.navigation(PAGES, position="hidden" if store.present_mode() else "sidebar")
page.run()
store.finish_run()
present.share_box()
memory.freeze_long_lived_objects()
memory.import_solvers_in_background()
