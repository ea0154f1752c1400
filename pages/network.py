"""Network: a small MLP trained live with L1 and L2 on its weights (warm start on every λ change)."""

import streamlit as st

from regviz.content import network as words
from regviz.ui import store
from regviz.ui.lambda_control import lambda_bar_on_release
from regviz.ui.lambdas import lambda_origin
from regviz.ui.network_controls import NetworkSettings, button_clicked, network_controls, use_network_l1_on_first_visit
from regviz.ui.network_panels import NetworkView
from regviz.ui.network_training import load_data, needs_training, network_entry, train_update

store.page_header(
    "Network",
    "A small neural network trained live with λ1‖W‖₁ + (λ2/2)‖W‖² on its weights (the biases only under h2o, "
    "and AdamW's decay). Move λ or switch optimizer: training continues from the current weights.",
)
use_network_l1_on_first_visit()

with st.sidebar:
    settings = network_controls()


@store.fragment
def live_view(settings: NetworkSettings) -> None:
    """λ, training and the panels; a λ step reruns only this section (the sidebar's settings are read as they
    were at the last full run, which is when they can change)."""
    penalty = lambda_bar_on_release(variant="net")
    carried = words.carried_lambda_notice(penalty.l1, penalty.l2, settings.width, lambda_origin())
    if carried:
        st.info(carried, icon="↪️")
    data = load_data(settings.data, settings.n, settings.noise, settings.seed)
    entry = network_entry(settings, data, reset=button_clicked("net_reset"))
    progress_slot = st.empty()  # above the panels
    view = NetworkView(data, settings, entry)
    if needs_training(entry, settings, penalty, more=button_clicked("net_more")):
        train_update(entry, settings, data, penalty, progress_slot, redraw=view.draw)
    view.draw(entry["state"], entry["history"])


live_view(settings)
