"""The notebooks read as one course: a navigation bar (previous / contents / next) at the top and
the bottom of each, "What you learned", a knowledge check and, where a notebook shows what EC2
refuses, a predict-then-run question; and each notebook's table of its calls names the AWS CLI
command and the AWS Tools for PowerShell cmdlet of every boto3 call it lists."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from widgets.powershell import CMDLETS
from widgets.quizzes import CHECK, PREDICT

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb"))  # 02b follows 02
NAMES = [path.stem for path in NOTEBOOKS]
LINK = re.compile(r"\[[^\]]*\]\(([^)]+)\)")


def key(name: str) -> str:
    """A notebook's key in the question banks and cell IDs: "02b" for 02b_launch_and_reassign."""
    return name.split("_")[0]


def cells(name: str) -> list:
    return nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4).cells


def expected_bar(name: str) -> list[str]:
    at = NAMES.index(name)
    previous = [f"{NAMES[at - 1]}.ipynb"] if at else []
    following = [f"{NAMES[at + 1]}.ipynb"] if at + 1 < len(NAMES) else []
    return [*previous, "README.md", *following]


@pytest.mark.parametrize("name", NAMES)
def test_a_navigation_bar_at_the_top_and_the_bottom(name):
    notebook = cells(name)
    top = notebook[0].source.split("\n\n")[0]  # the title cell starts with the bar
    bottom = notebook[-1].source
    assert LINK.findall(top) == expected_bar(name), top
    assert LINK.findall(bottom) == expected_bar(name), bottom
    if int(name[:2]) >= 7:  # the bars of 07 (which leads to them) and 08-11 say they are optional
        assert "08–11 are optional" in top


@pytest.mark.parametrize("name", NAMES)
def test_what_you_learned_a_knowledge_check_and_the_predict_questions(name):
    notebook = cells(name)
    number = key(name)
    assert any(c.source.startswith("## What you learned") for c in notebook)
    code = [c.source for c in notebook if c.cell_type == "code"]
    assert f'widgets.KnowledgeCheck("{number}")' in code and number in CHECK
    asked = sorted(int(m.group(1) or 0) for source in code
                   for m in re.finditer(rf'widgets\.predict\("{number}"(?:, (\d+))?\)', source))
    assert asked == list(range(len(PREDICT.get(number, [])))), "every predict question, once"


def reference_rows(name: str) -> list[tuple[str, str, str]]:
    table = next((c.source for c in cells(name) if c.id == f"{key(name)}-reference"), "")
    return re.findall(r"^\| `(\w+)` \| `aws ec2 ([\w-]+)` \| `([\w-]+)` \|$", table, re.M)


@pytest.mark.parametrize("name", [n for n in NAMES if n != "07_challenges"])
def test_the_table_of_calls_names_each_calls_cli_command_and_cmdlet(name):
    rows = reference_rows(name)
    assert rows, "no table of the notebook's calls"
    taught = "\n".join(c.source for c in cells(name) if c.id != f"{key(name)}-reference")
    for call, command, cmdlet in rows:
        operation = "".join(part.capitalize() for part in call.split("_"))
        assert command == call.replace("_", "-")
        assert cmdlet == CMDLETS[operation]
        assert call in taught or f"aws ec2 {command}" in taught, \
            f"{call} is in the table but the notebook never shows it"
