"""The notebooks' comparison of diagrams holds across Graphviz releases: the system's ``dot`` and
a much newer Graphviz (the WebAssembly build the browser path ships, run by Node) draw every
scenario with the same nodes, edges, texts and colours once ``notebooks/nbval_sanitize.cfg`` has
blanked what the fonts and the release decide (positions, sizes, spelling)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from nbval.plugin import get_sanitize_patterns

from ec2sim import diagram, scenarios

ROOT = Path(__file__).resolve().parents[2]
VIZ = ROOT / "widgets" / "static" / "viz.js"  # @viz-js/viz: Graphviz compiled to WebAssembly
PATTERNS = get_sanitize_patterns((ROOT / "notebooks" / "nbval_sanitize.cfg").read_text())

RENDER = """
const { instance } = await import(process.argv[1]);
const viz = await instance();
let text = "";
for await (const chunk of process.stdin) text += chunk;
const answers = JSON.parse(text).map((dot) => viz.render(dot, { format: "svg" }).output);
process.stdout.write(JSON.stringify(answers));
"""


def sanitized(svg: str) -> str:
    svg = svg[svg.find("<svg"):]
    for regex, replace in PATTERNS:
        svg = re.sub(regex, replace, svg)
    return svg


def newer_graphviz(sources: list[str], tmp_path: Path) -> list[str]:
    module = tmp_path / "viz.mjs"  # Node reads a .js file beside no package.json as CommonJS
    shutil.copy(VIZ, module)
    done = subprocess.run(["node", "--input-type=module", "-e", RENDER, module.as_uri()],
                          input=json.dumps(sources), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.skipif(shutil.which("node") is None or not VIZ.exists(),
                    reason="needs Node and widgets/static/viz.js (the browser path's Graphviz)")
def test_every_scenario_compares_equal_under_a_newer_graphviz(tmp_path):
    sources = [diagram.to_dot(build()).source for build in scenarios.SCENARIOS.values()]
    native = [diagram.svg_of(source) for source in sources]
    newer = newer_graphviz(sources, tmp_path)
    assert native != newer  # two releases, two spellings of each picture ...
    for name, ours, theirs in zip(scenarios.SCENARIOS, native, newer, strict=True):
        assert sanitized(ours) == sanitized(theirs), name  # ... and one picture
        assert 'class="node' in sanitized(ours), name
    assert any('class="edge' in sanitized(svg) for svg in native)  # Elastic IPs' edges compared
