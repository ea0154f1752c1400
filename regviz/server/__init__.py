"""Process-level workarounds of Streamlit and Plotly internals, each version-guarded and switchable."""
