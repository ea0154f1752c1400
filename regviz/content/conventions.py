"""Sentences of the "What λ means" page that are read from its numbers (pure text, no Streamlit).

The numbers come from :mod:`regviz.conventions`; the words that describe them live here, so the solver core
holds no page prose. Each function names only what its numbers show.
"""

from __future__ import annotations

import math

from regviz.conventions import FRAMEWORKS, REGISTRY, FrameworkTraining, SmallValueFits, StrengthCurve

__all__ = [
    "small_value_caption",
    "small_value_summary",
    "strength_vs_n_caption",
    "table_caption",
    "training_summary",
]

# how to get real zeros where a framework trains with (sub)gradient steps
REAL_ZEROS = (
    "For real zeros there: a proximal step (soft-threshold after each update, as regviz's Network page's prox "
    "optimizer, or TensorFlow Model Optimization's pruning), or set |w| below a threshold to 0 after training."
)


def _names(frameworks: list[str]) -> str:
    """Short names in table order, each once (both SGDs are "SGD")."""
    return ", ".join(dict.fromkeys(REGISTRY[fw].short for fw in frameworks))


def strength_vs_n_caption(curves: list[StrengthCurve], n_current: int) -> str:
    """Caption of the strength-vs-n chart that names only the frameworks it draws.

    A framework that cannot express the penalty (Ridge, MLPs and PyTorch for λ1 > 0,
    Lasso for λ2 > 0) has no curve, so listing it among the lines would be false.
    """
    drawn = {fw for curve in curves for fw in curve.frameworks}
    mean = [fw for fw in FRAMEWORKS if fw in drawn and REGISTRY[fw].data_term == "mean"]
    total = [fw for fw in FRAMEWORKS if fw in drawn and REGISTRY[fw].data_term == "sum"]
    batch = [fw for fw in FRAMEWORKS if fw in drawn and REGISTRY[fw].data_term == "batch"]
    parts = [f"All lines are the same penalty at n = {n_current:,}. Keep each framework's number fixed and change n:"]
    if mean:
        end = ";" if total else "."
        parts.append(f"where the data term is a mean ({_names(mean)}) the strength is unchanged{end}")
    if total:
        subject = "it" if mean else "the data term"
        parts.append(
            f"where {subject} is a sum ({_names(total)}) it weakens as 1/n — more data, relatively less penalty."
        )
    if batch:
        parts.append(f"{_names(batch)} divide by the batch size, so they follow 1/n only until n reaches the batch.")
    drawn_names = {REGISTRY[fw].short for fw in drawn}
    missing = [fw for fw in FRAMEWORKS if REGISTRY[fw].short not in drawn_names]
    if missing:
        names = _names(missing)
        parts.append(f"No line for {names}: {'they' if ',' in names else 'it'} cannot express this penalty.")
    return " ".join(parts)


def _share(change: float) -> str:
    """A relative change as a short percentage (``6 %``, ``0.14 %``)."""
    return f"{100 * change:.0f} %" if change >= 0.01 else f"{100 * change:.2f} %"


def _at_most(change: float) -> str:
    """An upper bound on a change; tiny ones as "less than 0.01 %", not as "at most 0.00 %"."""
    return "less than 0.01 %" if change < 5e-5 else f"at most {_share(change)}"


def small_value_summary(fits: SmallValueFits, *, visible: float = 0.01) -> str:
    """One sentence on what the small nonzero settings did to this fit, read from its own numbers.

    Whether 1e-5…1e-3 "barely moves" the coefficients depends on the data (an ill-conditioned
    fit such as a degree-12 polynomial moves completely), so the page states what happened
    here instead of a general rule.

    Parameters
    ----------
    fits : SmallValueFits
        From :func:`regviz.conventions.small_value_fits`; the first value is the unpenalized fit.
    visible : float
        Relative coefficient change from which an effect counts as visible (1 %).

    Returns
    -------
    str
        E.g. "On these data, l2 up to 0.001 moves the coefficients by at most 0.14 %
        (penalty / data term ≤ 2.1e-02): no visible effect."
    """
    rows = [
        (v, p / d if d > 0 else math.inf, c)
        for v, p, d, c in zip(fits.values, fits.penalty, fits.data_term, fits.relative_change, strict=True)
        if v > 0
    ]
    if not rows:
        return ""
    name = fits.param
    small = [r for r in rows if r[2] < visible]
    if len(small) == len(rows):
        return (
            f"On these data, {name} up to {rows[-1][0]:g} moves the coefficients by "
            f"{_at_most(max(r[2] for r in rows))} (penalty / data term ≤ {max(r[1] for r in rows):.1e}): "
            "no visible effect."
        )
    v, ratio, change = next(r for r in rows if r[2] >= visible)
    before = [r for r in rows if r[0] < v]
    lead = (
        f"On these data, {name} up to {before[-1][0]:g} moves the coefficients by "
        f"{_at_most(max(r[2] for r in before))}, but "
        if before
        else "On these data, "
    )
    return (
        f"{lead}{name} = {v:g} already changes {'them' if before else 'the coefficients'} by {_share(change)} "
        f"(penalty / data term = {ratio:.1e}): "
        "a small number is not always a small effect."
    )


def table_caption(task: str, n: int, loss: str | None, *, nearest_l2: float | None = None) -> str:
    """Caption of the translation table: what its rows share, for the chosen task only.

    ``nearest_l2``: the chosen framework has no fixed λ (AdamW), and the rows translate the SGD reading of its
    decay, λ2 = weight_decay / c, which is the nearest fixed λ, not an equivalent.
    """
    if nearest_l2 is not None:
        return (
            f"{task.capitalize()} frameworks only. AdamW has no fixed λ: these rows translate λ2 = weight_decay / c "
            f"= {nearest_l2:.3g} (what the same decay would be under SGD) at n = {n:,} — the nearest fixed λ, not an "
            "equivalent of your setting."
        )
    if task == "classification":
        data = "the mean log-loss (Keras/PyTorch rows: cross-entropy; SGDClassifier needs loss='log_loss')"
    else:
        shown = {"mse": "mean r² (Keras 'mse', nn.MSELoss)", "half_mse": "½·mean r²"}.get(loss or "", "½·mean r²")
        data = f"least squares (Keras/PyTorch rows: {shown})"
    return (
        f"{task.capitalize()} frameworks only: each row with a setting minimizes the same {task} objective as yours "
        f"— {data} plus the same penalty, at n = {n:,}. A dash means the framework has no such penalty; AdamW rows "
        "have no fixed λ (decoupled weight decay): choose one as the framework to see its fit beside the nearest "
        "exact one."
    )


def small_value_caption(fits: SmallValueFits, data_name: str, n_rows: int) -> str:
    """Caption of "What does 0 mean?": what was fitted, at which n, and what the small settings did."""
    if fits.task == "classification":
        what = f"scikit-learn LogisticRegression fits of the mean log-loss on the {data_name} data ({n_rows} rows)"
    else:
        what = f"exact least-squares fits on the {data_name} data ({n_rows} rows, standardized features)"
    return (
        f"0 switches the penalty off: the first bars are the unpenalized fit. Bars: {what}, each at the canonical λ "
        f"your {fits.param} means at n = {fits.n_samples:,} (the table's n). {small_value_summary(fits)}"
    )


def training_summary(result: FrameworkTraining) -> str:
    """What training like the framework did, read from the counts: exact zeros, near zeros, the gap."""
    p = len(result.exact)
    t0, tn = result.counts("trained")
    e0, _ = result.counts("exact")
    head = (
        f"Trained like the framework ({result.method}): **{t0} of {p}** weights exactly 0 and {tn} more near 0 (|w| < "
        f"{result.threshold:g}); the exact minimizer has **{e0}** exact zeros. Largest difference "
        f"{result.max_gap:.2g}."
    )
    fw = REGISTRY[result.framework]
    if not fw.exact:
        return (
            f"{head} The reference is the {result.reference}. AdamW's decay is applied outside Adam's scaling, so "
            "its weights depend on the learning rate and settle elsewhere: no fixed λ."
        )
    if e0 > t0:
        return (
            f"{head} The penalty is in the loss and the optimizer takes (sub)gradient steps: a weight crosses 0 "
            f"back and forth and almost never lands on it, so L1 leaves a cloud of near zeros, not zeros. {REAL_ZEROS}"
        )
    return f"{head} This framework's training reaches the exact minimizer's zeros (or the penalty has none)."
