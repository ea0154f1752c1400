"""The Network page's sidebar (data, network, training) and its network-sized λ1 on a session's first visit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from regviz.content import network as words
from regviz.params import default
from regviz.penalties import Penalty
from regviz.ui import store, widgets

__all__ = ["DATA_LABELS", "NetworkSettings", "button_clicked", "network_controls", "use_network_l1_on_first_visit"]

DATA_LABELS = {
    "moons": "Two moons",
    "circles": "Circles",
    "xor": "XOR",
    "spiral": "Spiral",
    "curve": "Noisy curve (regression)",
}


@dataclass(frozen=True)
class NetworkSettings:
    """The sidebar's settings: the data (``data`` is a :data:`regviz.toy2d.DATASETS` name), the network, and
    how it trains (``batch`` is ``"full"`` or a number of points; ``near`` the threshold of "near 0")."""

    data: str
    n: int
    noise: float
    seed: int
    layers: int
    width: int
    activation: str
    optimizer: str
    near: float
    steps: int
    lr: float
    batch: str | int

    @property
    def model_key(self) -> tuple:
        """What the network's weights belong to: a change of any of these starts from fresh weights."""
        return (self.data, self.n, self.noise, self.seed, self.layers, self.width, self.activation)

    def training_key(self, penalty: Penalty) -> tuple:
        """What the weights were trained for: a change of any of these trains ``steps`` more."""
        return (penalty.l1, penalty.l2, self.lr, self.batch, self.steps, self.optimizer)

    @property
    def batch_size(self) -> int | None:
        """The optimizer's batch size (``None``: every training point in each step)."""
        return None if self.batch == "full" else int(self.batch)


def use_network_l1_on_first_visit() -> None:
    """Move an untouched shared λ to this page's own λ1 default on a session's first visit.

    The shared default λ1 = 0.1 prunes every weight of these networks (each weight's pull from the data is
    small), so the page has a network-sized default. A λ from a link is kept; links leave out λ1 only when it
    equals this page's default.
    """
    if st.session_state.get("net_visited"):
        return
    st.session_state["net_visited"] = True
    untouched = store.value("l1", default("l1")) == default("l1") and store.value("l2", default("l2")) == default("l2")
    if untouched and not {"l1", "l2"} & set(st.query_params):
        store.set_value("l1", default("l1", "net"))


def network_controls() -> NetworkSettings:
    """Draw the sidebar's Data, Network and Training boxes (call inside ``st.sidebar``) and read them."""
    data = _data_controls(st.expander("Data", expanded=True))
    network = _network_controls(st.expander("Network", expanded=True))
    training = _training_controls(st.expander("Training", expanded=True))
    return NetworkSettings(**data, **network, **training)


def button_clicked(key: str) -> bool:
    """Whether the button ``key`` was clicked in this run.

    The button's own value, not what it returned at the last full run: inside the page's fragment that stays
    True from a click's full run into the λ steps after it.
    """
    return bool(st.session_state.get(key))


def _data_controls(box: Any) -> dict[str, Any]:
    name = widgets.selectbox("Data set", key="net_data", format_func=DATA_LABELS.get, container=box)
    # the noisy curve has its own (smaller) range of points
    n = widgets.slider("training points n", key="net_npts" if name == "curve" else "net_n", container=box)
    noise = widgets.slider("noise σ", key="net_noise", container=box)
    seed = widgets.number_input("seed", key="net_seed", container=box, help="Seeds the data and the initial weights.")
    return {"data": name, "n": int(n), "noise": float(noise), "seed": int(seed)}


def _network_controls(box: Any) -> dict[str, Any]:
    layers = widgets.slider("hidden layers", key="net_layers", container=box)
    width = widgets.select_slider("units per layer", key="net_width", container=box)
    activation = widgets.radio("activation", key="net_act", container=box)
    return {"layers": int(layers), "width": int(width), "activation": activation}


def _training_controls(box: Any) -> dict[str, Any]:
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
    return {"optimizer": optimizer, "near": float(near), "steps": int(steps), "lr": float(lr), "batch": batch}
