"""Drive JupyterLab in Debian's Chromium: a throwaway server, the kernel's messages, notebook pages.

Everything here waits on conditions a person could see (prompts, the kernel's busy/idle cycle, the
page at rest), never on a fixed delay.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SHOTS = ROOT / "build" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CONTROL_TARGET = "jupyter.widget.control"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# Per-run JupyterLab user settings: never autosave (the served copy stays as it was), keep every
# cell in the DOM (so checks see them all), and no news or update checks from the network.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def notebook_json(*cells: str) -> dict[str, Any]:
    """A minimal nbformat 4 notebook whose code cells hold ``cells``."""
    return {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": uuid.uuid4().hex[:8],
                "metadata": {},
                "outputs": [],
                "source": source,
            }
            for source in cells
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


class LabServer:
    """A JupyterLab on loopback serving a temporary copy of ``notebooks/`` with fresh settings."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.root = workdir / "notebooks"
        self.token = secrets.token_hex(16)
        self.port = 0
        self.log_path = workdir / "jupyter-server.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.ending: list[threading.Thread] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def notebook_url(self, name: str) -> str:
        """The address that opens ``name`` in its own (fresh) JupyterLab workspace."""
        workspace = "t" + uuid.uuid4().hex[:10]
        return f"{self.base_url}/lab/workspaces/{workspace}/tree/{name}?token={self.token}"

    def write_notebook(self, name: str, *cells: str) -> str:
        """Write a notebook into the served copy (never into the repository); return its name."""
        (self.root / name).write_text(json.dumps(notebook_json(*cells), indent=1))
        return name

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "JUPYTER"))}
        dirs = {}
        for name in ("settings", "workspaces", "runtime", "config", "data", "ipython", "aws"):
            dirs[name] = self.workdir / name
            dirs[name].mkdir(parents=True, exist_ok=True)
        for plugin, values in LAB_SETTINGS.items():
            target = dirs["settings"] / f"{plugin.replace(':', '/')}.jupyterlab-settings"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        (dirs["aws"] / "config").write_text("")
        (dirs["aws"] / "credentials").write_text("")
        env.update(
            JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
            JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
            JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
            JUPYTER_CONFIG_DIR=str(dirs["config"]),
            JUPYTER_DATA_DIR=str(dirs["data"]),
            IPYTHONDIR=str(dirs["ipython"]),
            AWS_CONFIG_FILE=str(dirs["aws"] / "config"),
            AWS_SHARED_CREDENTIALS_FILE=str(dirs["aws"] / "credentials"),
            AWS_EC2_METADATA_DISABLED="true",
            PYTHONUNBUFFERED="1",
        )
        return env

    def _lab_extensions(self) -> Path:
        """The installed JupyterLab extensions a learner's lab has: all but the JupyterLite
        build tools' own (the ``lite`` extra), which fails to load in a JupyterLab
        ("Shared module @jupyterlite/services doesn't exist") and which ``[lab]`` never installs."""
        from jupyter_core.paths import jupyter_path

        chosen = self.workdir / "labextensions"
        chosen.mkdir(exist_ok=True)
        for folder in map(Path, jupyter_path("labextensions")):
            for extension in folder.glob("*") if folder.is_dir() else ():
                if extension.name != "@jupyterlite" and not (chosen / extension.name).exists():
                    shutil.copytree(extension, chosen / extension.name)  # served from here
        return chosen

    def start(self, timeout: float = 120) -> None:
        """Copy the notebooks, start ``jupyter lab`` and wait until its API answers."""
        jupyter = Path(sys.executable).parent / "jupyter"
        if not jupyter.exists():
            raise RuntimeError(f"{jupyter} is missing: run scripts/setup.sh test")
        if NOTEBOOKS.is_dir():
            shutil.copytree(NOTEBOOKS, self.root, ignore=shutil.ignore_patterns(".ipynb_*"))
        else:
            self.root.mkdir(parents=True)
        env = self._environment()
        self.port = free_port()
        command = [
            str(jupyter),
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root}",
            f"--IdentityProvider.token={self.token}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
            "--LabApp.extension_manager=readonly",  # no package index look-ups
            f"--LabApp.labextensions_path={self._lab_extensions()}",
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command,
            cwd=self.root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited early:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status")
            except (OSError, urllib.error.URLError):
                time.sleep(0.25)
                continue
            for plugin, values in LAB_SETTINGS.items():
                answer = self.api("GET", f"/lab/api/settings/{plugin}")
                in_force = {key: answer["settings"].get(key) for key in values}
                if in_force != values:  # e.g. autosave still on: the copy could be rewritten
                    raise RuntimeError(f"per-run setting not in force for {plugin}: {in_force}")
            return
        raise RuntimeError(f"jupyter lab did not answer in {timeout:.0f} s:\n{self.log_tail()}")

    def api(self, method: str, path: str) -> Any:
        """Call the server's REST API with the token; the decoded JSON answer (or None)."""
        request = urllib.request.Request(
            self.base_url + path,
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        """End the sessions (and kernels) open now. A kernel takes seconds to stop, so this
        happens in the background; ``stop()`` waits for it."""
        sessions = [session["id"] for session in self.api("GET", "/api/sessions") or []]

        def end() -> None:
            for session in sessions:
                with contextlib.suppress(OSError):
                    self.api("DELETE", f"/api/sessions/{session}")

        thread = threading.Thread(target=end, name="end-sessions", daemon=True)
        thread.start()
        self.ending.append(thread)

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_problems(self, since: int) -> list[str]:
        """Errors the server or a kernel wrote to the server's log after byte ``since``
        (ipykernel logs some failures there, where no page ever shows them)."""
        with self.log_path.open("rb") as log:
            log.seek(since)
            text = log.read().decode(errors="replace")
        blocks = re.split(r"\n(?=\[[A-Z]|\[\w+\] )", text)
        return [
            f"server log: {b.strip()}"
            for b in blocks
            if re.match(r"\[E |Traceback", b) or "Traceback (most recent call last)" in b
        ]

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Ask the server to shut down (it ends its kernels); force it only if it hangs."""
        for thread in self.ending:
            thread.join(timeout=30)
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@dataclass
class KernelMessage:
    channel: str
    msg_type: str
    msg_id: str
    parent_type: str
    parent_id: str
    content: dict[str, Any]


def decode_frame(payload: str | bytes) -> KernelMessage | None:
    """One kernel websocket frame (JSON or the v1 binary protocol) as a message, else None."""
    try:
        if isinstance(payload, str):
            msg = json.loads(payload)
            channel, header, parent = msg.get("channel", ""), msg["header"], msg["parent_header"]
            content = msg.get("content") or {}
        else:
            count = int.from_bytes(payload[:8], "little")
            offsets = [
                int.from_bytes(payload[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(count)
            ]
            channel = payload[offsets[0] : offsets[1]].decode()
            parts = [payload[offsets[i] : offsets[i + 1]] for i in range(1, min(count - 1, 5))]
            header, parent, _metadata, content = (json.loads(part) for part in parts)
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    parent = parent or {}
    return KernelMessage(
        channel=channel,
        msg_type=header.get("msg_type", ""),
        msg_id=header.get("msg_id", ""),
        parent_type=parent.get("msg_type", ""),
        parent_id=parent.get("msg_id", ""),
        content=content or {},
    )


@dataclass
class KernelTraffic:
    """What the page said to its kernels and heard back, from the websocket frames."""

    pending: dict[str, str] = field(default_factory=dict)
    requests_sent: int = 0
    received: list[KernelMessage] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    control_comms: set[str] = field(default_factory=set)

    def watch(self, websocket: Any) -> None:
        if "/api/kernels/" in websocket.url:
            websocket.on("framesent", self.sent)
            websocket.on("framereceived", self.heard)

    def sent(self, payload: str | bytes) -> None:
        msg = decode_frame(payload)
        if msg and msg.channel == "shell":
            self.pending[msg.msg_id] = msg.msg_type
            self.requests_sent += 1
            if msg.content.get("target_name") == CONTROL_TARGET:
                self.control_comms.add(msg.content.get("comm_id", ""))

    def expected_noise(self, text: str) -> bool:
        """Whether stderr is ipykernel's answer to the widget manager's start-up probe.

        On opening a notebook, JupyterLab's widget manager opens a ``jupyter.widget.control``
        comm to restore widgets; before ``ipywidgets`` is imported the kernel says it has no
        such target (and then no such comm). Nothing is wrong for the learner.
        """
        text = text.strip()
        if text == f"No such comm target registered: {CONTROL_TARGET}":
            return True
        return text.startswith("No such comm: ") and text[14:] in self.control_comms

    def heard(self, payload: str | bytes) -> None:
        msg = decode_frame(payload)
        if msg is None:
            return
        self.received.append(msg)
        state = msg.content.get("execution_state")
        if msg.msg_type == "status" and state in ("idle", "dead"):
            self.pending.pop(msg.parent_id, None)
            if state == "dead":
                self.pending.clear()
                self.problems.append("the kernel died")
        elif msg.msg_type.endswith("_reply") and msg.content.get("status") == "aborted":
            self.pending.pop(msg.parent_id, None)
        if msg.parent_type == "execute_request":
            return  # a cell's own output: the page shows it, and the DOM check judges it
        if msg.msg_type == "error":
            trace = ANSI.sub("", "\n".join(msg.content.get("traceback", [])))
            self.problems.append(f"kernel error while handling {msg.parent_type}:\n{trace}")
        elif msg.msg_type == "stream" and msg.content.get("name") == "stderr":
            if self.expected_noise(msg.content.get("text", "")):
                return
            self.problems.append(
                f"kernel stderr while handling {msg.parent_type}:\n{msg.content.get('text', '')}"
            )


# Installed before JupyterLab's own scripts: remembers when the page last changed.
WATCH_MUTATIONS = """
window.__lastChange = performance.now();
new MutationObserver(() => { window.__lastChange = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""

# Everything wrong a person would see in the open notebook, as a list of {cell, kind, text}.
FIND_PROBLEMS = """
(name) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.widgets;
  const problems = [];
  const say = (cell, kind, text) => problems.push({cell, kind, text: (text || '').slice(0, 2000)});
  cells.forEach((cell, i) => {
    const model = cell.model;
    const tags = (model.getMetadata && model.getMetadata('tags')) || [];
    const node = cell.node;
    if (model.type === 'code') {
      const prompt = node.querySelector('.jp-InputPrompt');
      if (prompt && prompt.textContent.includes('*')) say(i, 'still running', prompt.textContent);
      if (model.sharedModel.getSource().trim() && !/\\[\\d+\\]/.test(prompt?.textContent)) {
        say(i, 'not run', prompt ? prompt.textContent : 'no prompt');
      }
      const expectErrors = tags.includes('raises-exception');
      for (const out of node.querySelectorAll('.jp-OutputArea-output')) {
        const mime = out.getAttribute('data-mime-type') || '';
        const text = out.innerText || '';
        if (!expectErrors && mime === 'application/vnd.jupyter.stderr') {
          say(i, 'error output', text);
        } else if (!expectErrors && text.includes('Traceback (most recent call last)')) {
          say(i, 'traceback in output', text);
        }
        if (mime.startsWith('text/plain') &&
            /^\\s*(VBox|HBox|Box|GridBox|Tab|Accordion|Stack)\\(|\\(children=/.test(text)) {
          say(i, 'widget shown as plain text', text);
        }
        if (/^(Error displaying widget|Loading widget)/.test(text.trim())) {
          say(i, 'widget not displayed', text);
        }
      }
      const outputs = model.outputs.toJSON();
      const children = node.querySelectorAll(':scope .jp-Cell-outputArea > .jp-OutputArea-child');
      outputs.forEach((output, k) => {
        if (!output.data || !('%WIDGET%' in output.data)) return;
        const shown = children[k] && children[k].querySelector('.jp-OutputArea-output');
        const mime = shown ? shown.getAttribute('data-mime-type') : 'nothing';
        const drawn = shown && shown.querySelector('.jupyter-widgets');
        if (!drawn || (mime && mime !== '%WIDGET%')) {
          say(i, 'widget not rendered', 'shown as ' + (mime || 'an empty output'));
        }
      });
    }
    for (const broken of node.querySelectorAll('.jupyter-widgets-error-widget')) {
      broken.parentElement.click();  // the icon reveals its message and stack when clicked
      say(i, 'broken widget', broken.innerText);
    }
  });
  return problems;
}
""".replace("%WIDGET%", WIDGET_MIME)


class NotebookPage:
    """One notebook open in JupyterLab in its own browser page, with its kernel traffic."""

    def __init__(self, page: Any, lab: LabServer, name: str) -> None:
        self.page = page
        self.lab = lab
        self.name = name
        self.traffic = KernelTraffic()
        self.browser_errors: list[str] = []
        self.log_start = lab.log_size()
        page.on("websocket", self.traffic.watch)
        page.on("pageerror", lambda exc: self.browser_errors.append(f"page error: {exc}"))
        page.on("console", self._console)
        page.add_init_script(WATCH_MUTATIONS)

    def _console(self, message: Any) -> None:
        # A missing resource is reported by the request that failed; anything else counts.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.browser_errors.append(f"console error: {message.text}")

    def open(self, timeout: float = 120_000) -> None:
        """Open the notebook and wait until its kernel is ready and the page is at rest."""
        self.page.goto(self.lab.notebook_url(self.name), timeout=timeout)
        self.page.wait_for_function(
            """(name) => {
                 const app = window.jupyterapp;
                 const panel = app && app.shell.currentWidget;
                 if (!panel || !panel.context || panel.context.path !== name) return false;
                 const dialog = document.querySelector('.jp-Dialog .jp-mod-accept');
                 if (dialog) dialog.click();  // e.g. "Select Kernel" for a notebook without one
                 const kernel = panel.sessionContext.session?.kernel;
                 return panel.context.isReady && kernel && kernel.status === 'idle';
               }""",
            arg=self.name,
            timeout=timeout,
            polling=250,
        )
        windowing = self.page.evaluate(
            "() => window.jupyterapp.shell.currentWidget.content.notebookConfig.windowingMode"
        )
        assert windowing == "none", f"the per-run settings were not applied ({windowing=})"
        self.settle(timeout=timeout / 1000)

    def settle(self, since: int | None = None, timeout: float = 120, quiet_ms: int = 500) -> None:
        """Wait for the kernel's busy-then-idle cycle(s) to finish and the page to stop changing.

        ``since`` is ``requests_sent`` taken before an action: at least one request must have
        left the page after it (the "busy" half), and every request must have seen its idle.
        """
        deadline = time.monotonic() + timeout
        while True:
            self.page.wait_for_timeout(100)  # lets Playwright deliver the websocket events
            started = since is None or self.traffic.requests_sent > since
            if started and not self.traffic.pending:
                at_rest = self.page.evaluate(
                    """(quiet) => performance.now() - window.__lastChange > quiet &&
                         ![...document.querySelectorAll('.jp-InputPrompt')]
                           .some((prompt) => prompt.textContent.includes('[*]'))""",
                    quiet_ms,
                )
                if at_rest and not self.traffic.pending:
                    return
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{self.name}: the kernel/page did not come to rest in {timeout:.0f} s "
                    f"(waiting for {sorted(self.traffic.pending.values())}, "
                    f"requests sent: {self.traffic.requests_sent}, since: {since})"
                )

    def run_all(self, timeout: float = 300) -> None:
        """Run every cell (JupyterLab's "Run All Cells") and wait until all have finished."""
        before = self.traffic.requests_sent
        self.page.evaluate(
            """() => {
                 const app = window.jupyterapp;
                 app.shell.activateById(app.shell.currentWidget.id);
                 window.__runAll = 'running';
                 app.commands.execute('notebook:run-all-cells').then(
                   (ok) => { window.__runAll = ok === false ? 'stopped' : 'done'; },
                   (err) => { window.__runAll = 'failed: ' + err; });
               }"""
        )
        self.page.wait_for_function(
            "() => window.__runAll !== 'running'", timeout=timeout * 1000, polling=250
        )
        outcome = self.page.evaluate("() => window.__runAll")
        assert not outcome.startswith("failed"), f"{self.name}: Run All {outcome}"
        self.settle(since=before, timeout=timeout, quiet_ms=1000)

    def problems(self) -> list[str]:
        """What is wrong on the page: error outputs, unrendered widgets, kernel errors."""
        found = [
            f"cell {p['cell']}: {p['kind']}: {p['text']}"
            for p in self.page.evaluate(FIND_PROBLEMS, self.name)
        ]
        return (
            found
            + self.traffic.problems
            + self.lab.log_problems(self.log_start)
            + self.browser_errors
        )

    def assert_clean(self) -> None:
        """Fail with every problem found on the page, in the kernel's messages and the logs."""
        problems = self.problems()
        if problems:
            raise AssertionError(
                f"{self.name}: {len(problems)} problem(s) in the browser:\n\n"
                + "\n\n".join(problems)
            )

    def screenshot(self, stem: str) -> Path:
        """Save the whole notebook as ``build/browser/<stem>.png`` (grown to fit, then restored)."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{stem}.png"
        size = self.page.viewport_size or {"width": 1366, "height": 900}
        extra = self.page.evaluate(
            """() => {
                 const s = window.jupyterapp.shell.currentWidget.content.node;
                 const outer = s.querySelector('.jp-WindowedPanel-outer') || s;
                 return Math.max(0, outer.scrollHeight - outer.clientHeight);
               }"""
        )
        height = min(size["height"] + extra, 16000)
        if height != size["height"]:
            self.page.set_viewport_size({"width": size["width"], "height": height})
        self.page.evaluate(
            """() => {
                 const s = window.jupyterapp.shell.currentWidget.content.node;
                 (s.querySelector('.jp-WindowedPanel-outer') || s).scrollTop = 0;
               }"""
        )
        self.settle(quiet_ms=300)
        self.page.screenshot(path=str(path), full_page=True)
        if height != size["height"]:
            self.page.set_viewport_size(size)
        return path

    # --- acting like a person on the widgets -------------------------------------------------

    def outputs(self) -> Any:
        """The notebook's output areas (where widgets live)."""
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell-outputArea")

    def act(self, action: Any, expect_kernel: bool = True, timeout: float = 60) -> None:
        """Do ``action()`` and wait until the kernel handled what it sent and the page rests."""
        before, known = self.traffic.requests_sent, len(self.traffic.problems)
        action()
        self.settle(since=before if expect_kernel else None, timeout=timeout)
        if len(self.traffic.problems) > known:
            raise AssertionError("\n\n".join(self.traffic.problems[known:]))

    def button(self, description: str) -> Any:
        """The (single, visible) widget button whose text is ``description``."""
        return (
            self.outputs()
            .locator("button.jupyter-button:visible")
            .filter(has_text=re.compile(rf"^\s*{re.escape(description)}\s*$"))
        )

    def click(self, description: str) -> None:
        """Click the widget button labelled ``description`` and wait for its handler to finish."""
        button = self.button(description)
        button.wait_for(state="visible", timeout=30_000)
        self.act(button.click)

    def field(self, label: str, kind: str = "") -> Any:
        """The widget row (``.widget-<kind>``) whose description label reads ``label``."""
        rows = self.outputs().locator(f".widget-inline-hbox{'.widget-' + kind if kind else ''}")
        return rows.filter(
            has=self.page.locator(
                ":scope > label.widget-label", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")
            )
        ).locator("visible=true")

    def type_text(self, label: str, value: str) -> None:
        """Type ``value`` into the text box described by ``label`` and leave the field."""
        box = self.field(label).locator("input, textarea").first
        box.wait_for(state="visible", timeout=30_000)
        if box.input_value() == value:
            return

        def typing() -> None:
            box.fill(value)
            box.press("Tab")

        self.act(typing)

    def choose(self, label: str, option: str | re.Pattern[str]) -> str:
        """Pick ``option`` in the dropdown described by ``label``: its exact text, or the first
        option whose text matches a pattern. Returns the text chosen."""
        select = self.field(label, "dropdown").locator("select").first
        select.wait_for(state="visible", timeout=30_000)
        # ipywidgets shows spaces in option text as no-break spaces; compare as a person reads.
        offered = [" ".join(text.split()) for text in select.locator("option").all_text_contents()]
        if isinstance(option, re.Pattern):
            found = [i for i, text in enumerate(offered) if option.search(text)]
        else:
            found = [i for i, text in enumerate(offered) if text == option]
        wanted = option.pattern if isinstance(option, re.Pattern) else option
        assert found, f"no option of {label!r} matches {wanted!r}: {offered}"
        if select.evaluate("(s) => s.selectedIndex") != found[0]:
            self.act(lambda: select.select_option(index=found[0]))
        return offered[found[0]]

    def open_tab(self, title: str) -> None:
        """Bring the widget tab called ``title`` to the front."""
        tab = self.outputs().get_by_role("tab", name=title, exact=True)
        tab.wait_for(state="visible", timeout=30_000)
        if tab.get_attribute("aria-selected") != "true":
            self.act(tab.click)

    def wait_for(self, condition: Any, what: str, timeout: float = 60) -> Any:
        """Wait until ``condition()`` returns something true (and return it)."""
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: still not {what} after {timeout:.0f} s")
            self.page.wait_for_timeout(100)

    def tick(self, label: str, checked: bool = True) -> None:
        """Set the checkbox whose text is ``label``."""
        box = self.outputs().locator(".widget-checkbox:visible").filter(has_text=label)
        box = box.locator("input[type=checkbox]").first
        box.wait_for(state="visible", timeout=30_000)
        if box.is_checked() != checked:
            self.act(lambda: box.set_checked(checked))

    def drawings(self) -> Any:
        """The SVG drawings in the outputs (JupyterLab's own icons left out)."""
        return self.outputs().locator(".jp-OutputArea-output svg:not([data-icon])")

    def svgs(self) -> list[str]:
        """The markup of every SVG drawn in the notebook's outputs, in page order."""
        return self.drawings().evaluate_all("(all) => all.map(s => s.outerHTML)")

    def svg_texts(self, nth: int = 0) -> list[str]:
        """The text labels of the ``nth`` SVG in the outputs (what a person reads on a diagram)."""
        svg = self.drawings().nth(nth)
        return svg.locator("text").all_text_contents()

    def picture(self, selector: str = "svg") -> Picture | None:
        """What a Graphviz SVG in the outputs shows: its boxes, frames and arrows (or None)."""
        found = self.outputs().locator(f".jp-OutputArea-output {selector}").first
        if not found.count():
            return None
        data = found.evaluate(READ_PICTURE)
        return Picture(
            nodes={
                n["id"]: Shape(n["id"], n["cls"].split(), n["text"], n["in"]) for n in data["nodes"]
            },
            frames={
                f["id"]: Shape(f["id"], f["cls"].split(), f["text"], f["in"])
                for f in data["frames"]
            },
            edges={e["id"]: Shape(e["id"], e["cls"].split(), e["text"], []) for e in data["edges"]},
        )


@dataclass
class Shape:
    """One Graphviz node, cluster or edge as drawn: its id, classes, text, enclosing frames."""

    id: str
    classes: list[str]
    text: str
    frames: list[str]


@dataclass
class Picture:
    nodes: dict[str, Shape]
    frames: dict[str, Shape]
    edges: dict[str, Shape]

    def frame_of(self, node_id: str, kind: str) -> str | None:
        """The innermost frame of class ``kind`` the node is drawn in (None if not drawn)."""
        node = self.nodes.get(node_id)
        if node is None:
            return None
        inside = [f for f in node.frames if kind in self.frames[f].classes]
        return inside[-1] if inside else None


# Graphviz draws clusters and nodes as siblings: what is "in" a frame is what lies within it.
READ_PICTURE = """
(svg) => {
  const box = (g) => { const b = g.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
  const within = (a, b) => a[0] >= b[0] - 0.5 && a[1] >= b[1] - 0.5 &&
                           a[2] <= b[2] + 0.5 && a[3] <= b[3] + 0.5;
  const text = (g) => [...g.querySelectorAll('text')].map((t) => t.textContent.trim())
                        .filter(Boolean).join(' ');
  const read = (g) => ({id: g.id, cls: g.getAttribute('class') || '', text: text(g), box: box(g)});
  const frames = [...svg.querySelectorAll('g.cluster')].map(read);
  const inFrames = (shape) => frames.filter((f) => f !== shape && within(shape.box, f.box))
    .sort((f, g) => (g.box[2] - g.box[0]) * (g.box[3] - g.box[1]) -
                    (f.box[2] - f.box[0]) * (f.box[3] - f.box[1]))
    .map((f) => f.id);
  return {
    nodes: [...svg.querySelectorAll('g.node')].map(read).map((n) => ({...n, in: inFrames(n)})),
    frames: frames.map((f) => ({...f, in: inFrames(f)})),
    edges: [...svg.querySelectorAll('g.edge')].map(read),
  };
}
"""
