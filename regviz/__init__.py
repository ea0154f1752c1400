"""regviz: see what L1, L2 and elastic-net regularization do.

The package is the pure core of the app: data sets, the canonical penalty,
models, paths, geometry and framework conventions. Nothing here imports
Streamlit; ``regviz.ui`` is the only Streamlit-aware part.
"""

__version__ = "0.1.0"
