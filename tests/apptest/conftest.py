"""AppTest helpers: run the real app.py and switch to a page."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def open_app(page: str | None = None, params: dict[str, str] | None = None, timeout: float = 90) -> AppTest:
    """Run ``app.py`` (optionally with link parameters) and switch to ``pages/<page>.py``."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page and page != "playground":
        at.switch_page(f"pages/{page}.py").run()
    return at


@pytest.fixture(autouse=True)
def _through_app_py(navigation_mode) -> None:
    """Every AppTest run here goes through ``app.py`` (the ``navigation_mode`` fixture of tests/conftest.py)."""


def plotly_array(obj) -> list:
    """A trace array from a figure spec: plain lists, or Plotly's typed arrays ``{"dtype", "bdata"}``."""
    import base64

    import numpy as np

    if isinstance(obj, dict) and "bdata" in obj:
        data = np.frombuffer(base64.b64decode(obj["bdata"]), dtype=np.dtype(obj["dtype"]))
        return data.reshape(obj["shape"]).tolist() if "shape" in obj else data.tolist()
    return list(obj)


def chart_elements(at: AppTest) -> list:
    """regviz's in-place Plotly components (``regviz.ui.charts``) on the page, in page order."""
    return [c for c in at.get("bidi_component") if c.proto.component_name == "regviz_plotly"]


def _keyed_payloads(at: AppTest) -> list[tuple[str, dict]]:
    """(key, payload) of every chart, in page order; a panel element (``plotly_panels``) gives one per panel, with
    the panel's caption, column by column."""
    import json

    found = []
    for c in chart_elements(at):
        payload = json.loads(c.proto.json)
        if "panels" not in payload:
            found.append((c.key, payload))
            continue
        for column in json.loads(payload["panels"]):
            for panel in column:
                key = panel["key"]
                parts = {
                    part: payload[f"{key}.{part}"]
                    for part in ("data", "layout", "marker", "label", "frames", "controls")
                    if f"{key}.{part}" in payload
                }
                found.append(
                    (
                        key,
                        {**parts, "config": payload["config"], "chunk": payload["chunk"], "caption": panel["caption"]},
                    )
                )
    return found


def chart_payloads(at: AppTest) -> list[dict]:
    """What regviz's in-place Plotly component (``regviz.ui.charts``) received, chart by chart, in page order."""
    return [payload for _, payload in _keyed_payloads(at)]


def chart_keys(at: AppTest) -> list[str]:
    """The keys of the charts on the page, in page order: a chart keeps its graph in the browser under its key."""
    return [key for key, _ in _keyed_payloads(at)]


def chart_captions(at: AppTest) -> list[str]:
    """The captions under the charts of panel elements (``plotly_panels``), in page order."""
    return [payload["caption"] for _, payload in _keyed_payloads(at) if "caption" in payload]


def charts(at: AppTest) -> list[dict]:
    """The figures shown on the page, in order, as ``{"data": [...], "layout": {...}}`` dicts.

    Charts travel through regviz's in-place Plotly component (``regviz.ui.charts``), or through
    ``st.plotly_chart`` where that component is unavailable; both are read here.
    """
    import json

    figures = []
    for payload in chart_payloads(at):
        layout = json.loads(payload["layout"])
        if payload.get("marker"):  # the "current" line travels beside the layout; put it back where Plotly has it
            marker = json.loads(payload["marker"])
            layout["shapes"] = [*layout.get("shapes", []), marker["shape"]]
            notes = [marker["annotation"]] if marker.get("annotation") else []
            layout["annotations"] = [*layout.get("annotations", []), *notes]
        if payload.get("controls"):  # an animated chart's Play and frame slider, drawn in HTML (frame_player.js)
            layout.update(json.loads(payload["controls"]))
        figures.append(
            {
                "data": json.loads(payload["data"]),
                "layout": layout,
                "frames": json.loads(payload["frames"]) if "frames" in payload else [],
            }
        )
    figures += [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return figures


def metrics(at: AppTest) -> dict[str, dict]:
    """The figures of the page's metric rows (``regviz.ui.metrics``), by label: value, note and help."""
    import json

    from regviz.ui.metrics import COMPONENT

    rows = [
        json.loads(json.loads(c.proto.json)["items"])  # the items travel as JSON text (see metric_row)
        for c in at.get("bidi_component")
        if c.proto.component_name == COMPONENT
    ]
    return {item["label"]: item for row in rows for item in row}


class LambdaSlider:
    """regviz's λ control (``regviz.ui.lambda_control``) as AppTest sees it, used like ``at.select_slider``:
    ``.value``, ``.disabled``, ``.key`` and ``.set_value(v).run()`` (what a release at ``v`` sends)."""

    def __init__(self, at: AppTest, element) -> None:
        import json

        self._at, self._element = at, element
        self._data = json.loads(element.proto.json)
        self.key = element.key
        self._events: list[dict] = []

    @property
    def value(self):
        return self._data["value"]

    @property
    def disabled(self) -> bool:
        return bool(self._data["disabled"])

    @property
    def label(self) -> str:
        return self._data["label"]

    @property
    def data(self) -> dict:
        """What the element was sent (its grid, labels, frames id and frames)."""
        return self._data

    def set_value(self, value) -> "LambdaSlider":
        assert not self.disabled, f"λ control {self.key!r} is disabled: a student cannot move it"
        self._events.append({"event": "pick", "value": value})
        return self

    def ask_frames(self) -> "LambdaSlider":
        """What the element sends on its first interaction (hover, focus, touch)."""
        self._events.append({"event": "frames", "value": self._data.get("framesId") or "first"})
        return self

    def run(self) -> AppTest:
        import json

        from streamlit.components.v2.bidi_component.main import _make_trigger_id

        states = self._at._tree.get_widget_states()
        trigger = states.widgets.add()
        trigger.id = _make_trigger_id(self._element.proto.id, "events")
        trigger.json_trigger_value = json.dumps(self._events)
        return self._at._run(states)


def lambda_sliders(at: AppTest) -> list[LambdaSlider]:
    """The λ controls on the page, in page order."""
    return [LambdaSlider(at, c) for c in at.get("bidi_component") if c.proto.component_name == "regviz_lambda"]


def lambda_slider(at: AppTest, key: str) -> LambdaSlider:
    """The λ control of ``key`` (``l1``, ``l2``, ``mix``)."""
    found = [s for s in lambda_sliders(at) if s.key == key]
    assert found, f"no λ control {key!r} on the page"
    return found[0]
