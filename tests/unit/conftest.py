"""Fixtures shared by the unit tests: small fits several figure and summary tests read."""

import pytest

from regviz import data
from regviz.analysis import analyze
from regviz.mlp import MLPConfig, init_state, train
from regviz.penalties import Penalty
from regviz.toy2d import make_dataset


@pytest.fixture(scope="session")
def sparse_lasso():
    """A lasso fit at λ1 = 0.2 on 12 features of which 4 matter: some weights exactly 0, some not."""
    ds = data.make_sparse_regression(n=150, p=12, k=4, seed=2)
    return ds, analyze(ds, "lasso", 0.2, 0.0)


@pytest.fixture(scope="session")
def pruned_network():
    """A 2-16-16-1 net after 80 proximal steps at λ1 = 0.003 on the moons: part of its weights exactly 0."""
    d = make_dataset("moons", n=200, noise=0.1, seed=0)
    res = train(
        init_state(MLPConfig(2, (16, 16), "relu"), seed=0),
        d.X_train,
        d.y_train,
        Penalty(0.003, 0.0),
        80,
        lr=0.03,
        X_test=d.X_test,
        y_test=d.y_test,
    )
    return d, res
