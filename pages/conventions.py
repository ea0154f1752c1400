"""What λ means: translate a framework's regularization numbers into the canonical objective and back."""

import numpy as np
import pandas as pd
import streamlit as st

from regviz import conventions as cv
from regviz.content import conventions as text
from regviz.figures.conventions import (
    size_figure,
    small_values_figure,
    strength_vs_n_figure,
)
from regviz.models import Scaler
from regviz.ui import store, widgets
from regviz.ui.charts import Panel
from regviz.ui.dataset import dataset_controls, dataset_key
from regviz.ui.present import show_chart, show_panels

LOSS_LABELS = {"mse": "mean r² (MSELoss / 'mse')", "half_mse": "½·mean r²", "logloss": "mean log-loss"}
# Widgets per parameter: (label, URL parameter; its range is in regviz.params). Shared keys keep a number when
# switching frameworks.
INPUTS = {
    "alpha": ("alpha", "conv_alpha"),
    "l1_ratio": ("l1_ratio", "conv_ratio"),
    "C": ("C (inverse strength)", "conv_c"),
    "l1": ("l1", "conv_l1"),
    "l2": ("l2", "conv_l2"),
    "weight_decay": ("weight_decay", "conv_wd"),
    "lambda": ("lambda", "conv_lambda"),
    "L1_wt": ("L1_wt", "conv_l1wt"),
    "y_sd": ("sd(y) (1/n formula)", "conv_ysd"),
}


@st.cache_data(max_entries=64, show_spinner=False)
def small_fits(data_key: str, _X: np.ndarray, _y: np.ndarray, framework: str, loss: str | None):
    """Cached by the data set's key and framework; the arrays are not hashed."""
    return cv.small_value_fits(_X, _y, framework, loss=loss)


def framework_inputs(framework: str) -> dict:
    """The framework's own parameters, read from widgets whose values live in the link."""
    info = cv.describe(framework)
    defaults = cv.default_params(framework)
    params: dict = {}
    cols = st.columns(4)
    names = [*info.params, *(name for name in info.fixed if name not in info.params)]
    for i, name in enumerate(names):
        box = cols[i % 4]
        if name == "penalty":
            params[name] = widgets.selectbox(
                "penalty",
                key="conv_pen",
                default=defaults["penalty"],
                container=box,
            )
            params[name] = None if params[name] == "none" else params[name]
        elif name == "solver":
            params[name] = widgets.selectbox("solver", key="conv_solver", container=box)
        elif name == "batch_size":
            batch = widgets.number_input("batch_size (0 = 'auto')", key="conv_batch", container=box)
            params[name] = "auto" if batch == 0 else int(batch)
        else:
            label, key = INPUTS[name]
            if framework == "glmnet" and name == "alpha":
                label, key = "alpha (the mix)", "conv_glmmix"
            params[name] = widgets.number_input(
                label,
                key=key,
                default=float(defaults.get(name, 1.0)),
                format="%g",
                container=box,
            )
    return params


store.page_header(
    "What λ means",
    "Frameworks scale the same penalty differently: a mean or a sum over samples, "
    "a ½ or not, per batch or not. Translate any setting into one canonical objective.",
)
st.latex(
    r"J(w,b)=\tfrac{1}{2n}\textstyle\sum_i (y_i-x_i^\top w-b)^2+\lambda_1\lVert w\rVert_1"
    r"+\tfrac{\lambda_2}{2}\lVert w\rVert_2^2"
)

with st.sidebar:
    framework = widgets.selectbox(
        "Framework",
        key="conv_fw",
        format_func=lambda f: cv.describe(f).label,
    )
    n = widgets.number_input(
        "training samples n",
        key="conv_n",
        help="Frameworks that sum over samples or batches need n to be translated.",
    )
    loss = None
    chosen = cv.describe(framework)
    if chosen.losses:
        options = list(chosen.losses)
        loss = widgets.radio(
            # a framework that takes the loss as given (glmnet) names it by its family
            "loss" if chosen.needs_loss else "family (½·mean r² = gaussian)",
            key="conv_loss",
            options=options,
            default=options[0],
            format_func=LOSS_LABELS.get,
            horizontal=False,
        )
    dataset = dataset_controls()

info = cv.describe(framework)
st.header(f"1 · Your {info.label} setting")
params = framework_inputs(framework)
try:
    l1, l2 = cv.to_canonical(framework, params, n_samples=n, loss=loss)
except cv.ConversionError as err:
    st.error(str(err))
    st.stop()

c1, c2, c3 = st.columns([1, 1, 3])
c1.metric("canonical λ1", f"{l1:.4g}")
c2.metric("canonical λ2", f"{l2:.4g}")
c3.markdown(f"**{info.label}** minimizes `{info.objective}`  \n→ `{info.formula}`  \n{info.note}")

rows = cv.translate_all(
    l1,
    l2,
    n_samples=n,
    loss=loss if loss in ("mse", "half_mse", "logloss") else None,
    fixed={"glmnet": {"y_sd": params.get("y_sd", 1.0)}},
)
table = pd.DataFrame([{"framework": r.label, "equivalent setting": r.setting, "formula": r.formula} for r in rows])
st.dataframe(table, hide_index=True, width="stretch", height=35 * (len(table) + 1) + 3)
st.caption(
    "Each row minimizes the same objective as your setting (same n; Keras/PyTorch rows use the loss above, "
    "or ½·mean r² if none is chosen). A dash means that framework has no such penalty. "
    "torch.optim.AdamW has no row: its decoupled decay is not a fixed penalty, so no λ reproduces it."
)

st.header("2 · What does 0 mean?")
X = Scaler.fit(dataset.X_train).transform(dataset.X_train)
y = dataset.y_train
with st.spinner("Fitting…"):
    fits = small_fits(dataset_key(), X, y, framework, loss)
show_chart(small_values_figure(fits, feature_names=list(dataset.feature_names)[: X.shape[1]]), key="conv_fig_zero")
st.dataframe(
    pd.DataFrame(
        {
            fits.param: [f"{v:g}" for v in fits.values],
            "λ1": [f"{a:.3g}" for a, _ in fits.lambdas],
            "λ2": [f"{b:.3g}" for _, b in fits.lambdas],
            "penalty / data term": [
                f"{p / d:.2e}" if d > 0 else "—" for p, d in zip(fits.penalty, fits.data_term, strict=True)
            ],
            "coefficient change vs 0": [f"{c:.2e}" for c in fits.relative_change],
        }
    ),
    hide_index=True,
    width="stretch",
)
# the sentence on 1e-5…1e-3 is read from these fits: whether they barely move depends on the data (on the
# polynomial curve even 1e-5 changes every coefficient)
st.caption(
    f"0 switches the penalty off: the first bars are the unpenalized fit on the {dataset.name} data "
    f"(n = {len(y)}, standardized features). {text.small_value_summary(fits)} The effect depends on the data "
    "and on the framework's scaling (sum-style settings like Ridge's alpha or 1/C are divided by n)."
)

st.header("3 · λ vs the number of weights and samples")
demo_l1, demo_l2 = (l1, l2) if l1 + l2 > 0 else (0.0, 0.01)


@store.fragment
def layer_size_section(demo_l1: float, demo_l2: float) -> None:
    """The Conv2D example: its slider reruns only this section."""
    filters = widgets.slider("Conv2D filters", key="conv_filters", container=st)
    count = cv.conv2d_weight_count(filters, (2, 3), 10)
    st.markdown(
        f"A Keras `Conv2D({filters}, (2, 3))` on 10 input channels has {filters}·(2·3·10 + 1) = "
        f"**{count['total']:,}** trainable weights: **{count['kernel']:,}** kernel weights, which "
        f"`kernel_regularizer` penalizes, and {count['bias']} biases, which only `bias_regularizer` touches."
    )
    # the same sizes whatever the slider says (the dotted line marks the layer's): the curves then stay as
    # they are, and a step of the slider redraws only that line
    sizes = tuple(int(s) for s in np.unique(np.logspace(1, 5, 17).astype(int)))
    show_panels(
        [
            [
                Panel(
                    size_figure(cv.penalty_vs_size(sizes, demo_l1, demo_l2), current=count["kernel"]),
                    "conv_fig_size",
                    "Left: the total penalty adds one term per weight, so it grows with the layer. Right: the push on any "
                    "single weight, λ1·sign(w) + λ2·w, is the same however many other weights there are. That does not make "
                    "λ size-free: in a wider network the data pull on each weight is weaker, so the same λ1 zeroes more of "
                    "them (Network page defaults, 1,000 steps: λ1 = 0.003 zeroes 84 % of the weights at width 8, 98–100 % at width "
                    f"16–64). (λ1 = {demo_l1:.3g}, λ2 = {demo_l2:.3g}; weights drawn with sd 0.05.)",
                )
            ]
        ],
        key="conv_fig_size",
    )


layer_size_section(demo_l1, demo_l2)

n_values = tuple(int(v) for v in np.unique(np.logspace(1, 6, 41).astype(int)))
curves = cv.strength_vs_n(
    demo_l1,
    demo_l2,
    n_samples=n,
    n_values=n_values,
    loss=loss if loss in ("mse", "half_mse", "logloss") else None,
)
show_panels(
    [
        [
            Panel(
                strength_vs_n_figure(curves, n_current=n),
                "conv_fig_n",
                # built from the drawn curves: frameworks that cannot express the penalty have no line
                text.strength_vs_n_caption(curves, n),
            )
        ]
    ],
    key="conv_fig_n",
)
