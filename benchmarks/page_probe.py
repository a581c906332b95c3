"""Where one page view's seconds go in the browser: used by ``benchmarks/page_times.py --breakdown``.

A :class:`Probe` is attached to a Playwright page before it navigates. It records

- every websocket frame between the page and the Streamlit server, with the time it arrived
  (decoded as Streamlit's ``ForwardMsg``/``BackMsg``): when the browser asked for the script run
  (``rerun_script``), when the server's first element arrived and when the run finished
  (``script_finished``); so the server's share is the run from the request to its end, as
  the browser saw it;
- the bytes the server sent, per element type (``plotly_chart``, ``arrow_data_frame``, ...);
- Chromium's own counters for the page's main thread (Chrome DevTools Protocol
  ``Performance.getMetrics``): seconds of tasks, of which script, layout and style;
- the navigation's timing (HTML received, DOMContentLoaded) and the JavaScript files loaded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class View:
    """One page view's timeline (seconds from navigation) and sizes."""

    html: float = float("nan")  #: the HTML document received
    dom: float = float("nan")  #: DOMContentLoaded handled (the app's main JavaScript run)
    asked: float = float("nan")  #: the browser asked for the script run (first ``rerun_script``)
    first_element: float = float("nan")  #: the first element (delta) of the run arrived
    finished: float = float("nan")  #: the last ``script_finished`` arrived
    done: float = float("nan")  #: the page was drawn (set by the caller)
    runs: int = 0  #: script runs finished
    ws_kb: float = 0.0  #: kilobytes the server sent over the websocket
    by_type: dict[str, float] = field(default_factory=dict)  #: kilobytes per element type
    task_s: float = 0.0  #: the renderer's main thread: seconds busy with tasks
    script_s: float = 0.0  #: of which running JavaScript
    layout_s: float = 0.0  #: of which layout
    style_s: float = 0.0  #: of which style recalculation
    js_kb: float = 0.0  #: JavaScript loaded (decoded kilobytes)
    js_files: int = 0  #: JavaScript files loaded

    @property
    def server(self) -> float:
        """Seconds from the browser's request of the run until the run finished."""
        return self.finished - self.asked


class Probe:
    """Records a page view (see the module docstring); call :meth:`start` just before ``goto``."""

    def __init__(self, context, page) -> None:
        """Attach to ``page`` of ``context`` (before it navigates)."""
        self.page = page
        self.frames: list[tuple[float, str, bytes]] = []
        self.started = 0.0
        self.epoch = 0.0
        page.on("websocket", self._socket)
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Performance.enable")

    def start(self) -> None:
        """Mark the navigation's start (``time.perf_counter`` and wall clock)."""
        self.started, self.epoch = time.perf_counter(), time.time()

    def _socket(self, socket) -> None:
        socket.on("framereceived", lambda payload: self._frame("in", payload))
        socket.on("framesent", lambda payload: self._frame("out", payload))

    def _frame(self, direction: str, payload) -> None:
        # Decoded later: the harness's own work stays out of the page's time.
        self.frames.append((time.perf_counter(), direction, payload if isinstance(payload, bytes) else b""))

    def view(self, done: float) -> View:
        """The view's timeline and sizes, the page having been drawn at ``done`` (``perf_counter``)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        result = View(done=done - self.started)
        for at, direction, payload in self.frames:
            since = at - self.started
            if direction == "out":
                message = BackMsg()
                try:
                    message.ParseFromString(payload)
                except Exception:  # noqa: BLE001 - not a BackMsg: ignored
                    continue
                if message.WhichOneof("type") == "rerun_script" and result.asked != result.asked:
                    result.asked = since
                continue
            result.ws_kb += len(payload) / 1024
            message = ForwardMsg()
            try:
                message.ParseFromString(payload)
            except Exception:  # noqa: BLE001 - not a ForwardMsg: counted in the bytes only
                continue
            kind = message.WhichOneof("type")
            if kind == "delta":
                if result.first_element != result.first_element:
                    result.first_element = since
                delta = message.delta
                element = (delta.new_element.WhichOneof("type") if delta.WhichOneof("type") == "new_element"
                           else delta.WhichOneof("type"))
                result.by_type[element] = result.by_type.get(element, 0.0) + len(payload) / 1024
            elif kind == "script_finished":
                result.finished, result.runs = since, result.runs + 1
        metrics = {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}
        result.task_s = metrics.get("TaskDuration", 0.0)
        result.script_s = metrics.get("ScriptDuration", 0.0)
        result.layout_s = metrics.get("LayoutDuration", 0.0)
        result.style_s = metrics.get("RecalcStyleDuration", 0.0)
        timing = self.page.evaluate("""() => {
            const nav = performance.getEntriesByType('navigation')[0] || {};
            const scripts = performance.getEntriesByType('resource').filter(r => r.name.endsWith('.js'));
            return {origin: performance.timeOrigin, html: nav.responseEnd || NaN,
                    dom: nav.domContentLoadedEventEnd || NaN, js_files: scripts.length,
                    js_bytes: scripts.reduce((sum, r) => sum + (r.decodedBodySize || 0), 0)};
        }""")
        offset = timing["origin"] / 1000 - self.epoch  # the page's time origin, from our start
        result.html = offset + timing["html"] / 1000
        result.dom = offset + timing["dom"] / 1000
        result.js_files, result.js_kb = timing["js_files"], timing["js_bytes"] / 1024
        return result


def breakdown_table(views: dict[str, View]) -> str:
    """A Markdown table of views (``round/page`` -> :class:`View`): the timeline and where it went."""
    lines = ["| view | drawn s | HTML s | DOM ready s | run asked s | first element s | run finished s | "
             "server run s | after the run s | main thread busy s (script / layout / style) | runs | "
             "websocket KB (largest element types) | JS KB (files) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---|"]
    for name, v in views.items():
        largest = sorted(v.by_type.items(), key=lambda item: -item[1])[:3]
        lines.append(
            f"| {name} | {v.done:.2f} | {v.html:.2f} | {v.dom:.2f} | {v.asked:.2f} | {v.first_element:.2f} | "
            f"{v.finished:.2f} | {v.server:.2f} | {v.done - v.finished:.2f} | {v.task_s:.2f} ({v.script_s:.2f} / "
            f"{v.layout_s:.2f} / {v.style_s:.2f}) | {v.runs} | {v.ws_kb:,.0f} ("
            + ", ".join(f"{k} {kb:,.0f}" for k, kb in largest) + f") | {v.js_kb:,.0f} ({v.js_files}) |")
    return "\n".join(lines)
