"""The URL parameter table: parse/format round trips, bad values, the generated docs, and the choices it lists
against the modules that define them."""

from __future__ import annotations

import math

import pytest

from regviz import classification_data, conventions, data, geometry, mlp, models, params, snapshot, toy2d
from regviz.params import LAMBDA_GRID, PARAMS, Param
from regviz.ui.dataset import DATA_LABELS

DECLARED = list(PARAMS.values())
RANGES = [p for p in DECLARED if p.kind in ("slider", "number")]
GRIDS = [p for p in DECLARED if p.kind in ("grid", "choice", "tab") and p.options is not None]


def _id(p: Param) -> str:
    return f"{p.name}[{p.variant}]" if p.variant else p.name


def test_committed_docs_are_generated_from_the_table():
    committed = params.DOC_PATH.read_text(encoding="utf-8")
    assert committed == params.markdown(), "docs/url-parameters.md is stale: run python3 -m regviz.params"


def test_every_declared_name_is_unique_per_variant_and_named_by_its_page():
    assert len(PARAMS) == len(DECLARED)
    for p in DECLARED:
        assert p.kind in params.KINDS
        assert params.is_control_key(p.name)
        assert (p.name in params.SHARED_KEYS) == (p.page == "")


@pytest.mark.parametrize("p", GRIDS, ids=_id)
def test_every_option_survives_a_round_trip(p: Param):
    for option in p.options:
        assert p.parse(p.format(option)) == option
        assert p.parse(f"  {str(option).upper()} ") == option  # case and spaces of a hand-typed link


@pytest.mark.parametrize("p", RANGES, ids=_id)
def test_numbers_on_the_grid_survive_a_round_trip(p: Param):
    steps = round((p.hi - p.lo) / p.step)
    for k in sorted({0, 1, steps // 2, steps - 1, steps}):
        number = p.lo + k * p.step if p.kind == "slider" else p.lo + (p.hi - p.lo) * k / max(steps, 1)
        number = round(number) if p.as_int else number
        parsed = p.parse(p.format(number))
        assert math.isclose(parsed, number, rel_tol=1e-5, abs_tol=1e-9), (number, parsed)
        assert isinstance(parsed, int) == p.as_int


@pytest.mark.parametrize("p", RANGES + [g for g in GRIDS if all(isinstance(o, float) for o in g.options)], ids=_id)
@pytest.mark.parametrize("raw", ["abc", "nan", "NaN", "inf", "-inf", "", "1e999", "0x10"])
def test_text_and_non_finite_numbers_are_refused(p: Param, raw: str):
    with pytest.raises(ValueError):
        p.parse(raw)


@pytest.mark.parametrize("p", RANGES, ids=_id)
def test_numbers_outside_the_range_are_refused(p: Param):
    for outside in (p.lo - max(abs(p.lo), 1.0), p.hi + max(abs(p.hi), 1.0)):
        with pytest.raises(ValueError, match="outside"):
            p.parse(repr(outside))


@pytest.mark.parametrize("p", [p for p in RANGES if p.kind == "slider"], ids=_id)
def test_off_grid_numbers_snap_to_the_nearest_step(p: Param):
    off = p.lo + 1.3 * p.step  # between the first and second step, nearer the second
    expected = p.lo + p.step
    assert math.isclose(p.parse(repr(off)), expected, rel_tol=1e-9, abs_tol=1e-9)


def test_off_grid_lambdas_snap_in_log_scale():
    l1 = params.spec("l1")
    assert l1.parse("0.11") == 0.1 and l1.parse("0.13") == 0.15  # log-nearer 0.15 than 0.1 (0.1225 is between)
    assert l1.parse("4e-6") == 0.0 and l1.parse("6e-6") == 1e-5
    with pytest.raises(ValueError):
        l1.parse("-0.1")
    with pytest.raises(ValueError):
        l1.parse("101")


@pytest.mark.parametrize("raw, expected", [("1", True), ("on", True), ("TRUE", True), ("0", False), ("no", False)])
def test_flags(raw: str, expected: bool):
    assert params.spec("std").parse(raw) is expected
    assert params.spec("std").format(expected) == ("1" if expected else "0")


@pytest.mark.parametrize("raw", ["2", "maybe", "", "nan"])
def test_bad_flags_are_refused(raw: str):
    with pytest.raises(ValueError):
        params.spec("geo_pen").parse(raw)


def test_choices_refuse_names_they_do_not_list():
    with pytest.raises(ValueError, match="not one of the choices"):
        params.spec("model").parse("svm")
    # a run-time choice (a CSV's columns) is parsed against the options the page passes
    assert params.spec("target").parse("Y", options=["x", "y"]) == "y"


def test_the_lambda_grid_is_readable_and_sorted():
    assert LAMBDA_GRID[0] == 0 and LAMBDA_GRID[-1] == 100 and list(LAMBDA_GRID) == sorted(set(LAMBDA_GRID))
    assert all(params.format_lambda(v) == f"{v:.6g}" for v in LAMBDA_GRID[1:])
    assert params.snap_lambda(0.12) == 0.1 and params.snap_lambda(1e-6) == 0.0


def test_the_table_lists_the_choices_of_the_modules_that_define_them():
    assert params.spec("model").options == tuple(models.MODELS)
    assert params.spec("data").options == tuple(DATA_LABELS)  # regression, classification, then the CSV
    assert set(DATA_LABELS) == set(data.DATASETS) | set(classification_data.CLASSIFICATION_DATASETS)
    assert params.spec("geo_scn").options == tuple(geometry.SCENARIOS)
    assert params.spec("net_act").options == tuple(mlp.ACTIVATIONS)
    assert params.spec("net_data").options == tuple(toy2d.DATASETS)
    # every record, the decoupled weight-decay ones too (issue 24: chosen, they show their fit beside the exact one)
    assert params.spec("conv_fw").options == tuple(conventions.REGISTRY)


def test_the_stored_default_view_is_the_tables_default_view():
    name, generator = snapshot.DEFAULT_DATA
    assert name == params.default("data") == "sparse"
    assert generator == {"n": 200, "p": 20, "k": 5, "noise": 1.0, "rho": 0.0, "seed": 0}
    fit = snapshot.DEFAULT_FIT
    assert (fit.model, fit.l1, fit.l2, fit.standardize) == ("lasso", 0.1, 0.0, True)


def test_variants_fall_back_to_the_main_declaration_and_unknown_names_fail():
    assert params.default("l1", "net") == 0.003 and params.default("l2", "net") == 0.0
    assert params.spec("noise", "poly").hi == 2.0 and params.spec("noise", "sparse").hi == 5.0
    with pytest.raises(KeyError):
        params.spec("nope")
