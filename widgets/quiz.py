"""Predict-then-run questions and end-of-notebook knowledge checks: multiple choice, where every
wrong choice names the misconception that leads to it. The questions are data
(:mod:`widgets.quizzes`); nothing says which choice is right until the learner clicks one, so a
saved notebook (or Run All) gives no answer away."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import ipywidgets as w


@dataclass(frozen=True)
class Choice:
    text: str
    right: bool
    why: str  # for a wrong choice: the misconception it comes from, and what is true instead


@dataclass(frozen=True)
class Question:
    prompt: str
    choices: tuple[Choice, ...]

    def answer(self, index: int) -> str:
        """What the learner reads after picking choice ``index``."""
        choice = self.choices[index]
        if choice.right:
            return f"Right. {choice.why}"
        return f"Not quite. Misconception: {choice.why}"


class Quiz(w.VBox):
    """One question: a button per choice; a click says right or names the misconception."""

    def __init__(self, question: Question, *, label: str = "Predict") -> None:
        self.question = question
        self.label = label
        self.buttons = [w.Button(description=f"{chr(65 + i)}", tooltip=c.text,
                                 layout=w.Layout(width="36px"))
                        for i, c in enumerate(question.choices)]
        self.feedback = w.HTML()
        rows = [w.HBox([button, w.HTML(html.escape(choice.text))])
                for button, choice in zip(self.buttons, question.choices, strict=True)]
        for index, button in enumerate(self.buttons):
            button.on_click(lambda _, i=index: self.pick(i))
        super().__init__([w.HTML(f"<b>{html.escape(label)}:</b> {html.escape(question.prompt)}"),
                          *rows, self.feedback])

    def pick(self, index: int) -> None:
        choice = self.question.choices[index]
        colour = "#1B6E4B" if choice.right else "#A3341C"
        self.feedback.value = (f"<span style='color:{colour}'><b>{chr(65 + index)}.</b> "
                               f"{html.escape(self.question.answer(index))}</span>")

    def _repr_mimebundle_(self, **kwargs: Any) -> dict | None:
        """A saved notebook shows the question and its choices, never the answer."""
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        bundle["text/plain"] = "\n".join(
            [f"{self.label}: {self.question.prompt}",
             *(f"  {chr(65 + i)}. {c.text}" for i, c in enumerate(self.question.choices)),
             "(run this notebook in JupyterLab and click a letter to check your answer)"])
        return bundle


def predict(notebook: str, number: int = 0) -> Quiz:
    """The notebook's predict-then-run question ``number``, to run before its refusal demo."""
    from widgets.quizzes import PREDICT

    return Quiz(PREDICT[notebook][number], label="Predict, then run the next cell")


class KnowledgeCheck(w.VBox):
    """The end-of-notebook check: its 3–5 questions, each answered by a click."""

    def __init__(self, notebook: str) -> None:
        from widgets.quizzes import CHECK

        self.quizzes = [Quiz(q, label=f"Question {n}")
                        for n, q in enumerate(CHECK[notebook], start=1)]
        super().__init__([w.HTML("<b>Knowledge check</b>: click the letter you think is "
                                 "right; a wrong pick says which misconception it comes from."),
                          *self.quizzes])

    def _repr_mimebundle_(self, **kwargs: Any) -> dict | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        bundle["text/plain"] = "\n\n".join(
            q._repr_mimebundle_()["text/plain"] for q in self.quizzes)
        return bundle
