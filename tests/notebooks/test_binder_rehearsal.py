"""A rehearsal of Binder's build, without Docker: a fresh virtual environment made from the
``binder/`` files alone (requirements.txt, then postBuild), and the tutorial run in it by nbval.

If a notebook needs a package that only the developers' environment has, this is where it shows.
The only things added beyond Binder's files are the test tools themselves (pytest, nbval).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(command: list[str], env: dict, timeout: int) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return done


def test_the_notebooks_run_in_an_environment_built_from_binder_files_alone(tmp_path):
    env_dir = tmp_path / "binder-env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = str(env_dir / "bin" / "python")
    env = {**os.environ, "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "VIRTUAL_ENV": str(env_dir), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("PYTHONPATH", None)
    run([python, "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"], env, 900)
    run(["bash", "binder/postBuild"], env, 300)
    run([python, "-m", "pip", "install", "-q", "pytest", "nbval"], env, 300)
    imported = run([python, "-c", "import ec2sim, widgets, sys; print(ec2sim.__file__)"], env, 60)
    assert imported.stdout.startswith(str(ROOT)), "postBuild did not install this checkout"
    assert Path(python).resolve() != Path(sys.executable).resolve()
    run([python, "-m", "pytest", "--nbval", "notebooks/", "--nbval-current-env",
         "--nbval-sanitize-with", "notebooks/nbval_sanitize.cfg", "-p", "no:cacheprovider",
         "-q"], env, 1200)
