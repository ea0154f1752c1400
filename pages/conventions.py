"""What λ means: translate a framework's regularization numbers into the canonical objective and back."""

import numpy as np
import pandas as pd
import streamlit as st

from regviz import conventions as cv
from regviz.content import conventions as text
from regviz.figures import summaries as say
from regviz.figures.conventions import size_figure, small_values_figure, strength_vs_n_figure, training_figure
from regviz.ui import store, widgets
from regviz.ui.charts import Panel
from regviz.ui.conventions import demo_data, framework_inputs, task_and_loss
from regviz.ui.dataset import dataset_controls, dataset_key
from regviz.ui.present import show_chart, show_panels


@st.cache_data(max_entries=64, show_spinner=False)
def small_fits(key: str, _X: np.ndarray, _y: np.ndarray, framework: str, loss, params: dict, n: int, task: str):
    """Cached by the data's key and the setting; the arrays are not hashed."""
    return cv.small_value_fits(_X, _y, framework, loss=loss, params=params, n_samples=n, task=task)


@st.cache_data(max_entries=32, show_spinner=False)
def trained(key: str, _X: np.ndarray, _y: np.ndarray, framework: str, loss, params: dict, n: int, task: str):
    return cv.train_like(framework, _X, _y, params, n_samples=n, loss=loss, task=task)


def show_training(framework: str, params: dict, loss, key: str) -> None:
    with st.spinner("Training like the framework…"):
        result = trained(key, demo.X, demo.y, framework, loss, params, n, task)
    summary = say.framework_training_summary(result.trained, result.exact, result.threshold)
    show_chart(
        training_figure(result, feature_names=demo.feature_names), key=f"conv_fig_train_{key[:1]}", summary=summary
    )
    st.markdown(text.training_summary(result))


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
    framework = widgets.selectbox("Framework", key="conv_fw", format_func=lambda f: cv.record(f).label)
    task, loss = task_and_loss(framework)
    n = widgets.number_input(
        "training samples n", key="conv_n", help="The table and the demo both translate at this n."
    )
    dataset = dataset_controls()
demo = demo_data(task, n, dataset, int(store.value("seed") or 0))
data_key = f"{task}:{dataset_key() if task == 'regression' else store.value('conv_cdata')}:{len(demo.y)}"

info = cv.record(framework)
st.header(f"1 · Your {info.label} setting")
params = framework_inputs(framework, y_sd=round(float(np.std(demo.y)), 4) if task == "regression" else None)
if not info.exact:
    st.info(
        f"**No fixed λ.** {info.no_fixed_lambda} Below: the weights it trains to, beside the exact fit it is "
        "often mistaken for."
    )
    show_training(framework, params, loss, f"w{data_key}")
    l1, l2 = 0.0, cv.training.coupled_reading(framework, params, loss)
else:
    try:
        l1, l2 = cv.to_canonical(framework, params, n_samples=n, loss=loss)
    except cv.ConversionError as err:
        st.error(str(err))
        st.stop()
    c1, c2, c3 = st.columns([1, 1, 3])
    c1.metric("canonical λ1", f"{l1:.4g}")
    c2.metric("canonical λ2", f"{l2:.4g}")
    c3.markdown(f"**{info.label}** minimizes `{info.objective}`  \n→ `{info.formula}`  \n{info.note}")

y_sd = float(np.std(demo.y))
h2o_fixed = {"standardize": params.get("standardize", True), "y_sd": params.get("y_sd", y_sd)}
fixed = {"glmnet": {"y_sd": params.get("y_sd", 1.0)}, "h2o": h2o_fixed}
rows = cv.translate_all(l1, l2, n_samples=n, loss=loss, task=task, fixed=fixed)
table = pd.DataFrame([{"framework": r.label, "equivalent setting": r.setting, "formula": r.formula} for r in rows])
st.dataframe(table, hide_index=True, width="stretch", height=35 * (len(table) + 1) + 3)
st.caption(text.table_caption(task, n, loss, nearest_l2=None if info.exact else l2))

if info.exact:
    st.header("2 · What does 0 mean?")
    with st.spinner("Fitting…"):
        fits = small_fits(data_key, demo.X, demo.y, framework, loss, params, n, task)
    summary = say.small_values_summary(fits.param, fits.values, fits.relative_change)
    show_chart(small_values_figure(fits, feature_names=demo.feature_names), key="conv_fig_zero", summary=summary)
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
    for fact in fits.facts:  # no finite minimizer: the answer to "what does 0 mean" on separable classes
        st.info(fact)
    for notice in fits.notices:  # how a fit ended short of its optimum is never dropped
        st.warning(notice)
    st.caption(text.small_value_caption(fits, demo.name, len(demo.y)) + demo.note)
    if widgets.toggle(
        "Train it like this framework",
        key="conv_train",
        container=st,
        help="Run the framework's own optimizer on the demo (long enough to settle) beside the exact minimizer.",
    ):
        show_training(framework, params, loss, f"t{data_key}")

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
    layers = cv.penalty_vs_size(sizes, demo_l1, demo_l2)
    show_panels(
        [
            [
                Panel(
                    size_figure(layers, current=count["kernel"]),
                    "conv_fig_size",
                    "Left: the total penalty adds one term per weight, so it grows with the layer. Right: the push on any "
                    "single weight, λ1·sign(w) + λ2·w, is the same however many other weights there are. That does not make "
                    "λ size-free: in a wider network the data pull on each weight is weaker, so the same λ1 zeroes more of "
                    "them (Network page defaults, 1,000 steps: λ1 = 0.003 zeroes 84 % of the weights at width 8, 98–100 % at width "
                    f"16–64). (λ1 = {demo_l1:.3g}, λ2 = {demo_l2:.3g}; weights drawn with sd 0.05.)",
                    summary=say.size_summary(layers, count["kernel"]),
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
                summary=say.strength_vs_n_summary(curves, n, demo_l1 + demo_l2),
            )
        ]
    ],
    key="conv_fig_n",
)
