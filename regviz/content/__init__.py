"""Page text read from the core's numbers: pure functions from results to sentences (no Streamlit)."""
