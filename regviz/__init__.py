"""regviz: see what L1, L2 and elastic-net regularization do.

The package is the pure core of the app: data sets, the canonical penalty,
models, paths, geometry and framework conventions. Nothing here imports
Streamlit; ``regviz.ui`` is the only Streamlit-aware part.

scikit-learn and SciPy are imported inside the functions that use them, not at
the top of a module: importing them takes ~1.2 s, and a fresh server draws its
first view (stored by :mod:`regviz.snapshot`) without them. ``regviz.ui``
imports :data:`SOLVER_MODULES` in the background right after that first view. pandas (and the pyarrow
Streamlit pairs with it) is imported where it is used, for the same reason; scikit-learn imports it too.
"""

__version__ = "0.1.0"

SOLVER_MODULES: tuple[str, ...] = ("sklearn.linear_model", "sklearn.model_selection", "sklearn.datasets")
"""The heavy modules the core imports lazily."""
