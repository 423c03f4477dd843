"""Every learner sees the same picture: Graphviz measures the diagram's labels with the fonts the
lab ships (``ec2sim/fonts``: DejaVu Sans and Sans Mono), never with whatever the machine has."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from ec2sim import diagram, scenarios

LABEL = 'digraph { a [label="10.0.1.4  public-a subnet" fontname="Helvetica,Arial,sans-serif"] }'


@pytest.fixture
def machine_without_fonts(tmp_path, monkeypatch) -> dict:
    """Make the machine's own fontconfig set-up (FONTCONFIG_PATH) one that knows no font."""
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    (tmp_path / "fonts.conf").write_text(
        f'<?xml version="1.0"?>\n<fontconfig><cachedir>{tmp_path / "cache"}</cachedir>'
        "</fontconfig>\n")
    return {"FONTCONFIG_PATH": str(tmp_path)}


def width(svg: str) -> str:
    return svg.split('width="', 1)[1].split('"', 1)[0]


def test_the_picture_does_not_depend_on_the_machines_fonts(machine_without_fonts, monkeypatch):
    scene = diagram.to_dot(scenarios.two_interfaces()).source
    usual = diagram.svg_of(scene)
    plain_dot = subprocess.run(["dot", "-Tsvg"], input=LABEL, capture_output=True, text=True,
                               env={**os.environ, **machine_without_fonts})
    for name, value in machine_without_fonts.items():
        monkeypatch.setenv(name, value)
    assert width(plain_dot.stdout) != width(diagram.svg_of(LABEL))  # the machine would matter
    assert diagram.svg_of(scene) == usual  # ... but the lab's fonts decide


def test_the_lab_names_its_own_fonts_for_every_face_the_diagram_asks_for():
    config = diagram.FONTS.read_text()
    for family in ("Helvetica", "Arial", "sans-serif", "Menlo", "Consolas", "monospace"):
        assert f"<family>{family}</family>" in config
    shipped = {path.name for path in Path(diagram.FONTS).parent.glob("*.ttf")}
    assert shipped == {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf",
                       "DejaVuSansMono-Bold.ttf"}
    assert (diagram.FONTS.parent / "LICENSE").exists()


def test_a_fontconfig_file_the_user_set_is_kept(tmp_path, monkeypatch):
    chosen = tmp_path / "mine.conf"
    monkeypatch.setenv("FONTCONFIG_FILE", str(chosen))
    assert diagram.dot_environment()["FONTCONFIG_FILE"] == str(chosen)
    monkeypatch.delenv("FONTCONFIG_FILE")
    assert diagram.dot_environment()["FONTCONFIG_FILE"] == str(diagram.FONTS)
