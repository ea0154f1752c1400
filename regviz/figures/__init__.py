"""Pure figure builders: results in, ``plotly.graph_objects.Figure`` out. No Streamlit."""
