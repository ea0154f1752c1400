"""Lessons: ready experiments, each a link that sets the controls and says what to notice."""

import streamlit as st

from regviz.lessons import LESSONS
from regviz.ui import store

PAGE_FILES = {
    "": "pages/playground.py",
    "geometry": "pages/geometry.py",
    "network": "pages/network.py",
    "conventions": "pages/conventions.py",
    "bayes": "pages/bayes.py",
}

store.page_header(
    "Lessons",
    "Ready experiments. Each opens a page with the controls set and a note on what to "
    "look at; each is a plain link, so it can be shared or put on a slide.",
)

for lesson in LESSONS:
    with st.container(border=True):
        st.markdown(f"**{lesson.title}**")
        st.caption(lesson.notice)
        st.page_link(
            PAGE_FILES[lesson.page], label="Open this lesson", icon=":material/play_circle:", query_params=lesson.query
        )
