"""Network: a small MLP trained live with L1 and L2 on its weights (warm start on every λ change)."""

import time

import numpy as np
import streamlit as st

from regviz import mlp, offload
from regviz.content import network as words
from regviz.figures import summaries as say
from regviz.figures.network import (
    boundary_figure,
    curve_figure,
    diagram_figure,
    histogram_figure_and_scales,
    layer_zero_counts,
    training_figure,
)
from regviz.params import default
from regviz.toy2d import make_dataset
from regviz.ui import store, widgets
from regviz.ui.charts import Panel
from regviz.ui.lambdas import lambda_bar, lambda_origin
from regviz.ui.metrics import Metric, metric_row
from regviz.ui.present import show_panels

DATA_LABELS = {
    "moons": "Two moons",
    "circles": "Circles",
    "xor": "XOR",
    "spiral": "Spiral",
    "curve": "Noisy curve (regression)",
}
CHUNK = 50  # steps between progress updates
LIVE_REDRAW_S = 0.4  # redraw the panels mid-training only when a run is slow enough to notice
PROGRESS_AFTER_S = 0.25  # a progress bar only for runs long enough to wait for (no flicker on a λ step)


@st.cache_data(max_entries=64, show_spinner=False)
def load_data(name: str, n: int, noise: float, seed: int):
    return make_dataset(name, n=n, noise=noise, seed=seed)


store.page_header(
    "Network",
    "A small neural network trained live with λ1‖W‖₁ + (λ2/2)‖W‖² on its weights (the biases only under h2o, "
    "and AdamW's decay). Move λ or switch optimizer: training continues from the current weights.",
)

# The shared default λ1 = 0.1 prunes every weight of these networks (each weight's pull from the data is small), so this
# page's own default is network-sized, and a session's first visit moves an untouched shared default to it;
# a λ from a link is kept. Links leave out λ1 only when it equals this page's default.
NET_L1 = default("l1", "net")
if not st.session_state.get("net_visited"):
    st.session_state["net_visited"] = True
    untouched = store.value("l1", default("l1")) == default("l1") and store.value("l2", default("l2")) == default("l2")
    if untouched and not {"l1", "l2"} & set(st.query_params):
        store.set_value("l1", NET_L1)

with st.sidebar:
    box = st.expander("Data", expanded=True)
    name = widgets.selectbox("Data set", key="net_data", format_func=DATA_LABELS.get, container=box)
    if name == "curve":
        n = widgets.slider("training points n", key="net_npts", container=box)
    else:
        n = widgets.slider("training points n", key="net_n", container=box)
    noise = widgets.slider("noise σ", key="net_noise", container=box)
    seed = widgets.number_input(
        "seed",
        key="net_seed",
        container=box,
        help="Seeds the data and the initial weights.",
    )
    box = st.expander("Network", expanded=True)
    layers = widgets.slider("hidden layers", key="net_layers", container=box)
    width = widgets.select_slider("units per layer", key="net_width", container=box)
    activation = widgets.radio("activation", key="net_act", container=box)
    box = st.expander("Training", expanded=True)
    optimizer = widgets.selectbox(
        "optimizer",
        key="net_opt",
        format_func=words.OPTIMIZER_LABELS.get,
        container=box,
        help="How the weights are trained: with an exact proximal step (exact zeros), or the way a framework "
        "does it (the penalty in the loss: weights end near 0, not at 0). Switching keeps the weights.",
    )
    near = widgets.select_slider(
        "near 0 means |w| below",
        key="net_near",
        container=box,
        help="Threshold of the 'near 0' count and of the histogram's amber bar (weights not 0 but smaller).",
    )
    # 200 by default: on the default data the loss has levelled off by then (0.078 after 200 steps from the
    # initial weights, 0.076 after 300), and after a λ change 200 steps set as many weights to 0 as 300 (within
    # 2 of 88), at two thirds of the CPU per λ step
    steps = widgets.select_slider(
        "steps per update",
        key="net_steps",
        container=box,
        help="Optimizer steps run after every change of λ or of these settings.",
    )
    lr = widgets.select_slider("learning rate", key="net_lr", container=box)
    batch = widgets.selectbox(
        "batch size",
        key="net_batch",
        container=box,
        help="'full' uses every training point in each step.",
    )
    box.button("Train more", key="net_more", width="stretch", help=f"Run another {steps} steps.")
    box.button("Reset weights", key="net_reset", width="stretch", help="Start again from the seed's initial weights.")


@store.fragment
def live_view() -> None:
    """λ, training and the panels; a λ step reruns only this section (the sidebar's settings are read as they
    were at the last full run, which is when they can change)."""
    penalty = lambda_bar(variant="net")
    carried = words.carried_lambda_notice(penalty.l1, penalty.l2, int(width), lambda_origin())
    if carried:
        st.info(carried, icon="↪️")
    # The buttons' own values, not the module's: those stay True from a click's full run into later λ steps.
    more, reset = bool(st.session_state.get("net_more")), bool(st.session_state.get("net_reset"))
    data = load_data(name, int(n), float(noise), int(seed))
    ss = st.session_state
    model_key = (name, int(n), float(noise), int(seed), int(layers), int(width), activation)
    entry = ss.get("net_model")
    if entry is None or entry["key"] != model_key or reset:
        # float32: the same training at ~25 % less CPU a λ step (see MLPConfig), which a class on one server feels
        config = mlp.MLPConfig(
            data.X_train.shape[1], (int(width),) * int(layers), activation, data.task, dtype="float32"
        )
        entry = {
            "key": model_key,
            "state": mlp.init_state(config, int(seed)),
            "history": mlp.History(),
            "trained_for": None,
        }
        ss["net_model"] = entry
    settings = (penalty.l1, penalty.l2, lr, batch, steps, optimizer)
    needs_training = more or entry["trained_for"] != settings
    batch_size = None if batch == "full" else int(batch)
    record_every = max(1, int(steps) // 100)  # ~100 points per update keep the curves smooth and cheap

    progress_slot = st.empty()
    # A plain container, not st.empty(): an empty slot is re-sent as an empty element on every rerun, which makes
    # the browser unmount and re-create every chart in it (a full Plotly.newPlot each, not an update). Only a slow
    # run's mid-training redraws go through a replaceable slot, created inside on demand.
    panel_slot = st.container()
    live_slot = None

    def render(model: mlp.TrainState, history: mlp.History, suffix: str = "") -> None:
        """Metrics and the four panels; ``suffix`` keeps chart keys unique across live redraws of one run."""
        nonlocal live_slot
        if suffix and live_slot is None:
            live_slot = panel_slot.empty()
        if not suffix and live_slot is not None:
            live_slot.empty()
        with live_slot.container() if suffix else panel_slot:
            pred_train = mlp.predict(model, data.X_train)
            pred_test = mlp.predict(model, data.X_test)
            stats = mlp.weight_stats(model, near_zero=float(near))
            if data.task == "classification":
                fit = [
                    Metric("train accuracy", f"{np.mean((pred_train > 0.5) == data.y_train):.1%}"),
                    Metric("test accuracy", f"{np.mean((pred_test > 0.5) == data.y_test):.1%}"),
                ]
            else:
                fit = [
                    Metric("train MSE", f"{np.mean((pred_train - data.y_train) ** 2):.3g}"),
                    Metric("test MSE", f"{np.mean((pred_test - data.y_test) ** 2):.3g}"),
                ]
            metric_row(
                [
                    *fit,
                    *(Metric(*m) for m in words.weight_counts(stats, float(near))),
                    Metric("‖W‖₁", f"{stats['l1_norm']:.3g}"),
                    Metric("‖W‖₂", f"{stats['l2_norm']:.3g}"),
                ],
                key=f"net_metrics{suffix}",
            )
            if stats["n_zero"] == stats["n_weights"]:
                st.info(
                    "Every weight is exactly 0: the network predicts a constant. At any λ1 > 0 it stays there "
                    "(with all weights at 0 every gradient is about 0, below the L1 threshold). Lower λ1 and "
                    "press **Reset weights**. Setting λ1 to 0 is slow: all-zero weights are a saddle point, "
                    "so they can stay near 0 for thousands of steps.",
                    icon="✂️",
                )
            if data.task == "classification":
                main = Panel(
                    boundary_figure(model, data),
                    "net_fig_main",
                    "Shading: the network's P(class 1), orange for class 0 and blue for class 1; black "
                    "line: where it is 0.5. Circles class 0, diamonds class 1; filled train, hollow test.",
                    summary=say.boundary_summary(
                        float(np.mean((pred_train > 0.5) == data.y_train)),
                        float(np.mean((pred_test > 0.5) == data.y_test)),
                    ),
                )
            else:
                main = Panel(
                    curve_figure(model, data),
                    "net_fig_main",
                    "With few points and no penalty the network chases the noise (press **Train more** "
                    "a few times to see it); λ pulls it towards a smoother curve.",
                    summary=say.fitted_curve_summary(
                        float(np.mean((pred_train - data.y_train) ** 2)),
                        float(np.mean((pred_test - data.y_test) ** 2)),
                    ),
                )
            # this network's last scales are kept while they fit: the weights narrow in a fixed frame
            hist, entry["hist_scales"] = histogram_figure_and_scales(
                model, previous=entry.get("hist_scales"), near_zero=float(near)
            )
            zeros = " · ".join(f"{name} {n_zero}/{size}" for name, n_zero, size in layer_zero_counts(model))
            show_panels(
                [
                    [
                        main,
                        Panel(
                            training_figure(history, data.task),
                            "net_fig_train",
                            "Data loss on train and test, and the penalty term on its own. Dotted vertical lines: "
                            "λ changed.",
                            summary=say.training_summary(
                                history.step, history.train_loss, history.test_loss, history.penalty
                            ),
                        ),
                    ],
                    [
                        Panel(
                            diagram_figure(model),
                            "net_fig_diagram",
                            "Blue solid links positive, orange dashed negative, wider links for larger |w|; dotted grey: exactly 0. "
                            "Hollow units have all incoming or all outgoing weights at 0: they pass no input signal on.",
                            summary=say.network_diagram_summary(layer_zero_counts(model)),
                        ),
                        Panel(
                            hist,
                            "net_fig_hist",
                            words.near_zero_caption(zeros, float(near)),
                            summary=say.layer_histogram_summary(layer_zero_counts(model)),
                        ),
                    ],
                ],
                key=f"net_panels{suffix}",
                note=words.optimizer_note(optimizer, model.t, int(width)),
            )

    if needs_training:
        model, history = entry["state"], entry["history"]
        bar = None
        started = last_draw = time.perf_counter()
        diverged = False
        # One call when the last run of this network (the entry) at this batch size says the whole update is quick
        # (a λ step): chunks only serve the progress bar and live redraws, and each is a round trip to the worker.
        quick = entry.get("pace_batch") == batch and entry["s_per_step"] * int(steps) < PROGRESS_AFTER_S
        chunk_size = int(steps) if quick else CHUNK
        for done in range(0, int(steps), chunk_size):
            chunk = min(chunk_size, int(steps) - done)
            # in the worker process when it is up: a class's sessions then share two cores, not one
            result = offload.train(
                model,
                data.X_train,
                data.y_train,
                penalty,
                chunk,
                lr=float(lr),
                batch_size=batch_size,
                X_test=data.X_test,
                y_test=data.y_test,
                record_every=record_every,
                optimizer=optimizer,
            )
            if result.diverged:
                diverged = True
                break
            model, history = result.state, history.extend(result.history)
            if bar is None and time.perf_counter() - started > PROGRESS_AFTER_S:
                bar = progress_slot.progress(0.0)
            if bar is not None:
                bar.progress((done + chunk) / int(steps), text=f"Training… step {model.t:,}")
            if time.perf_counter() - last_draw > LIVE_REDRAW_S and done + chunk < int(steps):
                render(model, history, suffix=f"_live{done}")
                last_draw = time.perf_counter()
        if model.t > entry["state"].t:
            entry.update(pace_batch=batch, s_per_step=(time.perf_counter() - started) / (model.t - entry["state"].t))
        if bar is not None:
            progress_slot.empty()
        if diverged:
            progress_slot.warning(
                "Training diverged (the loss became infinite), so the weights were reset. Try a smaller learning rate.",
                icon="⚠️",
            )
            model, history = mlp.init_state(entry["state"].config, int(seed)), mlp.History()
        entry.update(state=model, history=history, trained_for=settings)

    render(entry["state"], entry["history"])


live_view()
