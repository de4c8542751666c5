"""Charts for the statistics screen, drawn with block characters: a vertical bar chart (the due forecast,
words known over time) and rows of horizontal bars (new words met per article)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

_EIGHTHS = " ▁▂▃▄▅▆▇█"


def bar_chart_lines(values: Sequence[int], height: int = 6, bar_width: int = 2, gap: int = 0) -> list[str]:
    """Rows of a vertical bar chart, top row first; each bar ``bar_width`` cells, heights in eighths of a row.

    A non-zero value always shows at least a sliver, so "some" is never drawn as "none".
    """
    top = max(values, default=0)
    rows = []
    for row in range(height - 1, -1, -1):
        cells = []
        for v in values:
            eighths = 0 if top == 0 else round(v / top * height * 8)
            if v > 0:
                eighths = max(eighths, 1)
            fill = min(8, max(0, eighths - row * 8))
            cells.append(_EIGHTHS[fill] * bar_width + " " * gap)
        rows.append("".join(cells))
    return rows


class BarChart(Widget):
    """Vertical bars for ``values`` (e.g. cards due on each of the next 30 days) with an axis line.

    ``labels``: (left, right) captions under the axis, e.g. ("today", "+29 d").
    """

    DEFAULT_CSS = """
    BarChart {
        height: 9;
        width: auto;
        color: $accent;
    }
    """

    values: reactive[tuple[int, ...]] = reactive(tuple, layout=True)

    def __init__(self, values: Sequence[int] = (), *, title: str = "", labels: tuple[str, str] = ("", ""),
                 chart_height: int = 6, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.title = title
        self.labels = labels
        self.chart_height = chart_height
        self.set_reactive(BarChart.values, tuple(int(v) for v in values))

    def get_content_width(self, container, viewport) -> int:
        want = max(2 * len(self.values) + 8, len(self.title) + 2, 20)
        return min(want, max(container.width, 20))  # a narrow terminal: one-cell bars, never cut off

    def _bar_width(self, label_width: int) -> int:
        room = self.size.width or (2 * len(self.values) + label_width)
        return 2 if room >= 2 * len(self.values) + label_width else 1

    def get_content_height(self, container, viewport, width: int) -> int:
        return self.chart_height + 3

    def render(self) -> Text:
        values = self.values
        top = max(values, default=0)
        text = Text()
        text.append(f"{self.title}\n", style="bold")
        label_width = len(str(top)) + 1
        bar_width = self._bar_width(label_width)
        lines = bar_chart_lines(values, self.chart_height, bar_width=bar_width)
        for i, line in enumerate(lines):
            label = str(top) if i == 0 and top else ("0" if i == len(lines) - 1 else "")
            text.append(label.rjust(label_width - 1) + " ", style="dim")
            text.append(line + "\n")
        width = bar_width * len(values)
        text.append(" " * label_width + "─" * width + "\n", style="dim")
        left, right = self.labels
        pad = max(1, width - len(left) - len(right))
        text.append(" " * label_width + left + " " * pad + right, style="dim")
        return text


def bar_rows(rows: Sequence[tuple[str, int]], width: int, label_width: int = 24) -> Text:
    """One line per (label, value): the label cut to ``label_width`` cells, a bar scaled to the largest
    value in eighths of a cell (a non-zero value shows at least a sliver), and the value."""
    from rich.cells import cell_len, set_cell_size

    text = Text()
    top = max((v for _l, v in rows), default=0)
    digits = len(str(top)) if top else 1
    room = max(4, width - label_width - digits - 3)
    for i, (label, value) in enumerate(rows):
        if i:
            text.append("\n")
        text.append(set_cell_size(label, label_width) if cell_len(label) > label_width
                    else label + " " * (label_width - cell_len(label)))
        eighths = 0 if top == 0 else round(value / top * room * 8)
        if value > 0:
            eighths = max(eighths, 1)
        full, part = divmod(eighths, 8)
        bar = "█" * full + ("▏▎▍▌▋▊▉"[part - 1] if part else "")
        text.append(" ")
        text.append(bar, style="bold")
        text.append(f" {value}", style="dim")
    return text
