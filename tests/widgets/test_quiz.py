"""The quiz widget and its question bank: a click says right, or names the misconception; a
saved notebook shows the question, never the answer."""

from __future__ import annotations

import pytest

from widgets.quiz import KnowledgeCheck, Quiz, predict
from widgets.quizzes import CHECK, PREDICT

NOTEBOOKS = ["00", "01", "02", "02b", "03", "03b", "04", "05", "06", "07", "08", "09", "10", "11"]
ALL = [(nb, i, question) for bank in (PREDICT, CHECK) for nb, questions in bank.items()
       for i, question in enumerate(questions)]


def test_every_notebook_has_a_knowledge_check_of_three_to_five_questions():
    assert set(CHECK) == set(NOTEBOOKS)
    assert all(3 <= len(CHECK[nb]) <= 5 for nb in NOTEBOOKS)


def test_every_notebook_with_a_refusal_demo_has_a_predict_question():
    assert set(PREDICT) == set(NOTEBOOKS) - {"07"}  # 07 is challenges only


@pytest.mark.parametrize(("notebook", "index", "question"), ALL)
def test_one_right_choice_and_every_wrong_one_names_its_misconception(notebook, index, question):
    assert sum(c.right for c in question.choices) == 1
    assert len(question.choices) >= 3
    for n, choice in enumerate(question.choices):
        assert choice.why.strip()
        said = question.answer(n)
        assert said.startswith("Right. " if choice.right else "Not quite. Misconception: ")


def test_a_click_on_a_wrong_choice_shows_its_misconception_and_a_right_one_says_right():
    quiz = predict("04")
    assert quiz.feedback.value == ""
    wrong = next(i for i, c in enumerate(quiz.question.choices) if not c.right)
    quiz.buttons[wrong].click()
    assert "Not quite. Misconception: IPv6 moves like secondary IPv4" in quiz.feedback.value
    right = next(i for i, c in enumerate(quiz.question.choices) if c.right)
    quiz.buttons[right].click()
    assert "Right. IPv6 addresses cannot be reassigned" in quiz.feedback.value


def test_the_saved_output_shows_the_question_and_choices_but_not_the_answer():
    quiz = Quiz(CHECK["03"][0], label="Question 1")
    text = quiz._repr_mimebundle_()["text/plain"]
    assert text.startswith("Question 1: How many Elastic IPs can one private IPv4 address have?")
    assert "  A. One" in text and "  C. None on a secondary address" in text
    assert "Right" not in text and "Misconception" not in text
    check = KnowledgeCheck("03")
    saved = check._repr_mimebundle_()["text/plain"]
    assert saved.count("Question ") == len(CHECK["03"])
    assert "Misconception" not in saved and "Right." not in saved
    assert all(q.feedback.value == "" for q in check.quizzes)
