"""The help under each exercise: hints one click at a time, the solution only on its click,
and nothing of either in the widget (or its saved state) before."""

from __future__ import annotations

import json

import pytest

import widgets
from ec2sim import exercises


@pytest.fixture(autouse=True)
def no_solution_shown():
    exercises.forget_shown_solutions()
    yield
    exercises.forget_shown_solutions()


def texts(widget) -> str:
    """Every value and label in a widget tree, as its saved state would hold them."""
    state = widget.get_state()
    found = json.dumps({k: v for k, v in state.items() if isinstance(v, str | list)})
    return found + "".join(texts(child) for child in getattr(widget, "children", ()))


def test_nothing_is_revealed_before_a_click():
    help_ = widgets.ExerciseHelp("three_sites")
    entry = exercises.EXERCISES["three_sites"]
    shown = texts(help_) + help_._repr_mimebundle_()["text/plain"]
    assert not any(hint[:40] in shown for hint in entry.hints)
    assert "allocate_address" not in shown
    assert help_._repr_mimebundle_()["text/plain"] == (
        "Challenge 1: 3 hints and the solution, one click at a time (run this notebook in "
        "JupyterLab to use the buttons).")
    assert not exercises.solution_shown("three_sites")


def test_hints_come_one_click_at_a_time():
    help_ = widgets.ExerciseHelp("failover")
    entry = exercises.EXERCISES["failover"]
    assert help_.hint_button.description == "Hint 1 of 3"
    help_.hint_button.click()
    assert [c.value for c in help_.hints.children] == [
        f"<b>Hint 1.</b> {entry.hints[0]}".replace("'", "&#x27;")]
    assert help_.hint_button.description == "Hint 2 of 3"
    help_.hint_button.click()
    help_.hint_button.click()
    assert len(help_.hints.children) == 3
    assert help_.hint_button.description == "No more hints"
    assert help_.hint_button.disabled
    assert not exercises.solution_shown("failover")


def test_show_solution_shows_the_file_and_the_checker_remembers():
    help_ = widgets.ExerciseHelp("failover")
    help_.solution_button.click()
    code = help_.solution.children[1].value
    assert "AllowReassignment=True" in code and code.startswith("<pre")
    assert help_.solution_button.disabled
    assert exercises.solution_shown("failover")
    assert not exercises.solution_shown("failover_repaired")
