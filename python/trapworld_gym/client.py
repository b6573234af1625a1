"""The connection to ``trapworld serve --stdio``: one child process, one JSON line each way per request.

Standard library only. The command line is found, in this order, as

1. the ``cli`` argument (a path to ``bin/trapworld.js`` or to a ``trapworld`` executable),
2. the ``TRAPWORLD_CLI`` environment variable (the same),
3. ``bin/trapworld.js`` of the repository this package lives in (``python/trapworld_gym`` in it),
4. ``trapworld`` on the ``PATH`` (an ``npm install -g`` or ``npm link``).

A ``.js``/``.mjs`` path is run with Node (``TRAPWORLD_NODE``, else ``node`` on the ``PATH``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence


class TrapworldError(Exception):
    """Base class of every error this package raises."""


class TrapworldRequestError(TrapworldError):
    """The service refused a request (``{"ok": false, "error": ...}``); the service is still usable."""

    def __init__(self, message: str, request: Optional[Dict[str, Any]] = None):
        super().__init__(message)
        self.request = request


class InvalidActionError(TrapworldRequestError, ValueError):
    """An action the world does not allow (checked before anything is sent); the episode goes on."""


class TrapworldServiceError(TrapworldError):
    """The service could not be started, or stopped answering (it exited or its output was not JSON)."""


PACKAGE_CLI = Path(__file__).resolve().parents[2] / "bin" / "trapworld.js"


def find_cli(cli: Optional[str] = None) -> List[str]:
    """The command that runs ``trapworld`` (without ``serve --stdio``)."""
    source = "cli argument"
    if cli is None and os.environ.get("TRAPWORLD_CLI"):
        cli, source = os.environ["TRAPWORLD_CLI"], "TRAPWORLD_CLI"
    if cli is None and PACKAGE_CLI.is_file():
        cli, source = str(PACKAGE_CLI), "this repository"
    if cli is None:
        found = shutil.which("trapworld")
        if found is None:
            raise TrapworldServiceError(
                "cannot find the trapworld command line: set TRAPWORLD_CLI to the repository's "
                "bin/trapworld.js, or put `trapworld` on the PATH"
            )
        return [found]
    if cli.endswith((".js", ".mjs", ".cjs")):
        if not Path(cli).is_file():
            raise TrapworldServiceError(f"{source}: no such file: {cli}")
        node = os.environ.get("TRAPWORLD_NODE") or shutil.which("node")
        if node is None:
            raise TrapworldServiceError("cannot find node: put it on the PATH or set TRAPWORLD_NODE")
        return [node, cli]
    resolved = shutil.which(cli)
    if resolved is None:
        raise TrapworldServiceError(f"{source}: not an executable: {cli}")
    return [resolved]


class ServeClient:
    """A running ``trapworld serve --stdio``. ``request`` sends one request and returns its reply."""

    def __init__(self, cli: Optional[str] = None, cwd: Optional[str] = None):
        self.command: Sequence[str] = [*find_cli(cli), "serve", "--stdio"]
        # stderr goes to a file: a pipe nobody reads could fill up and block the service.
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        try:
            self._proc: Optional[subprocess.Popen] = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                cwd=cwd,
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
        except OSError as e:
            self._stderr.close()
            raise TrapworldServiceError(f"cannot start {' '.join(self.command)}: {e}") from e

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def _stderr_text(self) -> str:
        try:
            self._stderr.seek(0)
            return self._stderr.read().strip()
        except (OSError, ValueError):
            return ""

    def _died(self, what: str) -> TrapworldServiceError:
        code = self._proc.poll() if self._proc is not None else None
        err = self._stderr_text()
        return TrapworldServiceError(
            f"trapworld serve {what}" + (f" (exit status {code})" if code is not None else "")
            + (f": {err}" if err else "")
        )

    def request(self, request: Dict[str, Any]) -> Dict[str, Any]:
        """Sends one request; returns the reply when ``ok``, else raises TrapworldRequestError."""
        if self._proc is None:
            raise TrapworldServiceError("the trapworld service is closed")
        assert self._proc.stdin is not None and self._proc.stdout is not None
        try:
            self._proc.stdin.write(json.dumps(request) + "\n")
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as e:
            raise self._died("is not running") from e
        line = self._proc.stdout.readline()
        if line == "":
            raise self._died("exited without answering")
        try:
            reply = json.loads(line)
        except json.JSONDecodeError as e:
            raise TrapworldServiceError(f"trapworld serve answered something that is not JSON: {line!r}") from e
        if not reply.get("ok"):
            raise TrapworldRequestError(str(reply.get("error", "request refused")), request)
        return reply

    def close(self, timeout: float = 10.0) -> Optional[int]:
        """Sends ``close`` and waits for the service to exit; returns its exit status. Idempotent."""
        proc, self._proc = self._proc, None
        if proc is None:
            return None
        try:
            if proc.poll() is None:
                try:
                    assert proc.stdin is not None
                    proc.stdin.write(json.dumps({"op": "close"}) + "\n")
                    proc.stdin.flush()
                    proc.stdin.close()
                except (BrokenPipeError, OSError, ValueError):
                    pass
            try:
                return proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                return proc.wait()
        finally:
            for stream in (proc.stdin, proc.stdout):
                try:
                    if stream is not None:
                        stream.close()
                except (OSError, ValueError):
                    pass
            self._stderr.close()
            self.returncode = proc.returncode

    returncode: Optional[int] = None

    def __del__(self) -> None:
        try:
            self.close(timeout=1.0)
        except Exception:
            pass
