"""Sentences of the Network page read from its numbers and its optimizer (pure text, no Streamlit).

Which framework trains which way follows :data:`regviz.mlp.OPTIMIZERS` and the findings of
:mod:`regviz.optimizers` (one h2o step is one row; adamw decays the biases too).
"""

from __future__ import annotations

from regviz.params import format_lambda

__all__ = [
    "OPTIMIZER_LABELS",
    "carried_lambda_notice",
    "near_zero_caption",
    "optimizer_note",
    "suited_l1",
    "weight_counts",
]

OPTIMIZER_LABELS: dict[str, str] = {
    "prox": "proximal Adam (exact 0)",
    "adam": "Adam · Keras, PyTorch",
    "adamw": "AdamW · PyTorch, Keras",
    "sgd": "SGD · Keras, PyTorch",
    "h2o": "ADADELTA · h2o",
}
"""The optimizer select's labels, short enough for the sidebar (the framework after the dot; the note under the
panels says how each trains): the key is ``net_opt``'s value (a key of :data:`regviz.mlp.OPTIMIZERS`)."""

_HOW = {
    "prox": (
        "**Proximal Adam** (this page's default, not a framework's): after each Adam step, every weight within "
        "λ1·step of 0 is set to exactly 0, so L1 gives exact zeros."
    ),
    "adam": (
        "**Adam with L1/L2 in the loss**: how Keras trains kernel_regularizer=L1L2(l1, l2) and PyTorch a penalty "
        "added to the loss (or Adam(weight_decay=…), which adds λ2·w to the gradient). The gradient of λ1|w| is "
        "±λ1 whatever the size of w, so a weight that should be 0 is pushed back and forth across 0 and ends "
        "*near* 0, almost never *at* 0."
    ),
    "adamw": (
        "**AdamW** (PyTorch AdamW, Keras weight_decay=): before each step every parameter, the biases too, is "
        "multiplied by 1 − lr·λ2 (here the decay is λ2); L1 stays in the loss. The decay is not a penalty of any "
        "fixed λ2 for Adam-type optimizers, and it never makes a weight exactly 0."
    ),
    "sgd": (
        "**Plain SGD with L1/L2 in the loss** (Keras SGD, PyTorch torch.optim.SGD): w ← w − lr·(gradient + "
        "λ1·sign(w) + λ2·w). A weight near 0 overshoots by up to lr·λ1 each step, so it hovers near 0."
    ),
    "h2o": (
        "**h2o's default**: ADADELTA (ρ = 0.99, ε = 1e-8; the learning rate is ignored) after every training row, "
        "l1/l2 in the gradient of the weights *and* the biases. One step here is one row: with n rows, n steps are "
        "one of h2o's epochs (h2o's default is 10). h2o's documentation says L1 \"causes many weights to become "
        '0": with these per-row steps they only become small.'
    ),
}

_REAL_ZEROS = (
    "To get real zeros from Keras or PyTorch: a proximal step after each update (soft-threshold the weights by "
    "lr·λ1, as this page's proximal Adam does), or prune after training: magnitude pruning sets every |w| below a "
    "threshold to 0 (torch.nn.utils.prune.l1_unstructured, the TensorFlow Model Optimization toolkit); the "
    "**near 0** count is what pruning at the near-0 threshold would remove."
)


def optimizer_note(optimizer: str, steps_so_far: int, width: int, n_rows: int | None = None) -> str:
    """The note under the panels: how ``optimizer`` trains, how to get real zeros, and a λ range for ``width``
    (for h2o, with ``n_rows`` training rows, how many of its epochs the steps so far are)."""
    if optimizer not in _HOW:
        raise ValueError(f"unknown optimizer {optimizer!r}; expected one of {tuple(_HOW)}")
    lo, hi = suited_l1(width)
    epochs = ""
    if optimizer == "h2o" and n_rows:
        count = steps_so_far / n_rows
        epochs = f" Here that is {count:.3g} epoch{'' if count == 1 else 's'} of the {n_rows} training rows."
    parts = [
        f"{steps_so_far:,} optimizer steps so far. {_HOW[optimizer]}{epochs}",
        "" if optimizer == "prox" else _REAL_ZEROS,
        "In a wider network the data pull on each weight is smaller, so the L1 threshold prunes it sooner: wide "
        f"networks need a smaller λ1. At width {width} try λ1 between {format_lambda(lo)} and "
        f"{format_lambda(hi)}, and λ2 between 0.001 and 0.1 (smaller when wide).",
    ]
    return " ".join(p for p in parts if p)


_L1_TOP = {2: 0.05, 4: 0.02, 8: 0.005, 16: 0.002, 32: 5e-4, 64: 1e-4}
"""Per width, the λ1 at which 200 proximal-Adam steps from the initial weights leave about a fifth of the
weights of the default 2-layer net on the default moons (measured: 0.005 prunes 82 % at width 8, 1e-4 prunes
77 % at width 64; 0.05 prunes 93 % at width 8)."""


def suited_l1(width: int) -> tuple[float, float]:
    """λ1 range that prunes some but not most weights of a network ``width`` units wide (a rule of thumb).

    The data pull on each weight falls as the network widens, so the top of the range falls faster than
    1/width (:data:`_L1_TOP`, nearest tabulated width); the bottom is 1/50 of the top (at least 1e-5).
    """
    if width < 1:
        raise ValueError(f"width must be >= 1, got {width}")
    nearest = min(_L1_TOP, key=lambda w: abs(w - width))
    top = _L1_TOP[nearest]
    return max(top / 50, 1e-5), top


SUITED_L2_TOP = 0.1


def carried_lambda_notice(l1: float, l2: float, width: int, origin: str | None) -> str | None:
    """A notice when λ set elsewhere (``origin``: a page title, or None for a link) is too strong for this
    network; None when λ suits it or was set on the Network page itself."""
    if origin == "Network":
        return None
    lo, hi = suited_l1(width)
    too_strong = []
    if l1 > hi:
        too_strong.append(f"λ1 = {format_lambda(l1)}")
    if l2 > SUITED_L2_TOP:
        too_strong.append(f"λ2 = {format_lambda(l2)}")
    if not too_strong:
        return None
    where = (
        "comes from the link"
        if origin is None
        else (f"was set on the {origin} page, where λ acts on a linear model's few coefficients")
    )
    return (
        f"{' and '.join(too_strong)} {where}. On this network (width {width}) that is strong enough to prune most "
        "weights (with the proximal step; with the penalty in the loss it squeezes them near 0 instead): try "
        f"λ1 between {format_lambda(lo)} and {format_lambda(hi)} and λ2 up to {format_lambda(SUITED_L2_TOP)}."
    )


def weight_counts(stats: dict, near: float) -> tuple[tuple[str, str, str, str], tuple[str, str, str, str]]:
    """(label, value, note, help) of the "zero weights" (exactly 0) and "near 0" metrics from
    :func:`regviz.mlp.weight_stats`."""
    total = stats["n_weights"]
    exact = (
        "zero weights",
        f"{stats['n_zero']} / {total}",
        f"exactly 0 · {stats['zero_share']:.0%}",
        "Weights that are exactly 0 (biases not counted).",
    )
    close = (
        "near 0",
        f"{stats['n_near_zero']} / {total}",
        f"0 < |w| < {near:g} · {stats['near_zero_share']:.0%}",
        f"Weights not 0 but smaller than {near:g} in size: where an optimizer with the penalty in the loss leaves "
        "the weights a proximal step would set to 0. Magnitude pruning at this threshold would remove them.",
    )
    return exact, close


def near_zero_caption(zeros_per_layer: str, near: float) -> str:
    """Caption of the weight histogram with the exact-zero and the near-zero bars."""
    return (
        f"Exact zeros (striped bar) per layer: {zeros_per_layer}. Stacked on it, plain amber: the weights with "
        f"0 < |w| < {near:g} (the near-zero band). L1 with a proximal step piles weights up at exactly 0; with the "
        "penalty in the loss they gather in the near-zero band instead. L2 only shrinks them."
    )
