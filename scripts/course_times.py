"""How long each notebook takes a newcomer, measured from the notebooks themselves.

Teaching minutes = words of the markdown cells read at 200 words a minute + 0.5 minute per code
cell outside the exercises (read it, run it, look at the answer). Exercise minutes = 8 per
exercise (start, try, check, one hint), 12 per challenge of 07. Prints a Markdown table:

    .venv/bin/python scripts/course_times.py            # the table
    .venv/bin/python scripts/course_times.py --update   # and write them where the course says

The course states them in three places, all rewritten by ``--update`` (and checked by
tests/notebooks/test_course_times.py): each notebook's title cell ("about 24 minutes: 16 to read
and run, 8 of exercises"), the route table of 00_start_here, and the table in INSTRUCTORS.md.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
WPM, PER_CELL, PER_EXERCISE, PER_CHALLENGE = 200, 0.5, 8, 12


def measure(path: Path) -> tuple[int, int, int, int]:
    cells = json.loads(path.read_text())["cells"]
    words = sum(len(re.findall(r"[A-Za-z0-9']+", "".join(c["source"])))
                for c in cells if c["cell_type"] == "markdown")
    code = [c for c in cells if c["cell_type"] == "code"]
    starts = sum("exercises.start(" in "".join(c["source"]) for c in code)
    in_exercise = sum(any(key in "".join(c["source"]) for key in (
        "exercises.start(", "exercises.check_", "ExerciseHelp(", "%load", "Your code here",
        "Your !aws")) for c in code)
    teaching = math.ceil(words / WPM + PER_CELL * (len(code) - in_exercise))
    exercise = starts * (PER_CHALLENGE if path.name.startswith("07") else PER_EXERCISE)
    return words, len(code), teaching, exercise


def notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]*_*.ipynb"))


def stated(teaching: int, exercise: int) -> str:
    """How a notebook's title cell states its time."""
    return (f"about {teaching + exercise} minutes: {teaching} to read and run, {exercise} of "
            "exercises")


# Where the times are stated: a notebook's title cell, 00's route table, INSTRUCTORS.md's table.
TITLE_TIME = re.compile(r"about \d+ minutes(?:: \d+ to read and run, \d+ of exercises)?")


def route_row(stem: str) -> re.Pattern:
    return re.compile(rf"^(\| `{re.escape(stem)}` \|[^\n]*\| )\d+ min( \|)$", re.MULTILINE)


def instructors_row(stem: str) -> re.Pattern:
    return re.compile(rf"^\| `{re.escape(stem)}`( \(optional\))? \|[^\n]*\|$", re.MULTILINE)


def table() -> list[tuple[str, int, int, int, int]]:
    return [(path.stem, *measure(path)) for path in notebooks()]


def update() -> None:
    """Write every notebook's measured time where the course states it (run twice: a changed
    number can change a word count)."""
    for _ in range(2):
        for (_stem, _words, _code, teaching, exercise), path in zip(table(), notebooks(),
                                                                    strict=True):
            notebook = json.loads(path.read_text())
            title = notebook["cells"][0]
            text = "".join(title["source"])
            new = TITLE_TIME.sub(stated(teaching, exercise), text, count=1)
            if new != text:
                title["source"] = new.splitlines(keepends=True)
                path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")
        start = NOTEBOOKS / "00_start_here.ipynb"
        notebook = json.loads(start.read_text())
        for cell in notebook["cells"]:
            text = "".join(cell["source"])
            for stem, _words, _code, teaching, exercise in table():
                text = route_row(stem).sub(rf"\g<1>{teaching + exercise} min\g<2>", text)
            cell["source"] = text.splitlines(keepends=True)
        start.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")
        guide = NOTEBOOKS / "INSTRUCTORS.md"
        text = guide.read_text()
        for stem, words, code, teaching, exercise in table():
            text = instructors_row(stem).sub(
                lambda m, s=stem, w=words, c=code, t=teaching, e=exercise:
                f"| `{s}`{m.group(1) or ''} | {w} | {c} | {t} | {e} | {t + e} |", text)
        guide.write_text(text)


def main() -> None:
    if sys.argv[1:] == ["--update"]:
        update()
    print("| notebook | words | code cells | teaching min | exercise min | total min |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for stem, words, code, teaching, exercise in table():
        print(f"| `{stem}` | {words} | {code} | {teaching} | {exercise} | "
              f"{teaching + exercise} |")


if __name__ == "__main__":
    main()
