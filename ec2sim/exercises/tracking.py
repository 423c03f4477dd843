"""Where a learner stands in the course: every exercise done, attempted or not started, kept in a
small JSON file so it survives a kernel restart.

Each check run in a notebook (an IPython kernel) records its verdict in ``ec2-lab-progress.json``
in the notebook's folder; ``EC2LAB_PROGRESS`` names another file. Outside a kernel (scripts,
tests) nothing is written unless :func:`keep_in` names a file. A passed exercise stays done; a
"Not yet" marks it attempted; a check of an untouched scenario changes nothing.

    >>> from ec2sim import exercises
    >>> exercises.progress()            # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ec2sim.exercises.core import EXERCISES, NOT_YET, PASSED, Feedback

FILE = "ec2-lab-progress.json"
DONE, ATTEMPTED, NOT_STARTED = "done", "attempted", "not started"
_chosen: list[Path | None] = []  # the file keep_in named (None: keep nothing), if it was called


def keep_in(path: str | Path | None) -> None:
    """Keep the verdicts in ``path`` from now on (``None``: keep none)."""
    _chosen[:] = [None if path is None else Path(path)]


def where() -> Path | None:
    """The file the verdicts go to, or None when none is kept."""
    if _chosen:
        return _chosen[0]
    if os.environ.get("EC2LAB_PROGRESS"):
        return Path(os.environ["EC2LAB_PROGRESS"])
    ipython = sys.modules.get("IPython")
    in_kernel = ipython is not None and ipython.get_ipython() is not None
    return Path(FILE) if in_kernel else None


def _read(path: Path) -> dict[str, dict]:
    try:
        found = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}  # no file yet, or one that is not ours: start afresh
    return found if isinstance(found, dict) else {}


def record(feedback: Feedback) -> None:
    """Note a checker's verdict (called by every check)."""
    path = where()
    if path is None or feedback.state not in (PASSED, NOT_YET):
        return
    kept = _read(path)
    before = kept.get(feedback.exercise, {})
    state = DONE if feedback.passed or before.get("state") == DONE else ATTEMPTED
    kept[feedback.exercise] = {
        "state": state, "checks": before.get("checks", 0) + 1,
        "solution_shown": bool(before.get("solution_shown")) or feedback.solution_shown}
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(kept, indent=1, sort_keys=True))
    temporary.replace(path)


@dataclass(frozen=True)
class Row:
    notebook: str
    title: str
    state: str
    solution_shown: bool


_MARK = {DONE: ("✅", "#1B6E4B"), ATTEMPTED: ("◐", "#A3341C"), NOT_STARTED: ("○", "#555555")}


@dataclass(frozen=True)
class Progress:
    """Every exercise of the course with its state, in course order."""

    rows: tuple[Row, ...]
    path: Path | None

    def count(self, state: str) -> int:
        return sum(row.state == state for row in self.rows)

    @property
    def summary(self) -> str:
        return (f"{self.count(DONE)} of {len(self.rows)} exercises done, "
                f"{self.count(ATTEMPTED)} attempted, {self.count(NOT_STARTED)} not started")

    def _where(self) -> str:
        return (f"kept in {self.path}" if self.path is not None else
                "not kept: run the checks in a notebook to record them")

    def __repr__(self) -> str:
        lines = [f"{self.summary} ({self._where()})"]
        lines += [f"{_MARK[r.state][0]} {part(r.notebook)} {r.title}: {r.state}"
                  + (" (solution shown)" if r.solution_shown else "") for r in self.rows]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        cells = "".join(
            f"<tr><td>{html.escape(r.notebook)}</td><td>{html.escape(r.title)}</td>"
            f"<td style='color:{_MARK[r.state][1]}'>{_MARK[r.state][0]} {r.state}"
            f"{' (solution shown)' if r.solution_shown else ''}</td></tr>" for r in self.rows)
        return (f"<b>{html.escape(self.summary)}</b> <small>({html.escape(self._where())})"
                f"</small><table><tr><th>notebook</th><th>exercise</th><th>state</th></tr>"
                f"{cells}</table>")


def part(notebook: str) -> str:
    """A notebook's part of the course, as the contents number it: "02b" for 02b_launch_…."""
    return notebook.split("_", 1)[0]


def progress(path: str | Path | None = None) -> Progress:
    """Every exercise of the course as done / attempted / not started, read from ``path`` (by
    default the file the checks write to)."""
    chosen = Path(path) if path is not None else where()
    kept = _read(chosen) if chosen is not None else {}
    order = sorted(EXERCISES.values(), key=lambda e: part(e.notebook))  # stable: course order
    rows = tuple(Row(e.notebook, e.title, kept.get(e.name, {}).get("state", NOT_STARTED),
                     bool(kept.get(e.name, {}).get("solution_shown"))) for e in order)
    return Progress(rows, chosen)
