"""What the JupyterLite site costs a learner, against its own floor, measured in the same run.

- Page open -> the console and its diagram on screen (a notebook whose one cell makes a
  Console), against the same site opening an empty notebook until its kernel is ready (the
  least any JupyterLite notebook costs). Cold (nothing cached) and warm (the browser's cache
  filled by an earlier visit); target: console <= 1.5 x the floor.
- Bytes a learner downloads for the console page, gzip-compressed as a static host sends them
  (each file the page fetched, compressed at level 6), and the empty notebook's; target <= 12 MB.
- The medium scene of bench/diagram_latency.py drawn by viz.js in the page against Graphviz's
  own ``dot -Tsvg`` on the same DOT (medians); target <= 3 x.

    .venv/bin/python bench/lite_start.py [--tries N]

It builds the site first when ``_site/`` is missing or out of date (scripts/build_lite.py).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))

import build_lite  # noqa: E402
import diagram_latency  # noqa: E402

import ec2sim  # noqa: E402
from ec2sim import diagram  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
CONSOLE_CELL = "import ec2sim, widgets\ncloud = ec2sim.Cloud(seed=0)\nwidgets.Console(cloud)"
KERNEL_READY = """(name) => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.context || panel.context.path !== name) return false;
  const kernel = panel.sessionContext.session?.kernel;
  return panel.context.isReady && kernel && kernel.status === 'idle';
}"""
SAVE = """async ([name, source]) => {
  const cells = source ? [{cell_type: 'code', source, metadata: {}, outputs: [],
                           execution_count: null}] : [];
  await window.jupyterapp.serviceManager.contents.save(name, {type: 'notebook', format: 'json',
    content: {cells, metadata: {kernelspec: {name: 'python', display_name: 'Python (Pyodide)'}},
              nbformat: 4, nbformat_minor: 5}});
}"""
RUN_ALL = "() => window.jupyterapp.commands.execute('notebook:run-all-cells')"
# the diagram's place holds text until the page has drawn the picture
DIAGRAM_SHOWN = "() => document.querySelector('.ec2-diagram svg') !== null"
VIZ_MEDIANS = """async ([source, dot, tries]) => {
  const url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
  const viz = await (await import(url)).instance();
  const times = [];
  for (let i = 0; i <= tries; i++) {
    const start = performance.now();
    viz.renderString(dot, {format: 'svg'});
    times.push(performance.now() - start);
  }
  return times.slice(1);  // the first draw also compiles: left out, as dot's start-up is not
}"""


def medium_dot() -> str:
    cloud = ec2sim.Cloud(seed=0)
    diagram_latency.build_scene(cloud, **diagram_latency.SCENES["medium"])
    return diagram.scene_dot(diagram.build_scene(cloud), True).source


def native_seconds(dot: str, tries: int) -> list[float]:
    times = []
    for _ in range(tries):
        start = time.perf_counter()
        subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def gzip_bytes(site: Path, urls: set[str]) -> tuple[int, int]:
    """(raw, gzip) bytes of the site's files behind ``urls``."""
    raw = packed = 0
    for url in urls:
        path = site / unquote(urlsplit(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            data = path.read_bytes()
            raw += len(data)
            packed += len(gzip.compress(data, compresslevel=6))
    return raw, packed


def visit(browser, base: str, name: str, source: str, cold: bool) -> tuple[float, set[str]]:
    """Seconds from asking for ``name`` to a ready kernel (empty) or the drawn console, and the
    URLs that open fetched, in a fresh browser profile: the notebook is saved into its storage,
    then the cache is cleared (cold) or filled by a first open (warm). Chromium's cache is
    cleared once per profile: an open after a clear in the same profile can stall."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(300_000)
    page = context.new_page()
    page.goto(f"{base}lab/index.html")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.serviceManager")
    page.evaluate(SAVE, [name, source])
    page.goto("about:blank")
    if cold:
        context.new_cdp_session(page).send("Network.clearBrowserCache")
    for _ in range(1 if cold else 2):
        page = context.new_page()
        fetched: set[str] = set()
        page.on("response", lambda response, urls=fetched: urls.add(response.url))
        start = time.perf_counter()
        page.goto(f"{base}lab/index.html?path={name}")
        page.wait_for_function(KERNEL_READY, arg=name, polling=100)
        if source:
            page.evaluate(RUN_ALL)
            page.wait_for_function(DIAGRAM_SHOWN, polling=100)
        elapsed = time.perf_counter() - start
        page.close()
    context.close()
    print(f"  ({'cold' if cold else 'warm'} {name}: {elapsed:.1f} s)", file=sys.stderr, flush=True)
    return elapsed, fetched


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tries", type=int, default=2, help="page opens of each kind")
    args = parser.parse_args()
    diagram_latency._no_real_aws()
    if not build_lite.up_to_date():
        build_lite.build()
    httpd = build_lite.server()
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        figures, fetched = {}, {}
        for cache in ("cold", "warm"):
            runs: dict[str, list[float]] = {"empty": [], "console": []}
            for _ in range(args.tries):  # interleaved, so a change of the machine's load hits both
                for kind, source in (("empty", ""), ("console", CONSOLE_CELL)):
                    seconds, urls = visit(browser, base, f"{kind}.ipynb", source, cache == "cold")
                    runs[kind].append(seconds)
                    if cache == "cold":
                        fetched[kind] = urls
            figures.update({(cache, kind): statistics.median(times)
                            for kind, times in runs.items()})
        sizes = {kind: gzip_bytes(build_lite.SITE, urls) for kind, urls in fetched.items()}

        dot = medium_dot()
        source = (ROOT / "widgets/static/viz.js").read_text()
        page = browser.new_page()
        page.goto(f"{base}lab/index.html")
        in_page = page.evaluate(VIZ_MEDIANS, [source, dot, 9])
        browser.close()
    httpd.shutdown()
    native = statistics.median(native_seconds(dot, 9)) * 1000
    browser_ms = statistics.median(in_page)

    print("JupyterLite site, headless Chromium on this machine (medians of "
          f"{args.tries} page opens each)")
    for cache in ("cold", "warm"):
        floor, console = figures[cache, "empty"], figures[cache, "console"]
        print(f"  {cache:4}: empty notebook, kernel ready {floor:6.1f} s | console and diagram "
              f"on screen {console:6.1f} s | ratio {console / floor:4.2f} (target <= 1.5)")
    (raw, packed), (_, floor_packed) = sizes["console"], sizes["empty"]
    print(f"  a learner downloads {packed / 1e6:.1f} MB gzip ({raw / 1e6:.1f} MB raw) for the "
          f"console page (target <= 12 MB); the empty notebook alone: {floor_packed / 1e6:.1f} MB")
    nodes = diagram_latency.graph_nodes(diagram.svg_of(dot))
    print(f"  medium scene ({nodes} graph nodes): viz.js in the page "
          f"{browser_ms:.0f} ms, dot -Tsvg {native:.0f} ms: ratio {browser_ms / native:.2f} "
          f"(target <= 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
