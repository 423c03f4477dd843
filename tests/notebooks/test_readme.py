"""notebooks/README.md points at real places: every notebook and cell its tables name exists."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
README = (NOTEBOOKS / "README.md").read_text()
# `c012`, or a range `c012`–`c015` (also IDs such as `08-02`: a prefix, then a number)
CELL_RANGE = re.compile(r"`([a-z0-9]*?-?)(\d+)`(?:–`\1(\d+)`)?")


def references() -> list[tuple[str, str, list[str]]]:
    """(table row, notebook, cell IDs) for each row of the seed tables; a row whose notebook
    column is empty continues the row above."""
    found, notebook = [], None
    tables = README.split("## Where the source documents are taught", 1)[1]
    for row in tables.splitlines():
        columns = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(columns) != 3 or not CELL_RANGE.match(columns[2]):
            continue
        notebook = columns[1].strip("`") or notebook
        cells = []
        for prefix, first, last in CELL_RANGE.findall(columns[2]):
            cells += [f"{prefix}{n:0{len(first)}d}"
                      for n in range(int(first), int(last or first) + 1)]
        found.append((columns[0], notebook, cells))
    return found


def test_the_tables_have_rows_for_both_source_documents():
    rows = references()
    assert len(rows) > 40
    assert any("assign_ipv6_addresses" in README and "Response" in row for row, _, _ in rows)


@pytest.mark.parametrize(("row", "notebook", "cells"), references(),
                         ids=lambda value: value if isinstance(value, str) else None)
def test_each_reference_names_an_existing_notebook_and_cells(row, notebook, cells):
    path = NOTEBOOKS / f"{notebook}.ipynb"
    assert path.exists(), f"{row!r} names {notebook}, which does not exist"
    ids = {cell.id for cell in nbformat.read(path, as_version=4).cells}
    missing = [cell for cell in cells if cell not in ids]
    assert not missing, f"{row!r}: {notebook} has no cells {missing}"


def test_every_notebook_is_listed():
    for path in NOTEBOOKS.glob("*.ipynb"):
        assert f"`{path.stem}`" in README, path.stem
