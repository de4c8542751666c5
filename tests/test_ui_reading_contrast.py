"""Issue 12, colours on the reading screen, checked on the rendered segments (the colours that reach
the terminal), in every bundled theme: the paragraphs out of focus are dimmer than the one in focus
and still readable (WCAG contrast >= 3:1), and the cursor word's text keeps >= 4.5:1 against the
cursor, tone colours on, for every tone."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from test_ui_reader import aio, fixture_dirs, make_app, settle  # noqa: E402,F401


def wcag(a, b) -> float:
    def lum(rgb):
        def ch(c):
            c = c / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b_ = (ch(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def colours(seg, base):
    """(fg, bg) RGB of a segment as the terminal draws it (reverse video swaps them)."""
    style = base + seg.style if seg.style else base
    fg = style.color.triplet if style.color is not None else None
    bg = style.bgcolor.triplet if style.bgcolor is not None else None
    if style.reverse:
        fg, bg = bg, fg
    return (tuple(fg) if fg else None), (tuple(bg) if bg else None)


def rows(view):
    """(row, segments) for every drawn row."""
    frame = view.frame()
    return [(frame[y], list(view.render_line(y))) for y in range(len(frame)) if frame[y] is not None]


THEMES_CHECKED = []


@aio
async def test_unfocused_dimmer_but_readable_and_cursor_readable_on_every_tone_in_every_theme(fixture_dirs):
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        view = app.screen.view
        first = next(i for i, u in enumerate(view.units) if u.kind == "paragraph")
        failures = []
        themes = sorted(app.available_themes)
        assert {"textual-dark", "textual-light", "solarized-light", "solarized-dark"} <= set(themes)
        for theme in themes:
            app.theme = theme
            view.tone_colours = False
            second = next(i for i, u in enumerate(view.units) if u.kind == "paragraph" and i > first)
            view.go_to(second)  # paragraphs above and below out of focus
            await settle(pilot)
            base = view.rich_style
            ansi = base.color is None or base.color.triplet is None or base.bgcolor is None \
                or base.bgcolor.triplet is None
            focused, dimmed = [], []
            for row, segs in rows(view):
                for seg in segs:
                    if not seg.text.strip():
                        continue
                    fg, bg = colours(seg, base)
                    if row.unit == view.focus_unit:
                        if row.kind == "text" and view.units[row.unit].kind == "paragraph" and not (
                                seg.style and (seg.style.bgcolor != base.bgcolor or seg.style.reverse)):
                            focused.append((fg, bg))
                    else:
                        dimmed.append((fg, bg, seg))
            assert focused and dimmed, theme
            if ansi:  # the terminal picks the colours: faint text, reverse-video cursor
                bad = [s.text for _f, _b, s in dimmed if not (s.style and s.style.dim)]
                if bad:
                    failures.append(f"{theme}: unfocused text not faint: {bad[:3]}")
                continue
            THEMES_CHECKED.append(theme)
            bright = min(wcag(f, b) for f, b in focused)
            for fg, bg, seg in dimmed:
                c = wcag(fg, bg)
                if c < 3.0:
                    failures.append(f"{theme}: unfocused {seg.text!r} contrast {c:.2f} < 3")
                    break
                if c >= bright:
                    failures.append(f"{theme}: unfocused {seg.text!r} ({c:.2f}) not dimmer than focus ({bright:.2f})")
                    break
            # the cursor, tone colours on, over words of every tone
            view.tone_colours = True
            view.invalidate()
            view.go_to(first)
            await settle(pilot)
            tones_seen = set()
            for _ in range(20):
                cursor = view.cursor_token
                token = view.current_token()
                for row, segs in rows(view):
                    if row.unit != view.focus_unit:
                        continue
                    x = 0
                    cells = {c.token_index: c for c in view._lines(row.unit)[row.line].cells}
                    cell = cells.get(cursor)
                    for seg in segs:
                        start, x = x, x + seg.cell_length
                        if cell is None or not seg.text.strip() or not (cell.x <= start < cell.x + cell.width):
                            continue
                        fg, bg = colours(seg, base)
                        c = wcag(fg, bg)
                        if c < 4.5:
                            failures.append(f"{theme}: cursor {seg.text!r} on {token.text} contrast {c:.2f} < 4.5")
                tones_seen.update(getattr(token, "tones", ()))
                await pilot.press("l")
            assert {1, 2, 3, 4, 5} <= tones_seen, tones_seen
        assert not failures, "\n".join(failures)
        assert len(THEMES_CHECKED) >= 15


@aio
async def test_new_word_tint_keeps_the_text_readable_in_every_theme(fixture_dirs):
    from reader.store import open_store
    from reader.store.knowledge import Knowledge

    with open_store() as store:
        Knowledge(store).mark(["是", "一个"], "known")
    app = make_app(fixture_dirs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        first = next(i for i, u in enumerate(view.units) if u.kind == "paragraph")
        failures = []
        for theme in sorted(app.available_themes):
            app.theme = theme
            view.go_to(first, view.units[first].text.index("我们"))
            await settle(pilot)
            base = view.rich_style
            if base.bgcolor is None or base.bgcolor.triplet is None:
                continue
            new_bg = view._style("new").bgcolor
            tinted = [(colours(s, base), s.text) for row, segs in rows(view) if row.unit == first
                      for s in segs if s.text.strip() and s.style and s.style.bgcolor == new_bg]
            assert tinted, theme
            for (fg, bg), text in tinted:
                if bg == tuple(base.bgcolor.triplet):
                    failures.append(f"{theme}: tint invisible")
                if wcag(fg, bg) < 4.5:
                    failures.append(f"{theme}: {text!r} on the tint {wcag(fg, bg):.2f} < 4.5")
        assert not failures, "\n".join(failures)
