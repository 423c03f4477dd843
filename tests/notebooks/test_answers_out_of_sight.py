"""Run All gives no answer away: no cell loads a solution by itself, every exercise is started,
checked and helped the same way, and no output of a notebook run top to bottom (the committed
outputs are exactly that run, which nbval re-checks) holds a solution's code or a hint.

One notebook is also executed here, as JupyterLab's Run All would, to see it happen live.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from ec2sim import exercises

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]*_*.ipynb"))
CHECK = re.compile(r"exercises\.check_(\w+)\(cloud\)")


def code_cells(path: Path) -> list:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def giveaways() -> dict[str, list[str]]:
    """For each exercise, the lines only its solution and hints hold: a solution's code lines
    that no notebook cell contains (worked examples share some), and every hint."""
    sources = "\n".join(c.source for path in PATHS for c in code_cells(path))
    found = {}
    for name, entry in exercises.EXERCISES.items():
        code = (NOTEBOOKS / entry.solution).read_text().splitlines()
        found[name] = [line.strip() for line in code if len(line.strip()) >= 25
                       and not line.strip().startswith("#") and line.strip() not in sources]
        found[name] += list(entry.hints)
        assert found[name], name
    return found


def outputs_text(cells) -> str:
    return "\n".join(json.dumps(output, ensure_ascii=False) for cell in cells
                     for output in cell.get("outputs", []))


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_no_cell_loads_a_solution_by_itself(path):
    for cell in code_cells(path):
        assert not re.search(r"^\s*%load", cell.source, re.MULTILINE), cell.id


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_every_exercise_is_started_worked_checked_and_helped(path):
    cells = code_cells(path)
    for at, cell in enumerate(cells):
        match = CHECK.search(cell.source)
        if match is None or "exercises.start" in cell.source:  # 00's demonstration
            continue
        name = match.group(1)
        start = cells[at - 2].source if "exercises.start" in cells[at - 2].source \
            else cells[at - 1].source
        assert f'exercises.start(cloud, "{name}")' in start, cell.id
        assert cells[at + 1].source.startswith(f'widgets.ExerciseHelp("{name}")'), cell.id
        assert cells[at + 2].source.endswith(
            f"# %load {exercises.EXERCISES[name].solution}"), cell.id


def test_every_exercise_is_in_a_notebook():
    called = {m.group(1) for path in PATHS for c in code_cells(path)
              for m in CHECK.finditer(c.source)}
    assert called == set(exercises.EXERCISES)


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_the_committed_run_shows_no_answer_and_neutral_checks(path):
    notebook = nbformat.read(path, as_version=4)
    shown = outputs_text(notebook.cells) + json.dumps(notebook.metadata, ensure_ascii=False)
    for name, lines in giveaways().items():
        leaked = [line for line in lines if json.dumps(line, ensure_ascii=False)[1:-1] in shown]
        assert not leaked, (name, leaked)
    for cell in notebook.cells:
        if cell.cell_type == "code" and CHECK.search(cell.source.splitlines()[-1]):
            text = outputs_text([cell])
            assert "Not attempted yet" in text and "Well done" not in text, cell.id


def test_run_all_of_the_challenges_reveals_nothing(tmp_path):
    """Notebook 07 (five exercises) executed top to bottom, as Run All does."""
    notebook = nbformat.read(NOTEBOOKS / "07_challenges.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    shown = outputs_text(notebook.cells) + json.dumps(notebook.metadata, ensure_ascii=False)
    for name in ("three_sites", "failover_repaired", "appliance", "container_host", "retired"):
        leaked = [line for line in giveaways()[name]
                  if json.dumps(line, ensure_ascii=False)[1:-1] in shown]
        assert not leaked, (name, leaked)
    assert shown.count("Not attempted yet") >= 5


@pytest.mark.parametrize("path", PATHS[1:11], ids=[p.stem for p in PATHS[1:11]])
def test_the_worked_examples_do_not_pass_the_exercises(path, monkeypatch):
    """Issue 11: running a notebook's cells above its exercises, without the exercise's start,
    passed 2.2, 3.1, 8.1, 9.1 and 10.1. Each exercise now asks for something else."""
    monkeypatch.chdir(NOTEBOOKS)
    namespace: dict = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown" and re.search(r"^## (Check yourself|Challenge 1)",
                                                      cell.source, re.MULTILINE):
            break
        if cell.cell_type == "code" and not cell.source.lstrip().startswith(("%", "!")):
            exec(compile(cell.source, f"{path.name}:{cell.id}", "exec"), namespace)
    mine = [e for e in exercises.EXERCISES.values() if e.notebook == path.stem]
    assert mine or path.stem == "07_challenges"
    for entry in mine:
        assert not entry.check(namespace["cloud"]).passed, entry.name
