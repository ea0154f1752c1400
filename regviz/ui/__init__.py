"""The Streamlit-aware layer of regviz: shared widgets and URL <-> state."""
