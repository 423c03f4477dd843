"""The times the course states are the times scripts/course_times.py measures: in each
notebook's title cell, in 00_start_here's route table and in INSTRUCTORS.md's table. A notebook
that grows without its stated time following fails here; `scripts/course_times.py --update`
writes the measured times back."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import course_times  # noqa: E402 - scripts/ is not a package

ROWS = course_times.table()
FIX = "run scripts/course_times.py --update"


def title_of(stem: str) -> str:
    notebook = json.loads((course_times.NOTEBOOKS / f"{stem}.ipynb").read_text())
    return "".join(notebook["cells"][0]["source"])


def test_every_notebook_is_measured():
    assert len(ROWS) == len(list(course_times.NOTEBOOKS.glob("[0-9][0-9]*.ipynb"))) >= 14


@pytest.mark.parametrize(("stem", "words", "code", "teaching", "exercise"), ROWS,
                         ids=[row[0] for row in ROWS])
def test_the_stated_times_are_the_measured_ones(stem, words, code, teaching, exercise):
    assert course_times.stated(teaching, exercise) in title_of(stem), FIX
    route = "".join("".join(c["source"]) for c in json.loads(
        (course_times.NOTEBOOKS / "00_start_here.ipynb").read_text())["cells"])
    [line] = [line for line in route.splitlines() if line.startswith(f"| `{stem}` |")]
    assert line.endswith(f"| {teaching + exercise} min |"), FIX
    guide = (course_times.NOTEBOOKS / "INSTRUCTORS.md").read_text()
    [line] = [line for line in guide.splitlines() if line.startswith(f"| `{stem}`")]
    assert line.endswith(f"| {words} | {code} | {teaching} | {exercise} | "
                         f"{teaching + exercise} |"), FIX


def test_a_changed_notebook_no_longer_matches_its_stated_time(tmp_path, monkeypatch):
    """The check can fail: 400 more words add two minutes of reading."""
    stem = "05_prefix_delegation"
    notebook = json.loads((course_times.NOTEBOOKS / f"{stem}.ipynb").read_text())
    notebook["cells"].append({"cell_type": "markdown", "id": "extra", "metadata": {},
                              "source": ["word " * 400]})
    copy = tmp_path / f"{stem}.ipynb"
    copy.write_text(json.dumps(notebook))
    _, _, teaching, exercise = course_times.measure(copy)
    _, _, teaching_before, _ = course_times.measure(course_times.NOTEBOOKS / f"{stem}.ipynb")
    assert teaching == teaching_before + 2
    assert course_times.stated(teaching, exercise) not in title_of(stem)
