"""Helpers shared by the wire tests: clients of a loopback endpoint."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import botocore.session
from botocore.config import Config

REGION = "us-east-1"


@functools.cache
def _session() -> botocore.session.Session:
    """One botocore session for all test clients: the EC2 model is loaded once."""
    return botocore.session.get_session()


def http_client(url: str):
    """A botocore EC2 client talking to ``url`` over HTTP, never retrying (errors show at once)."""
    return _session().create_client(
        "ec2",
        region_name=REGION,
        endpoint_url=url,
        aws_access_key_id="AKIDEC2SIMTEST",
        aws_secret_access_key="not-a-secret",
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
    )


class AwsCli:
    """Runs the real ``aws`` CLI (awscli) against one endpoint, as a learner would type it."""

    def __init__(self, url: str, home: Path) -> None:
        self.url = url
        self.home = home

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(
            HOME=str(self.home),
            AWS_CONFIG_FILE=str(self.home / "config"),
            AWS_SHARED_CREDENTIALS_FILE=str(self.home / "credentials"),
            AWS_ACCESS_KEY_ID="AKIDEC2SIMTEST",
            AWS_SECRET_ACCESS_KEY="not-a-secret",
            AWS_EC2_METADATA_DISABLED="true",
            AWS_PAGER="",
        )
        command = [sys.executable, "-m", "awscli", "ec2", *args]
        command += ["--endpoint-url", self.url, "--region", REGION, "--output", "json"]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)

    def __call__(self, *args: str) -> dict:
        """The JSON the command prints; a failing command fails the test with its stderr."""
        done = self.run(*args)
        assert done.returncode == 0, f"aws ec2 {' '.join(args)} failed: {done.stderr}"
        return json.loads(done.stdout) if done.stdout.strip() else {}
