"""Shared by the tests: puts python/ on the path and runs the trapworld command line for comparison."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PYTHON_DIR = Path(__file__).resolve().parents[1]
REPO = PYTHON_DIR.parent
CLI = REPO / "bin" / "trapworld.js"
if str(PYTHON_DIR) not in sys.path:
    sys.path.insert(0, str(PYTHON_DIR))


def node() -> str:
    return os.environ.get("TRAPWORLD_NODE", "node")


def trapworld(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([node(), str(CLI), *args], capture_output=True, text=True, timeout=120)


def run_actions(env: str, seed: int, actions, episodes: int = 1, truth=()):
    """``trapworld run ENV --seed N --actions ... --json --trace FILE``: (run document, trace document)."""
    with tempfile.TemporaryDirectory() as tmp:
        trace_file = os.path.join(tmp, "trace.json")
        args = ["run", env, "--seed", str(seed), "--actions", ",".join(actions), "--episodes", str(episodes)]
        for t in truth:
            args += ["--truth", t]
        r = trapworld(*args, "--json", "--trace", trace_file)
        if r.returncode != 0:
            raise AssertionError(f"trapworld {' '.join(args)} exited {r.returncode}: {r.stderr}")
        with open(trace_file, encoding="utf-8") as f:
            return json.loads(r.stdout), json.load(f)
