"""Build the JupyterLite site of the lab into ``_site/``, and serve it on 127.0.0.1.

Everything the page needs is put inside the site: Pyodide itself, every wheel the notebooks
import (preloaded into each kernel, so no notebook needs an install cell) and the lab's own
wheel. Downloads come only from PyPI (pip) and the npm registry (npm), cached in
``.lite-cache/`` so a second build does not fetch again. The site is built clean every time: a
build that keeps an old output folder can lose the bundled Pyodide, and the kernel then quietly
loads one from a CDN.

    python scripts/build_lite.py build            # clean build into _site/
    python scripts/build_lite.py build --reuse    # keep _site/ when none of its inputs changed
    python scripts/build_lite.py serve [--port N] # serve _site/ on 127.0.0.1
"""

from __future__ import annotations

import argparse
import ast
import base64
import csv
import gzip
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
LITE = ROOT / "lite"
CACHE = ROOT / ".lite-cache"
SITE = ROOT / "_site"
STAMP = ".lab-inputs"  # in the site: the digest of what it was built from

# Pyodide as jupyterlite-pyodide-kernel 0.8.6 expects it; viz.js as vendored in widgets/static.
PYODIDE_NPM = "pyodide@314.0.6"
VIZ_NPM = "@viz-js/viz@3.31.0"
VIZ_VENDORED = ROOT / "widgets" / "static" / "viz.js"
# What the kernel needs from Pyodide's own list (with what those depend on): the npm package has
# the list but not the wheels, so these are fetched from PyPI at the list's versions.
KERNEL_NEEDS = ["micropip", "ipython", "jedi"]
# The runtime and Jupyter pins shared with Binder; awscli and boto3 stay out (no notebook imports
# boto3, and the AWS CLI needs a process: notebook 11 says so).
BINDER_PINS = ["botocore", "netaddr", "graphviz", "ipywidgets"]
# The import names and dependencies of the lab's preloaded wheels, as Pyodide's list spells them.
PRELOAD = {
    "ec2-multi-ip-lab": (["ec2sim", "widgets"], ["botocore", "netaddr", "graphviz", "ipywidgets",
                                                "anywidget"]),
    "botocore": (["botocore"], ["jmespath", "python-dateutil", "urllib3"]),
    "jmespath": (["jmespath"], []),
    "netaddr": (["netaddr"], []),
    "graphviz": (["graphviz"], []),
    "ipywidgets": (["ipywidgets"], ["comm", "ipython", "traitlets"]),
    "comm": (["comm"], []),
    "anywidget": (["anywidget"], ["ipywidgets", "psygnal", "typing-extensions"]),
    "psygnal": (["psygnal"], ["typing-extensions"]),
}
# botocore without the other 400 services: the EC2 model (newest version) and the few files
# botocore reads when it makes a client (botocore_for_ec2 also drops the model's documentation):
# 16.9 MB -> 0.54 MB.
BOTOCORE_KEEP = re.compile(r"botocore/(?:.*\.py"
                           r"|data/(?:_retry|endpoints|partitions|sdk-default-configuration)\.json"
                           r"|data/ec2/{version}/(?!examples).*)$")
# The pygments lexers kept: Python's (the kernel colours tracebacks and ``??`` with them) and plain
# text, the fallback; the other 250 languages are left out of the site, and out of the lexer list.
PYGMENTS_LEXERS = {"python", "special"}
# Files the site never needs: source maps and JupyterLab's own wheels for other kernels.
SITE_DROP = re.compile(r"\.map$")
# Modules of Python's library that nothing in a browser tab can use, left out of Pyodide's
# python_stdlib.zip: processes and mail/FTP/XML-RPC/WSGI servers and clients (a page has neither
# processes nor sockets), doctest, pickletools, trace, tabnanny and zipapp (unittest stays:
# piplite, in every kernel, imports unittest.mock).
STDLIB_UNUSED = ("multiprocessing|doctest|xmlrpc|wsgiref|imaplib|smtplib|poplib|ftplib"
                 "|mailbox|pickletools|trace|tabnanny|zipapp")
# ... and Windows' asyncio loops, _pyio (the pure-Python twin of io, which nothing imports) and
# the single-byte code pages but cp437 (zipfile's): the lab reads and writes UTF-8.
STDLIB_LEFT_OUT = re.compile(
    rf"(?:{STDLIB_UNUSED})(?:/|\.py$)|asyncio/windows_\w+\.py$|_pyio\.py$"
    r"|encodings/(?!cp437\.py)(?:cp\d+|mac_\w+|iso8859_\d+|koi8_\w|hp_roman8|palmos|ptcp154"
    r"|kz1048|tis_620)\.py$")
# Modules jedi has stubs for that Pyodide's Python does not have: gone from Python by 3.14, or
# for a desktop (Tk, curses, Windows, macOS), or left out above.
NOT_IN_PYODIDE = (f"{STDLIB_UNUSED}|distutils|lib2to3|imp|asyncore|asynchat|smtpd|formatter"
                  "|macpath|parser|symbol|binhex|cgi|cgitb|telnetlib|nntplib|aifc|sunau|audioop"
                  "|xdrlib|imghdr|msilib|_msi|_dummy_threading|_dummy_thread|tkinter|_tkinter"
                  "|turtle|winreg|winsound|_winapi|msvcrt|_curses|curses|dbm|venv|_osx_support"
                  "|readline")
# Files of the bundled wheels that nothing in the browser reads, left out of the site: the IEEE
# registries behind netaddr's OUI look-ups (the lab only derives link-local addresses from MACs),
# jedi's stubs for Python 2, for modules NOT_IN_PYODIDE and for libraries the site does not
# have (Django, typeshed's third_party but its small "3" folder: jedi lists that folder's parent
# at every completion), IPython's Sphinx and pytest plug-ins and desktop event loops (Qt, Tk,
# GTK...), IPython's and prompt_toolkit's Windows console code, urllib3's SOCKS and pyOpenSSL
# adapters (neither library is in the site), netaddr's and ipywidgets' own tests, the fonts the
# native `dot` draws with (the page has its own), anywidget's JupyterLab extension (the site
# serves it from extensions/) and dateutil's time-zone database (botocore uses UTC).
LEFT_OUT = {
    "anywidget": re.compile(r"anywidget(?:/labextension/|-[^/]*\.data/)"),
    "python-dateutil": re.compile(r"dateutil/zoneinfo/.*\.tar\.gz$"),
    "netaddr": re.compile(r"netaddr/(?:eui/(?:iab|oui)\.(?:txt|idx)$|tests/)"),
    "ipywidgets": re.compile(r"ipywidgets/(?:.+/)?tests/"),
    "jedi": re.compile(r"jedi/third_party/(?:django-stubs/"  # third_party/2 is 2/ and 2and3/
                       r"|typeshed/third_party/2|typeshed/stdlib/2/"
                       rf"|typeshed/stdlib/[^/]+/(?:{NOT_IN_PYODIDE})(?:/|\.pyi$))"),
    "ipython": re.compile(r"IPython/(?:sphinxext/|testing/plugin/|utils/_process_win32"
                          r"|terminal/pt_inputhooks/(?!__init__|asyncio))"),
    "prompt-toolkit": re.compile(r"prompt_toolkit/(?:win32_types|(?:input|output|eventloop)/"
                                 r"(?:win32|win32_pipe|windows10|conemu))\.py$"),
    "urllib3": re.compile(r"urllib3/contrib/(?:socks|pyopenssl)\.py$"),
    "ec2-multi-ip-lab": re.compile(r"ec2sim/fonts/"),
}


def log(message: str) -> None:
    print(f"lite: {message}", flush=True)


def run(*command: str | Path, cwd: Path | None = None) -> None:
    subprocess.run([str(part) for part in command], check=True, cwd=cwd)


# -- what the site is built from ------------------------------------------------------------
def pins(path: Path) -> dict[str, str]:
    """name -> version of each ``name==version`` line of a requirements file."""
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            found[canonical(name)] = version.strip()
    return found


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def inputs() -> list[Path]:
    """Every file whose change calls for a new site."""
    files = [Path(__file__), ROOT / "pyproject.toml", ROOT / "binder" / "requirements.txt"]
    for folder in ("lite", "ec2sim", "widgets", "notebooks"):
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file()
                  and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts]
    return sorted(files)


def inputs_digest() -> str:
    digest = hashlib.sha256()
    for path in inputs():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def up_to_date(site: Path = SITE) -> bool:
    stamp = site / STAMP
    return stamp.is_file() and stamp.read_text() == inputs_digest()


# -- fetching (cached) ------------------------------------------------------------------------
def npm_package(spec: str) -> Path:
    """The npm package's tarball, from the cache or the npm registry."""
    folder = CACHE / "npm"
    folder.mkdir(parents=True, exist_ok=True)
    name, version = spec.rsplit("@", 1)
    tarball = folder / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not tarball.exists():
        log(f"npm pack {spec}")
        run("npm", "pack", "--silent", spec, cwd=folder)
    return tarball


def pure_wheel(name: str, version: str) -> Path:
    """The pure-Python wheel ``name==version``, from the cache or PyPI."""
    folder = CACHE / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    for wheel in folder.glob("*.whl"):
        wheel_name, wheel_version = wheel.name.split("-")[:2]
        if canonical(wheel_name) == canonical(name) and wheel_version == version:
            return wheel
    log(f"pip download {name}=={version}")
    run(sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
        "--platform", "any", "--implementation", "py", "--abi", "none",
        "--python-version", "3.14", "-d", folder, f"{name}=={version}")
    return pure_wheel(name, version)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the pieces -------------------------------------------------------------------------------
def unpack_pyodide(static: Path) -> dict:
    """Pyodide's runtime into ``static/pyodide``; returns its package list (the lock)."""
    target = static / "pyodide"
    target.mkdir(parents=True)
    with tarfile.open(npm_package(PYODIDE_NPM)) as archive:
        for member in archive.getmembers():
            keep = member.isfile() and not member.name.endswith((".map", ".d.ts", ".html"))
            if keep:
                (target / Path(member.name).name).write_bytes(archive.extractfile(member).read())
    slim_stdlib(target / "python_stdlib.zip")
    return json.loads((target / "pyodide-lock.json").read_text())


def closure(lock: dict, names: list[str]) -> list[str]:
    """The names and everything they depend on in Pyodide's list."""
    seen: list[str] = []
    todo = list(names)
    while todo:
        name = canonical(todo.pop())
        if name in seen:
            continue
        seen.append(name)
        todo += lock["packages"][name]["depends"]
    return sorted(seen)


def fill_from_pypi(lock: dict, folder: Path, names: list[str]) -> None:
    """Put PyPI's wheel of each listed package beside Pyodide, and its hash in the list.

    Pyodide repacks its wheels, so PyPI's files of the same versions have other hashes."""
    for name in closure(lock, names):
        entry = lock["packages"][name]
        if not entry["file_name"].endswith("-none-any.whl"):
            raise SystemExit(f"lite: {name} is not pure Python in Pyodide's list; cannot fetch it")
        wheel = site_wheel(name, pure_wheel(name, entry["version"]), folder)
        entry.update(file_name=wheel.name, sha256=sha256(wheel), unvendored_tests=False)


def site_wheel(name: str, source: Path, folder: Path) -> Path:
    """The wheel as the site carries it: without the files LEFT_OUT lists for it, and as SLIMMED
    edits it."""
    if name not in LEFT_OUT and name not in SLIMMED:
        target = folder / source.name
        shutil.copyfile(source, target)
        return target
    with zipfile.ZipFile(source) as wheel:
        files = {n: wheel.read(n) for n in wheel.namelist() if not n.endswith("/RECORD")
                 and not (name in LEFT_OUT and LEFT_OUT[name].match(n))}
    write_wheel(folder / source.name, SLIMMED.get(name, dict)(files))
    return folder / source.name


def botocore_for_ec2(files: dict[str, bytes]) -> dict[str, bytes]:
    """botocore with only the EC2 model, without its documentation strings (nothing in the page
    shows them; the lab's messages are its own), and with the endpoints of EC2 only: the same
    package, 1/30 of the bytes."""
    models = sorted({n.split("/")[3] for n in files if n.startswith("botocore/data/ec2/")})
    keep = re.compile(BOTOCORE_KEEP.pattern.format(version=re.escape(models[-1])))
    files = {n: data for n, data in files.items() if keep.match(n) or ".dist-info/" in n}
    for name in files:
        if name.endswith("/service-2.json.gz"):
            model = without_documentation(json.loads(gzip.decompress(files[name])))
            files[name] = gzip.compress(compact_json(model), mtime=0)
    endpoints = json.loads(files["botocore/data/endpoints.json"])
    for partition in endpoints["partitions"]:
        partition["services"] = {k: v for k, v in partition["services"].items() if k == "ec2"}
    files["botocore/data/endpoints.json"] = compact_json(endpoints)
    return files


def without_documentation(node: object) -> object:
    """A service model without its ``documentation`` texts (a member so named stays: it is an
    object, not a string)."""
    if isinstance(node, dict):
        return {key: without_documentation(value) for key, value in node.items()
                if not (key in ("documentation", "documentationUrl") and isinstance(value, str))}
    if isinstance(node, list):
        return [without_documentation(value) for value in node]
    return node


def compact_json(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def pygments_for_python(files: dict[str, bytes]) -> dict[str, bytes]:
    """pygments with the lexers of PYGMENTS_LEXERS only, and a lexer list naming just those (so
    asking for another language says "no lexer", as for any unknown name)."""
    table = files["pygments/lexers/_mapping.py"].decode().split("LEXERS = ", 1)[1]
    kept = {name: entry for name, entry in ast.literal_eval(table).items()
            if entry[0].rsplit(".", 1)[1] in PYGMENTS_LEXERS}
    files = {n: data for n, data in files.items() if not n.startswith("pygments/lexers/")
             or Path(n).stem in {"__init__", "_mapping", *PYGMENTS_LEXERS}}
    table = "".join(f"    {name!r}: {entry!r},\n" for name, entry in sorted(kept.items()))
    files["pygments/lexers/_mapping.py"] = (
        f"# The lexers the JupyterLite site keeps (scripts/build_lite.py).\n\nLEXERS = {{\n"
        f"{table}}}\n").encode()
    return files


# Wheels whose files the site edits, besides leaving some out.
SLIMMED: dict[str, Callable[[dict[str, bytes]], dict[str, bytes]]] = {
    "botocore": botocore_for_ec2, "pygments": pygments_for_python}


def slim_stdlib(path: Path) -> None:
    """Pyodide's python_stdlib.zip without the modules STDLIB_LEFT_OUT names, compressed as
    before."""
    with zipfile.ZipFile(path) as archive:
        kept = [(info, archive.read(info)) for info in archive.infolist()
                if not STDLIB_LEFT_OUT.match(info.filename)]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in kept:
            archive.writestr(info, data)


def write_wheel(path: Path, files: dict[str, bytes]) -> None:
    """A wheel holding ``files``, with a RECORD that matches them."""
    record_name = next(n for n in files if n.endswith(".dist-info/METADATA")).rsplit("/", 1)[0]
    record_name += "/RECORD"
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\n")
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([name, f"sha256={digest}", len(data)])
    writer.writerow([record_name, "", ""])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in [*files.items(), (record_name, rows.getvalue().encode())]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            wheel.writestr(info, data)


def lab_wheel(folder: Path) -> Path:
    """The lab's own wheel (ec2sim and widgets) from this checkout, as pyproject.toml lists its
    packages and package data (less what LEFT_OUT lists); written directly, so no build tool
    touches the shared tree."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    name, version = project["project"]["name"], project["project"]["version"]
    setuptools = project["tool"]["setuptools"]
    files: dict[str, bytes] = {}
    for package in setuptools["packages"]:
        folder_of = ROOT / package.replace(".", "/")
        patterns = ["*.py", *setuptools.get("package-data", {}).get(package, [])]
        for pattern in patterns:
            for path in sorted(folder_of.glob(pattern)):
                if not LEFT_OUT[canonical(name)].match(str(path.relative_to(ROOT))):
                    files[str(path.relative_to(ROOT))] = path.read_bytes()
    missing = sorted({str(p.parent.relative_to(ROOT)).replace("/", ".")
                      for p in ROOT.glob("*/**/__init__.py")
                      if p.parts[len(ROOT.parts)] in setuptools["packages"]
                      and str(p.relative_to(ROOT)) not in files})
    if missing:
        raise SystemExit(f"lite: pyproject.toml's packages leave out {missing}")
    dist = f"{name.replace('-', '_')}-{version}.dist-info"
    requires = "".join(f"Requires-Dist: {r}\n" for r in project["project"]["dependencies"])
    files[f"{dist}/METADATA"] = (f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
                                 f"{requires}").encode()
    files[f"{dist}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: scripts/build_lite.py\n"
                              b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    wheel = folder / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    write_wheel(wheel, files)
    return wheel


def add_to_lock(lock: dict, name: str, wheel: Path) -> None:
    imports, depends = PRELOAD[name]
    version = wheel.name.split("-")[1]
    lock["packages"][name] = {
        "name": name, "version": version, "file_name": wheel.name, "install_dir": "site",
        "sha256": sha256(wheel), "package_type": "package", "imports": imports,
        "depends": depends, "unvendored_tests": False}


def check_vendored_viz() -> None:
    """widgets/static/viz.js must be npm's file, byte for byte."""
    with tarfile.open(npm_package(VIZ_NPM)) as archive:
        npm_file = archive.extractfile("package/dist/viz.js").read()
    if VIZ_VENDORED.read_bytes() != npm_file:
        raise SystemExit(f"lite: {VIZ_VENDORED.relative_to(ROOT)} is not {VIZ_NPM}'s dist/viz.js;"
                         f" copy it from the npm package")


# -- the build --------------------------------------------------------------------------------
def build(site: Path = SITE) -> None:
    check_vendored_viz()
    work = CACHE / "lite-dir"
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    static = work / "static"
    lock = unpack_pyodide(static)
    pyodide = static / "pyodide"
    fill_from_pypi(lock, pyodide, KERNEL_NEEDS + ["python-dateutil", "urllib3",
                                                  "typing-extensions"])
    versions = {**pins(ROOT / "binder" / "requirements.txt"), **pins(LITE / "requirements.txt")}
    for name in PRELOAD:
        if name == "ec2-multi-ip-lab":
            wheel = lab_wheel(pyodide)
        else:
            wheel = site_wheel(name, pure_wheel(name, versions[name]), pyodide)
        add_to_lock(lock, name, wheel)
    # the list names only what the site holds (a few dozen of Pyodide's 365 packages): an
    # import of any other is a plain ModuleNotFoundError, not a download that fails
    lock["packages"] = {name: entry for name, entry in lock["packages"].items()
                        if (pyodide / entry["file_name"]).is_file()}
    (pyodide / "pyodide-lock.json").write_text(json.dumps(lock, sort_keys=True))

    config = json.loads((LITE / "jupyter-lite.json").read_text())
    kernel = config["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"]
    kernel["loadPyodideOptions"]["packages"] = ["ec2-multi-ip-lab", "comm", "ipython", "jedi"]
    (work / "jupyter-lite.json").write_text(json.dumps(config, indent=1))
    shutil.copyfile(LITE / "overrides.json", work / "overrides.json")

    contents = work / "contents"
    for name in tutorial_files():
        target = contents / Path(name).relative_to("notebooks")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, target)

    log("jupyter lite build")
    jupyter = Path(sys.executable).with_name("jupyter")
    run(jupyter, "lite", "build", "--no-sourcemaps", "--lite-dir", work,
        "--contents", contents, "--output-dir", site, cwd=work)
    for path in site.rglob("*"):
        if path.is_file() and SITE_DROP.search(path.name):
            path.unlink()
    check_site(site)
    (site / STAMP).write_text(inputs_digest())
    log(f"built {site.relative_to(ROOT)}/ ({site_size(site) / 1e6:.1f} MB)")


def tutorial_files() -> list[str]:
    """The notebooks folder as the repository holds it (no checkpoints, no files a run left
    behind), without what only the tests use."""
    try:
        listed = subprocess.run(["git", "ls-files", "notebooks"], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: take the folder
        listed = [str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").rglob("*")
                  if p.is_file() and ".ipynb_checkpoints" not in p.parts]
    return [name for name in listed if not name.endswith("nbval_sanitize.cfg")
            and (ROOT / name).is_file()]


def check_site(site: Path) -> None:
    """Refuse a site whose kernel would look for Pyodide or packages elsewhere."""
    config = json.loads((site / "jupyter-lite.json").read_text())
    settings = config["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"]
    if not settings.get("disablePyPIFallback"):
        raise SystemExit("lite: the built site lost disablePyPIFallback")
    url = settings.get("pyodideUrl", "")
    if not (site / url).is_file():
        raise SystemExit(f"lite: the built site's pyodideUrl {url!r} is not inside the site")


def site_size(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


# -- serving ----------------------------------------------------------------------------------
class Handler(SimpleHTTPRequestHandler):
    """The site's files with the types browsers insist on (WebAssembly, JavaScript modules)."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".js": "text/javascript",
                      ".ipynb": "application/json", ".whl": "application/zip"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        return


def server(site: Path = SITE, port: int = 0) -> ThreadingHTTPServer:
    """A server of ``site`` on 127.0.0.1 (``port`` 0: any free one); call serve_forever()."""
    return ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=str(site)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("build", help="build the site into _site/ (clean)")
    make.add_argument("--reuse", action="store_true",
                      help="keep _site/ when none of its inputs changed since it was built")
    serve = sub.add_parser("serve", help="serve _site/ on 127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    if args.command == "build":
        if args.reuse and up_to_date():
            log("_site/ is up to date")
        else:
            build()
        return
    httpd = server(port=args.port)
    log(f"serving {SITE.relative_to(ROOT)}/ at "
        f"http://127.0.0.1:{httpd.server_address[1]}/lab/index.html?path=00_start_here.ipynb"
        f"  (Ctrl-C stops)")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
