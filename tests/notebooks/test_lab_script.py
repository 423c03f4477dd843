"""The README's tutorial command, ``scripts/lab.sh``, starts JupyterLab for root and non-root alike
and says what it ran. The dry runs start nothing; the real start is stopped once it serves."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAB = ROOT / "scripts" / "lab.sh"


def as_user(tmp_path: Path, uid: int) -> dict:
    """An environment in which ``id -u`` answers ``uid`` and lab.sh only prints its command."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_id = bin_dir / "id"
    fake_id.write_text(f"#!/bin/sh\necho {uid}\n")
    fake_id.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "LAB_DRY_RUN": "1"}


def dry_run(env: dict, *args: str) -> list[str]:
    done = subprocess.run(["bash", str(LAB), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line.startswith("lab: ")]


def test_as_root_it_adds_allow_root_and_says_so(tmp_path):
    said = dry_run(as_user(tmp_path, 0), "--no-browser")
    assert said == [
        "lab: running as root, so adding --allow-root (JupyterLab refuses root without it)",
        "lab: .venv/bin/jupyter lab notebooks/00_start_here.ipynb --allow-root --no-browser"]


def test_as_another_user_it_runs_jupyterlab_as_it_is(tmp_path):
    said = dry_run(as_user(tmp_path, 1000), "--no-browser")
    assert said == ["lab: .venv/bin/jupyter lab notebooks/00_start_here.ipynb --no-browser"]


def test_an_allow_root_already_given_is_not_repeated(tmp_path):
    said = dry_run(as_user(tmp_path, 0), "--allow-root")
    assert said == ["lab: .venv/bin/jupyter lab notebooks/00_start_here.ipynb --allow-root"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_jupyterlab_really_starts_for_whoever_runs_it(tmp_path):
    """As root (CI, a container) JupyterLab exits at once without --allow-root; here it serves."""
    port = free_port()
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    env.pop("LAB_DRY_RUN", None)
    log = tmp_path / "lab.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            ["bash", str(LAB), "--no-browser", "--ServerApp.ip=127.0.0.1",
             f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
             "--IdentityProvider.token=lab-test"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while server.poll() is None and f"127.0.0.1:{port}/lab" not in log.read_text():
            assert time.monotonic() < deadline, f"JupyterLab did not start:\n{log.read_text()}"
            time.sleep(0.2)
        assert server.poll() is None, f"JupyterLab exited:\n{log.read_text()}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    assert "lab: .venv/bin/jupyter lab notebooks/00_start_here.ipynb" in log.read_text()
