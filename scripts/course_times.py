"""How long each notebook takes a newcomer, measured from the notebooks themselves.

Teaching minutes = words of the markdown cells read at 200 words a minute + 0.5 minute per code
cell outside the exercises (read it, run it, look at the answer). Exercise minutes = 8 per
exercise (start, try, check, one hint), 12 per challenge of 07. Prints a Markdown table:

    .venv/bin/python scripts/course_times.py
"""

from __future__ import annotations

import json
import math
import re
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


def main() -> None:
    print("| notebook | words | code cells | teaching min | exercise min | total min |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]*_*.ipynb")):
        words, code, teaching, exercise = measure(path)
        print(f"| `{path.stem}` | {words} | {code} | {teaching} | {exercise} | "
              f"{teaching + exercise} |")


if __name__ == "__main__":
    main()
