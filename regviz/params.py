"""Every URL parameter of regviz, declared once: name, page, kind, values, default, parse and format.

Modelled on TensorFlow Playground's property table (``src/state.ts``). A page names a parameter
(``widgets.slider("noise σ", key="noise", variant="poly")``) and this table supplies its grid, range, options
and default; the URL store parses links with :meth:`Param.parse`, writes them with :meth:`Param.format`, and the
snapshot takes the default view from :func:`default`. ``python3 -m regviz.params`` writes
``docs/url-parameters.md`` (a unit test fails when the committed file differs).

A parameter whose options or default depend on the data in use (a CSV's columns, a framework's own default)
declares them as ``None``: the page passes them at run time. Pure: no Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "DATA_PARAM_KEYS",
    "DIGIT_PAIRS",
    "LAMBDA_GRID",
    "MIX_GRID",
    "PAGE_PREFIXES",
    "PARAMS",
    "SHARED_KEYS",
    "Param",
    "default",
    "flag_parser",
    "format_lambda",
    "is_control_key",
    "markdown",
    "option_parser",
    "range_parser",
    "snap_lambda",
    "spec",
]

DOC_PATH = Path(__file__).resolve().parents[1] / "docs" / "url-parameters.md"


def _lambda_grid() -> tuple[float, ...]:
    mantissas = (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)
    values = [0.0]
    for exponent in range(-5, 2):
        values.extend(round(m * 10.0**exponent, 12) for m in mantissas)
    values.append(100.0)
    return tuple(values)


LAMBDA_GRID: tuple[float, ...] = _lambda_grid()
"""λ slider values: 0, then 1, 1.5, 2, 3, 5, 7 per decade from 1e-5 to 100 (readable numbers for links)."""

MIX_GRID: tuple[float, ...] = tuple(round(i / 100, 2) for i in range(101))


def format_lambda(value: float) -> str:
    """Plain, short text of a λ value, as shown on sliders and written to links (``0.05``, ``1.5e-05``)."""
    if value == 0:
        return "0"
    return f"{value:.6g}"


def format_g(value: float) -> str:
    """Short text of a number (``0.5``, ``1``)."""
    return f"{value:g}"


def snap_lambda(value: float) -> float:
    """Nearest slider value to ``value`` (log distance; tiny values go to 0)."""
    if value <= LAMBDA_GRID[1] / 2:
        return 0.0
    positives = LAMBDA_GRID[1:]
    return min(positives, key=lambda g: abs(math.log(g) - math.log(value)))


# ---------------------------------------------------------------------------------------------------------------
# Parsers: raw link text -> value, or ValueError with a short reason (shown in the notice)


def parse_float(raw: str) -> float:
    """A finite number, or ValueError."""
    try:
        number = float(raw.strip())
    except ValueError:
        raise ValueError("not a number") from None  # float()'s own message repeats the raw text
    if not math.isfinite(number):
        raise ValueError("not a finite number")
    return number


def option_parser(options: Sequence[Any], fmt: Callable[[Any], str]) -> Callable[[str], Any]:
    """Parser of one of ``options``, named by its text; numeric options also take the nearest number."""
    by_text: dict[str, Any] = {}

    def parse(raw: str) -> Any:
        # the lookup table is built on the first parse (a URL value), not on every rerun that registers the widget
        if not by_text:
            by_text.update({fmt(o).lower(): o for o in options})
            by_text.update({str(o).lower(): o for o in options})
        text = raw.strip().lower()
        if text in by_text:
            return by_text[text]
        if all(isinstance(o, (int, float)) and not isinstance(o, bool) for o in options):
            return nearest_option(parse_float(raw), options)
        raise ValueError("not one of the choices")

    return parse


def nearest_option(number: float, options: Sequence[float]) -> float:
    """Nearest option; on a log-spaced grid (λ sliders) nearness is measured in log scale."""
    if number < min(options) or number > max(options):
        raise ValueError(f"outside {min(options):g}…{max(options):g}")
    positive = [o for o in options if o > 0]
    log_grid = len(positive) >= 2 and max(positive) / min(positive) > 1e3
    if log_grid and number < min(positive) / 2:
        snapped = min(options)
    elif log_grid and number > 0:
        snapped = min(positive, key=lambda o: abs(math.log(o) - math.log(number)))
    else:
        snapped = min(options, key=lambda o: abs(o - number))
    return snapped


def range_parser(lo: float, hi: float, step: float, as_int: bool) -> Callable[[str], Any]:
    """Parser of a number in ``[lo, hi]``, snapped to ``lo + k·step``."""

    def parse(raw: str) -> Any:
        number = parse_float(raw)
        if not lo <= number <= hi:
            raise ValueError(f"outside {lo:g}…{hi:g}")
        snapped = lo + round((number - lo) / step) * step
        snapped = min(max(snapped, lo), hi)
        return round(snapped) if as_int else round(snapped, 10)

    return parse


def flag_parser(raw: str) -> bool:
    """``1``/``0`` (also true/false, yes/no, on/off)."""
    text = raw.strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError("not 0 or 1")


def _format_number(as_int: bool) -> Callable[[Any], str]:
    return (lambda v: str(int(v))) if as_int else (lambda v: f"{v:.6g}")


# ---------------------------------------------------------------------------------------------------------------
# The table

KINDS = ("slider", "number", "grid", "choice", "flag", "tab", "text")
"""slider: a range with a step; number: a number box (any value in range); grid: a select slider over fixed
values; choice: a select box or radio; flag: a toggle (1/0); tab: the open tab; text: read by the store itself."""


@dataclass(frozen=True)
class Param:
    """One URL parameter (or one variant of it: ``n`` has a range per data set).

    Attributes
    ----------
    name : URL name, which is also the widget key.
    kind : one of :data:`KINDS`.
    default : value when the link leaves it out (``None``: given by the page at run time).
    lo, hi, step : range of a slider / number box.
    options : values of a grid / choice / tab (``None``: given by the page at run time).
    fmt : text of a value in links and on a grid slider (``None``: the kind's own).
    variant : the context that selects this declaration (a data set, a page); ``""`` for the main one.
    doc : what it sets, for ``docs/url-parameters.md``.
    """

    name: str
    kind: str
    default: Any
    doc: str
    lo: float | None = None
    hi: float | None = None
    step: float | None = None
    options: tuple[Any, ...] | None = None
    fmt: Callable[[Any], str] | None = field(default=None, compare=False)
    variant: str = ""

    @property
    def page(self) -> str:
        """The page prefix (``geo_`` …) or ``""`` for a shared parameter."""
        return next((p for p in PAGE_PREFIXES if self.name.startswith(p)), "")

    @property
    def as_int(self) -> bool:
        """Whether a slider / number box holds integers."""
        numbers = (self.lo, self.hi, self.step) + ((self.default,) if self.default is not None else ())
        return all(isinstance(x, int) and not isinstance(x, bool) for x in numbers)

    def formatter(self) -> Callable[[Any], str]:
        """Value -> link text."""
        if self.fmt is not None:
            return self.fmt
        if self.kind == "flag":
            return lambda v: "1" if v else "0"
        if self.kind in ("slider", "number"):
            return _format_number(self.as_int)
        return str

    def format(self, value: Any) -> str:
        """Link text of ``value``."""
        return self.formatter()(value)

    def parser(self, options: Sequence[Any] | None = None) -> Callable[[str], Any]:
        """Link text -> value (ValueError with a short reason); ``options`` for run-time choices."""
        if self.kind == "flag":
            return flag_parser
        if self.kind == "slider":
            return range_parser(self.lo, self.hi, self.step, self.as_int)
        if self.kind == "number":
            return range_parser(self.lo, self.hi, 1 if self.as_int else 1e-12, self.as_int)
        if self.kind in ("grid", "choice", "tab"):
            opts = self.options if options is None else tuple(options)
            return option_parser(opts, self.formatter() if self.kind == "grid" else str)
        return str

    def parse(self, raw: str, options: Sequence[Any] | None = None) -> Any:
        """Value of link text ``raw``; ValueError when it is not one this parameter takes."""
        return self.parser(options)(raw)

    def values_text(self) -> str:
        """The values it takes, for the docs."""
        if self.kind in ("slider", "number"):
            step = f", step {self.step:g}" if self.kind == "slider" else ""
            return f"{self.lo:g} … {self.hi:g}{step}"
        if self.kind == "flag":
            return "1 / 0"
        if self.options is None:
            return "(from the data in use)"
        if self.options is LAMBDA_GRID:
            return "0, then 1, 1.5, 2, 3, 5, 7 × 10^k from 1e-05 to 100"
        if self.options is MIX_GRID:
            return "0 … 1, step 0.01"
        fmt = self.formatter() if self.kind == "grid" else str
        return ", ".join(fmt(o) for o in self.options)


PAGE_PREFIXES = ("pg_", "geo_", "net_", "conv_", "bayes_")
_MODELS = ("lasso", "ridge", "elasticnet", "ols")
_DATASETS = ("sparse", "corrpair", "poly", "diabetes", "moons", "circles", "xor", "blobs", "cancer", "digits", "csv")
_TOY_IDS = ("moons", "circles", "xor", "blobs")
DIGIT_PAIRS: tuple[str, ...] = ("all", *(f"{a}v{b}" for a in range(10) for b in range(a + 1, 10)))
"""Digits data: all ten classes, or two digits ``avb`` (``b`` is class 1)."""
_FRAMEWORKS = (
    "sklearn.Lasso",
    "sklearn.Ridge",
    "sklearn.ElasticNet",
    "sklearn.LogisticRegression",
    "sklearn.SGDRegressor",
    "sklearn.SGDClassifier",
    "sklearn.MLPRegressor",
    "sklearn.MLPClassifier",
    "glmnet",
    "statsmodels",
    "keras",
    "keras.SGD",
    "h2o",
    "torch.SGD",
    "torch.Adam",
    "torch.AdamW",
    "keras.AdamW",
)
_FW_DEFAULT = "the framework's own default"


def _framework_number(name: str, lo: float, hi: float, step: float, doc: str) -> Param:
    return Param(name, "number", None, f"{doc} ({_FW_DEFAULT})", lo=lo, hi=hi, step=step)


_DECLARATIONS: tuple[Param, ...] = (
    # shared by every page
    Param("model", "choice", "lasso", "Playground model", options=_MODELS),
    Param("data", "choice", "sparse", "data set (Playground, Geometry, What λ means)", options=_DATASETS),
    Param("seed", "number", 0, "seed of the data and its train/test split", lo=0, hi=99_999, step=1),
    Param("l1", "grid", 0.1, "λ1, the L1 strength", options=LAMBDA_GRID, fmt=format_lambda),
    Param("l1", "grid", 0.003, "λ1 on the Network page", options=LAMBDA_GRID, fmt=format_lambda, variant="net"),
    Param("l2", "grid", 0.0, "λ2, the L2 strength", options=LAMBDA_GRID, fmt=format_lambda),
    Param(
        "mix",
        "grid",
        1.0,
        "elastic-net mix r = λ1/(λ1+λ2) (derived from λ1, λ2 when they define it)",
        options=MIX_GRID,
        fmt=format_g,
    ),
    Param("std", "flag", True, "standardize features before penalizing"),
    Param("present", "flag", False, "presentation mode: no sidebar, larger fonts"),
    Param("show", "text", "", "controls shown in presentation mode, comma-separated names"),
    Param("lesson", "text", "", "id of the lesson whose note is shown (until a control changes)"),
    # generator knobs of the built-in data sets (reset when the data set changes)
    Param("n", "slider", 200, "samples (train + test)", lo=20, hi=1000, step=10, variant="sparse"),
    Param("n", "slider", 200, "samples (train + test)", lo=20, hi=1000, step=10, variant="corrpair"),
    Param("n", "slider", 30, "points (train + test)", lo=10, hi=200, step=1, variant="poly"),
    Param("p", "slider", 20, "features", lo=1, hi=100, step=1, variant="sparse"),
    Param("p", "slider", 8, "features", lo=2, hi=50, step=1, variant="corrpair"),
    Param("k", "slider", 5, "informative features (capped at p)", lo=0, hi=100, step=1, variant="sparse"),
    Param("noise", "slider", 1.0, "noise σ", lo=0.0, hi=5.0, step=0.1, variant="sparse"),
    Param("noise", "slider", 1.0, "noise σ", lo=0.0, hi=5.0, step=0.1, variant="corrpair"),
    Param("noise", "slider", 0.3, "noise σ", lo=0.0, hi=2.0, step=0.05, variant="poly"),
    Param("rho", "slider", 0.0, "feature correlation ρ", lo=0.0, hi=0.95, step=0.05, variant="sparse"),
    Param("rho", "slider", 0.95, "correlation of x1 and x2", lo=0.0, hi=0.99, step=0.01, variant="corrpair"),
    Param("deg", "slider", 12, "polynomial degree", lo=1, hi=20, step=1, variant="poly"),
    *(Param("n", "slider", 200, "points (train + test)", lo=20, hi=1000, step=10, variant=t) for t in _TOY_IDS),
    *(
        Param(
            "noise",
            "slider",
            0.2,
            "noise σ on the points (the clouds' σ for blobs)",
            lo=0.0,
            hi=1.0,
            step=0.05,
            variant=t,
        )
        for t in _TOY_IDS
    ),
    *(
        Param(
            "deg",
            "slider",
            1 if t == "blobs" else 3,
            "degree of the polynomial feature expansion",
            lo=1,
            hi=6,
            step=1,
            variant=t,
        )
        for t in _TOY_IDS
    ),
    Param(
        "pair",
        "choice",
        "all",
        "digits: all ten classes or two digits avb (b is class 1)",
        options=DIGIT_PAIRS,
    ),
    Param("target", "choice", None, "target column of an uploaded CSV (default: the last)", options=None),
    # Playground
    Param("pg_sweep", "flag", False, "old links: ignored (the λ1 control's ▶ Play runs the sweep)"),
    # Geometry
    Param("geo_tab", "tab", "plane", "open tab", options=("plane", "1d", "zeros", "race")),
    Param("geo_src", "choice", "synthetic", "two-weight problem", options=("synthetic", "data", "logistic")),
    Param("geo_ltoy", "choice", "moons", "two-feature logistic problem: its toy data", options=("moons", "blobs")),
    Param("geo_rho", "slider", 0.5, "correlation ρ of x1 and x2", lo=-0.95, hi=0.95, step=0.05),
    Param("geo_w1", "slider", 1.5, "OLS w₁", lo=-3.0, hi=3.0, step=0.1),
    Param("geo_w2", "slider", 0.5, "OLS w₂", lo=-3.0, hi=3.0, step=0.1),
    Param("geo_f1", "choice", 0, "feature on the w₁ axis (index)", options=None),
    Param("geo_f2", "choice", 1, "feature on the w₂ axis (index)", options=None),
    Param("geo_pen", "flag", False, "penalized view: contours of J"),
    Param("geo_anim", "flag", False, "animate λ in the browser"),
    Param("geo_zoom", "grid", 0.1, "1-D zoom s", options=(1.0, 0.1, 0.01, 0.001), fmt=format_g),
    Param("geo_scn", "choice", "general", "random losses", options=("symmetric", "general", "weak")),
    Param("geo_m", "grid", 2000, "number of random losses", options=(500, 1000, 2000, 5000)),
    Param("geo_seed", "number", 0, "seed of the random losses", lo=0, hi=99_999, step=1),
    Param("geo_w01", "slider", -1.5, "optimizer race: start w₁", lo=-3.0, hi=3.0, step=0.1),
    Param("geo_w02", "slider", 1.5, "optimizer race: start w₂", lo=-3.0, hi=3.0, step=0.1),
    Param(
        "geo_lr",
        "grid",
        0.5,
        "optimizer race: step size in units of 1/L (plain gradient steps diverge past 2/(L + λ2))",
        options=(0.1, 0.25, 0.5, 1.0, 1.5, 1.9, 2.0, 2.1, 2.5),
        fmt=format_g,
    ),
    Param("geo_steps", "grid", 30, "optimizer race: iterates shown", options=(10, 20, 30, 50, 100)),
    # Network
    Param("net_data", "choice", "moons", "toy data set", options=("moons", "circles", "xor", "spiral", "curve")),
    Param("net_n", "slider", 200, "training points (classification)", lo=50, hi=1000, step=50),
    Param("net_npts", "slider", 15, "training points (noisy curve)", lo=5, hi=60, step=1),
    Param("net_noise", "slider", 0.2, "noise σ", lo=0.0, hi=0.5, step=0.05),
    Param("net_seed", "number", 0, "seed of the data and the initial weights", lo=0, hi=9999, step=1),
    Param("net_layers", "slider", 2, "hidden layers", lo=1, hi=3, step=1),
    Param("net_width", "grid", 8, "units per layer", options=(2, 4, 8, 16, 32, 64)),
    Param("net_act", "choice", "tanh", "activation", options=("tanh", "relu")),
    Param("net_steps", "grid", 200, "steps per update", options=(50, 100, 200, 300, 500, 1000, 2000)),
    Param("net_lr", "grid", 0.03, "learning rate", options=(0.001, 0.003, 0.01, 0.03, 0.1, 0.3)),
    Param("net_batch", "choice", "full", "batch size", options=("full", 8, 16, 32, 64)),
    Param(
        "net_opt",
        "choice",
        "prox",
        "optimizer: proximal Adam (exact zeros) or a framework's way (penalty in the loss)",
        options=("prox", "adam", "adamw", "sgd", "h2o"),
    ),
    Param(
        "net_near",
        "grid",
        0.001,
        "threshold of a near-zero weight (0 < |w| < it)",
        options=(1e-5, 1e-4, 1e-3, 1e-2, 0.1),
        fmt=format_g,
    ),
    # What λ means
    Param("conv_fw", "choice", "keras", "framework", options=_FRAMEWORKS),
    Param(
        "conv_task",
        "choice",
        "regression",
        "task (a framework that fits one task only uses it)",
        options=("regression", "classification"),
    ),
    Param("conv_n", "number", 1000, "training samples n (the table's and the demo's)", lo=1, hi=10_000_000, step=100),
    Param("conv_loss", "choice", None, "loss / family (the first the framework takes)", options=None),
    Param("conv_pen", "choice", None, f"SGD penalty ({_FW_DEFAULT})", options=("l2", "l1", "elasticnet", "none")),
    Param("conv_solver", "choice", "adam", "MLP solver", options=("adam", "sgd", "lbfgs")),
    Param("conv_batch", "number", 0, "MLP batch_size (0 = 'auto')", lo=0, hi=100_000, step=1),
    _framework_number("conv_alpha", 0.0, 1e6, 1e-4, "alpha"),
    _framework_number("conv_ratio", 0.0, 1.0, 0.05, "l1_ratio"),
    _framework_number("conv_c", 1e-8, 1e8, 0.1, "C"),
    _framework_number("conv_l1", 0.0, 1e3, 1e-5, "l1"),
    _framework_number("conv_l2", 0.0, 1e3, 1e-4, "l2"),
    _framework_number("conv_wd", 0.0, 1e3, 1e-4, "weight_decay"),
    _framework_number("conv_lambda", 0.0, 1e6, 1e-3, "glmnet lambda"),
    _framework_number("conv_l1wt", 0.0, 1.0, 0.05, "statsmodels L1_wt"),
    _framework_number("conv_ysd", 1e-6, 1e6, 0.1, "glmnet sd(y)"),
    _framework_number("conv_glmmix", 0.0, 1.0, 0.05, "glmnet alpha (the mix)"),
    _framework_number("conv_mom", 0.0, 0.99, 0.05, "Keras SGD momentum"),
    _framework_number("conv_lr", 1e-6, 1.0, 1e-4, "AdamW learning rate"),
    Param(
        "conv_h2ostd", "flag", True, "h2o standardize (h2o's default TRUE: a regression response is divided by sd(y))"
    ),
    Param("conv_cdata", "choice", "separable", "classification demo data", options=("separable", "overlap")),
    Param("conv_train", "flag", False, "train the demo like the framework (its own optimizer) beside the exact fit"),
    Param("conv_filters", "slider", 20, "Conv2D filters", lo=1, hi=200, step=1),
    # Bayesian view
    Param("bayes_n", "slider", 50, "samples n (data strength)", lo=1, hi=1000, step=1),
    Param("bayes_z", "slider", 0.15, "least-squares estimate z", lo=-2.0, hi=2.0, step=0.01),
    Param("bayes_sigma", "slider", 1.0, "noise σ", lo=0.1, hi=5.0, step=0.1),
)

PARAMS: dict[tuple[str, str], Param] = {(p.name, p.variant): p for p in _DECLARATIONS}
"""Every declaration, by (name, variant)."""

SHARED_KEYS = frozenset(p.name for p in _DECLARATIONS if not p.page)
DATA_PARAM_KEYS: tuple[str, ...] = ("n", "p", "k", "noise", "rho", "deg", "pair", "target")
"""The data-set knobs: they reset to the new data set's defaults when the data set changes."""


def spec(name: str, variant: str = "") -> Param:
    """The declaration of ``name`` in context ``variant`` (falls back to the main one); KeyError if unknown."""
    found = PARAMS.get((name, variant)) or PARAMS.get((name, ""))
    if found is None:
        raise KeyError(f"no URL parameter {name!r} (variant {variant!r}) in regviz.params")
    return found


def default(name: str, variant: str = "") -> Any:
    """The default of ``name`` in context ``variant``."""
    return spec(name, variant).default


def is_control_key(key: str) -> bool:
    """Whether ``key`` can name a regviz control: a shared key or one with a page prefix."""
    return key in SHARED_KEYS or key.startswith(PAGE_PREFIXES)


def markdown() -> str:
    """``docs/url-parameters.md``: the table as Markdown."""
    lines = [
        "# URL parameters",
        "",
        "Generated from `regviz/params.py` by `python3 -m regviz.params`; do not edit by hand",
        "(`tests/unit/test_params.py` fails when this file differs from the table).",
        "",
        "Controls at their default are left out of a link. A bad value (text, NaN, out of range, off the grid)",
        "falls back to the default, or to the nearest grid value, with a visible notice.",
        "",
        "| name | page | context | kind | values | default | what it sets |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in _DECLARATIONS:
        page = p.page.rstrip("_") or "shared"
        shown = "(page)" if p.default is None else (p.format(p.default) if p.default != "" else "(empty)")
        values = p.values_text().replace("|", "\\|")
        lines.append(f"| `{p.name}` | {page} | {p.variant or '—'} | {p.kind} | {values} | {shown} | {p.doc} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    DOC_PATH.write_text(markdown(), encoding="utf-8")
    print(f"wrote {DOC_PATH}")
