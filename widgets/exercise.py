"""Help for one exercise, out of sight until asked for: a ladder of hints, one per click, and
a Show solution button. Nothing is in the widget before its click, so running every cell (or
a saved notebook's widget state) reveals no hint and no solution."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ec2sim import exercises


class ExerciseHelp(w.VBox):
    """``ExerciseHelp("three_sites")``: the exercise's hints, one click at a time, and its
    solution on an explicit click (the exercise's checker then says it was shown)."""

    def __init__(self, name: str) -> None:
        self.exercise = exercises.EXERCISES[name]
        self.shown_hints = 0
        self.hint_button = w.Button(description=self._hint_label(),
                                    layout=w.Layout(width="auto"))
        self.solution_button = w.Button(description="Show solution",
                                        layout=w.Layout(width="auto"))
        self.hints = w.VBox()
        self.solution = w.VBox()
        self.hint_button.on_click(lambda _: self.next_hint())
        self.solution_button.on_click(lambda _: self.show_solution())
        super().__init__([w.HBox([self.hint_button, self.solution_button]), self.hints,
                          self.solution])

    def _hint_label(self) -> str:
        count = len(self.exercise.hints)
        if self.shown_hints == count:
            return "No more hints"
        return f"Hint {self.shown_hints + 1} of {count}"

    def next_hint(self) -> None:
        """Reveal the next hint of the ladder."""
        if self.shown_hints == len(self.exercise.hints):
            return
        text = self.exercise.hints[self.shown_hints]
        self.shown_hints += 1
        self.hints.children = (*self.hints.children, w.HTML(
            f"<b>Hint {self.shown_hints}.</b> {html.escape(text)}"))
        self.hint_button.description = self._hint_label()
        self.hint_button.disabled = self.shown_hints == len(self.exercise.hints)

    def show_solution(self) -> None:
        """Reveal the solution's code (copy it into the work cell to run it)."""
        code = exercises.show_solution(self.exercise.name)
        self.solution.children = (
            w.HTML(f"<b>Solution</b> ({html.escape(self.exercise.solution)}): copy it into "
                   "the cell above and run it; the check will say it was solved with the "
                   "solution shown."),
            w.HTML(f"<pre style='white-space:pre-wrap'>{html.escape(code)}</pre>"),
        )
        self.solution_button.disabled = True

    def _repr_mimebundle_(self, **kwargs: Any) -> dict | None:
        """A saved notebook (GitHub, nbval) shows where help is, never the help itself."""
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        bundle["text/plain"] = (
            f"{self.exercise.title}: {len(self.exercise.hints)} hints and the solution, one "
            "click at a time (run this notebook in JupyterLab to use the buttons).")
        return bundle
