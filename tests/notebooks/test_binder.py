"""binder/ builds what pyproject.toml declares: Binder must not drift from the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[2]
BINDER = ROOT / "binder"


def declared() -> dict[str, Requirement]:
    """pyproject's runtime and [lab] dependencies, by normalised name."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["lab"]]
    return {canonicalize_name(r.name): r for r in map(Requirement, wanted)}


def pinned() -> dict[str, Requirement]:
    """binder/requirements.txt, by normalised name (comments and blank lines skipped)."""
    lines = (line.split("#", 1)[0].strip() for line in
             (BINDER / "requirements.txt").read_text().splitlines())
    return {canonicalize_name(r.name): r for r in map(Requirement, filter(None, lines))}


def pinned_version(requirement: Requirement) -> str:
    (spec,) = requirement.specifier
    assert spec.operator == "==", f"{requirement} is not pinned with =="
    return spec.version


def test_every_declared_dependency_is_pinned_for_binder():
    missing = sorted(set(declared()) - set(pinned()))
    assert not missing, f"binder/requirements.txt lacks {missing}"


@pytest.mark.parametrize("name", sorted(declared()))
def test_each_pin_satisfies_pyproject(name):
    requirement = declared()[name]
    version = pinned_version(pinned()[name])
    assert requirement.specifier.contains(version, prereleases=True), (
        f"binder pins {name}=={version}, but pyproject.toml asks for {requirement}")


def test_binder_pins_nothing_pyproject_does_not_declare():
    extra = sorted(set(pinned()) - set(declared()))
    assert not extra, f"binder/requirements.txt pins {extra}, which pyproject.toml does not name"


def test_graphviz_program_is_installed_by_apt():
    assert "graphviz" in (BINDER / "apt.txt").read_text().split()


def test_post_build_installs_the_project_without_dependencies():
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK), "repo2docker runs postBuild only if it is executable"
    commands = [line for line in post_build.read_text().splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert "pip install --no-deps -e ." in "\n".join(commands)
