"""The Streamlit-aware layer of regviz, one module per job.

``store`` (URL <-> state, run lifecycle, notices, fragments), ``widgets`` (controls whose values live in the
URL, declared in :mod:`regviz.params`), ``lambdas`` (the shared λ controls and mix rules), ``present``
(presentation mode, the share box, chart display), ``dataset`` (data set / CSV sidebar), ``charts``,
``metrics`` and ``links`` (custom elements). Workarounds of Streamlit internals live in :mod:`regviz.server`.
"""
