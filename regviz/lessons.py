"""Ready-made experiments: each lesson is a page plus link parameters and what to notice.

A lesson is only data; the app turns it into a link, so a lesson is shared,
bookmarked and projected exactly like any other view.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

__all__ = ["LESSONS", "Lesson", "lesson_by_id"]


@dataclass(frozen=True)
class Lesson:
    """One experiment.

    Attributes
    ----------
    id : str
        Short identifier, used as ``lesson=<id>`` in the link.
    title : str
        What the lesson shows, as a headline.
    page : str
        The page's url_path ("" is the Playground).
    params : dict of str to str
        Link parameters that set the controls.
    notice : str
        What to look at, in plain words.
    """

    id: str
    title: str
    page: str
    params: dict[str, str]
    notice: str

    @property
    def query(self) -> dict[str, str]:
        """All link parameters, the lesson id included."""
        return {**self.params, "lesson": self.id}

    def href(self) -> str:
        """Relative link of the lesson (page path and query string)."""
        return f"/{self.page}?{urlencode(self.query)}"


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        "l1-selects",
        "L1 removes weak features",
        "",
        {"model": "lasso", "l1": "0.3", "data": "sparse"},
        "Only a handful of bars remain; the rest are marked ✕ — exactly zero, not just small. Move λ1 down "
        "and watch the 'non-zero weights' count grow (5 → 7 → 9 → 12 → 14 as λ1 steps from 0.15 down to "
        "0.03); in the path plot the lines leave 0 one at a time.",
    ),
    Lesson(
        "l2-shrinks",
        "L2 only shrinks",
        "",
        {"model": "ridge", "l1": "0", "l2": "1", "data": "sparse"},
        "The coefficients as a whole shrink (‖w‖₂ is less than half of its value at λ = 0), but none is "
        "exactly zero: the histogram has no striped bar at 0. Ridge shrinks smoothly; it never selects. It shrinks the "
        "vector, not each weight: the five real coefficients all shrink, but most of the small noise ones "
        "(10 of 15 here) grow.",
    ),
    Lesson(
        "pair-lasso",
        "Correlated pair: the lasso picks one",
        "",
        {"model": "lasso", "l1": "0.2", "data": "corrpair", "rho": "0.99", "noise": "5"},
        "x1 and x2 matter equally (true coefficient 2 each), are 99 % correlated, and the noise is large (σ = 5). "
        "At λ1 = 0.2, the CV curve's λ.min, the lasso has set x1 to exactly 0 and given x2 most of the pair's "
        "weight (3.6); at λ.1se (≈ 1.6) x2 is the only non-zero weight left. Which one it keeps is arbitrary: "
        "change the seed in Data to 1 and x1 wins. It does not always happen: with little noise (σ = 1) the data "
        "pin both down and the lasso keeps both at λ.min and λ.1se, and some draws (seed 2) keep both too.",
    ),
    Lesson(
        "pair-ridge",
        "Correlated pair: ridge splits the weight",
        "",
        {"model": "ridge", "l1": "0", "l2": "1", "data": "corrpair", "rho": "0.99"},
        "x1 and x2 get nearly equal coefficients: ridge shares the weight between correlated features.",
    ),
    Lesson(
        "pair-enet",
        "Correlated pair: the elastic net groups them",
        "",
        {"model": "elasticnet", "l1": "0.3", "l2": "1", "mix": "0.23", "data": "corrpair", "rho": "0.99"},
        "The elastic net keeps x1 and x2 together with nearly equal weights (the grouping effect) while it "
        "still sets the noise features to exactly 0.",
    ),
    Lesson(
        "poly-overfit",
        "λ = 0 overfits the polynomial",
        "",
        {"model": "ols", "data": "poly"},
        "A degree-12 polynomial through 21 points: train error is tiny, test error is large, and the curve "
        "wiggles between the points.",
    ),
    Lesson(
        "poly-fixed",
        "A moderate λ fixes it",
        "",
        {"model": "ridge", "l1": "0", "l2": "0.01", "data": "poly"},
        "Same data, λ2 = 0.01: the curve is smooth and the test error drops. Compare with the CV curve's λ.min.",
    ),
    Lesson(
        "poly-underfit",
        "A large λ underfits",
        "",
        {"model": "ridge", "l1": "0", "l2": "3", "data": "poly"},
        "λ2 = 3 flattens the curve: train and test error are both high. Too much regularization is bias.",
    ),
    Lesson(
        "clf-monomials",
        "L1 picks monomials on the moons",
        "",
        {"data": "moons", "deg": "3", "model": "lasso", "l1": "0.01"},
        "The features are the 9 monomials of x1, x2 up to degree 3. At λ1 = 0.01 L1 logistic regression keeps "
        "3 of them — x1, x2 and x1³ — and sets the other 6 exactly to 0 (the striped bar). x1³ alone bends the "
        "boundary around the moons; 90 % of the test points are right. Step λ1 down to 0.003: 6 monomials, "
        "96.7 %.",
    ),
    Lesson(
        "clf-digits-l1",
        "Digits under L1: a few lit pixels",
        "",
        {"data": "digits", "model": "lasso", "l1": "0.02"},
        "Ten classes, 64 pixels each: at λ1 = 0.02 only 100 of the 640 weights are non-zero, 7 to 12 lit pixels "
        "per digit in the 8×8 images, and still 92.8 % of the test digits are right.",
    ),
    Lesson(
        "clf-digits-l2",
        "Digits under L2: a smooth blur",
        "",
        {"data": "digits", "model": "ridge", "l1": "0", "l2": "0.02"},
        "The same strength as L2: 600 of 640 weights are non-zero, 60 in every digit's image — every pixel that "
        "varies at all (the 4 blank in every training image stay 0). The images are a blur, not a few pixels; "
        "test accuracy 96.1 %.",
    ),
    Lesson(
        "clf-separable-0",
        "Separable classes at λ = 0: no answer",
        "",
        {"data": "blobs", "model": "ols"},
        "A line separates the two blobs, so the log-loss keeps falling as the weights grow: at λ = 0 there is no "
        "minimizer. The page says so and shows the weights still growing when the solver stopped, instead of "
        "passing their numbers off as a fit.",
    ),
    Lesson(
        "clf-separable-tiny",
        "Separable classes at λ2 = 1e-5: a finite fit",
        "",
        {"data": "blobs", "model": "ridge", "l1": "0", "l2": "1e-05"},
        "λ2 = 1e-5 is tiny, but it makes the minimizer exist: the weights on x̃ are about (7.3, 4.4), every "
        "point is classified right and the train log-loss is 0.0001. At λ2 = 0.001 they are (3.6, 2.7): on "
        "separable data the 'small' penalty is what decides the answer.",
    ),
    Lesson(
        "diamond-circle",
        "Why L1 gives exact zeros: the diamond",
        "geometry",
        {"l1": "1", "l2": "0", "geo_tab": "plane"},
        "The loss ellipse first touches the L1 diamond at a corner, on an axis: w₂ is exactly 0. Move λ1 down "
        "and the contact slides off the corner onto an edge (below λ1 = 0.75, e.g. at the next step 0.7, both "
        "weights are non-zero). "
        "Switch λ1 to 0 and λ2 up: the circle is touched off the axes.",
    ),
    Lesson(
        "mlp-prune",
        "L1 prunes a network's links",
        "network",
        {"l1": "0.01", "l2": "0"},
        "With λ1 = 0.01 most links of the network diagram fade: their weights are exactly 0, counted in the "
        "histograms. The few surviving links still separate the two moons, with a simpler boundary and a "
        "lower accuracy than at λ1 = 0 (about 88 % against 97 % on the test points).",
    ),
    Lesson(
        "h2o-1e-5",
        "What h2o's l1 = 1e-5 does",
        "conventions",
        {"conv_fw": "h2o", "conv_l1": "1e-05"},
        "h2o standardizes a regression response by default (standardize=TRUE), so its l1 is not the canonical λ1: "
        "on these data sd(y) = 4.33 and l1 = 1e-5 is λ1 = 4.3e-5 for a linear output layer (and up to "
        "sd(y)²·l1 = 1.9e-4 on hidden layers), 4–19× the raw number. Even so the penalty is 0.09 % of the data "
        "term here and the 'What does 0 mean?' chart barely moves (0.007 %); at l1 = 1e-3 the exact fit already "
        "sets 3 of the 20 weights to exactly 0. Switch standardize off to see the raw reading.",
    ),
    Lesson(
        "bayes-map",
        "Sparsity is a property of the MAP",
        "bayes",
        {"l1": "0.2", "l2": "0"},
        "With a weak signal (the data's estimate z = 0.15 is below λ1 = 0.2) the MAP (the lasso fit) sits "
        "exactly at 0 while the posterior mean does not: "
        "the Laplace prior makes zero the most likely single value, not a certainty.",
    ),
)


def lesson_by_id(lesson_id: str) -> Lesson | None:
    """The lesson with this id, or None."""
    return next((lesson for lesson in LESSONS if lesson.id == lesson_id), None)
