"""The error registry against the project's rules: every code RULES.md calls confirmed is
registered as confirmed, and the refusal tests of tests/core expect it, with the words of AWS's
message that RULES.md quotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ec2sim.errors import ERROR_CODES, RULES_CONFIRMED

HERE = Path(__file__).parent
# The tests' sources, with adjacent string literals joined ("a " "b" reads "a b").
SOURCES = re.sub(r'"\s*(?:#[^\n]*)?\n\s*f?"', "", "\n".join(
    p.read_text() for p in sorted(HERE.glob("test_core_*.py")) if p.name != Path(__file__).name))


@pytest.mark.parametrize("code", sorted(RULES_CONFIRMED))
def test_a_code_the_rules_confirm_is_registered_as_confirmed(code):
    assert ERROR_CODES[code].confirmed


@pytest.mark.parametrize("code, words", sorted(RULES_CONFIRMED.items()))
def test_the_refusal_tests_expect_each_confirmed_code_and_its_quoted_words(code, words):
    assert f'"{code}"' in SOURCES, f"no test expects {code}"
    assert words in SOURCES, f"no test expects the words {words!r} of {code}"
