"""No import circles in reader/: every module's imports (top-level and inside functions, as grimp
reads them) point one way. A circle is a strongly connected component of the import graph."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pytest

grimp = pytest.importorskip("grimp")  # installed with import-linter (the test extra)

# Circles known today, each owned by a change in progress; the test fails on any other circle, and on
# any module joining one of these. (ui.app <-> the screens is gone: screens import ui/base.py and ask
# the app for navigation with messages.)
KNOWN = (
    # core/importer.py and the format importers import each other (the importer's owner is splitting it)
    frozenset({"reader.core.importer", "reader.core.importers", "reader.core.importers.common",
               "reader.core.importers.epub", "reader.core.importers.html", "reader.core.importers.markdown",
               "reader.core.importers.pdf"}),
)


def circles(edges: Mapping[str, Iterable[str]]) -> list[set[str]]:
    """The strongly connected components of more than one node (Tarjan's algorithm, iterative), plus
    any node that imports itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[set[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in edges.get(node, ()):
                        found.append(component)
    return found


def test_circles_finds_what_it_should():
    """The finder itself can fail: a circle of two, one of three beside a tail, a self-import, none."""
    assert circles({"a": ["b"], "b": ["a"], "c": ["a"]}) == [{"a", "b"}]
    assert sorted(map(sorted, circles({"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": [], "e": ["e"]}))) == \
        [["a", "b", "c"], ["e"]]
    assert circles({"a": ["b"], "b": ["c"], "c": [], "d": ["a", "c"]}) == []
    # a long chain: no recursion limit to hit
    chain = {f"m{i}": [f"m{i + 1}"] for i in range(5000)}
    chain["m5000"] = ["m0"]
    assert [len(c) for c in circles(chain)] == [5001]


def test_no_new_import_circles_in_reader():
    graph = grimp.build_graph("reader", cache_dir=None)
    modules = set(graph.modules)
    edges = {m: sorted(set(graph.find_modules_directly_imported_by(m)) & modules) for m in sorted(modules)}
    new = [sorted(c) for c in circles(edges) if not any(c <= known for known in KNOWN)]
    assert not new, f"import circles: {new}"


def test_the_store_has_no_circle():
    """store.db <-> store.knowledge was one (the review hooks); it must not come back."""
    graph = grimp.build_graph("reader", cache_dir=None)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in graph.modules
             if m.startswith("reader.store")}
    assert circles(edges) == []


def test_screens_do_not_import_the_app():
    """The app opens the screens; screens share names through ui/base.py and navigate by messages."""
    graph = grimp.build_graph("reader", cache_dir=None)
    importers = sorted(graph.find_modules_that_directly_import("reader.ui.app"))
    assert all(not m.startswith("reader.ui.") for m in importers), importers
