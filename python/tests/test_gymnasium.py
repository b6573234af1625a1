"""Registration with gymnasium: only when it is importable. No gymnasium is installed here (no Python
registry is reachable), so a stand-in module with gymnasium's ``register``/``registry``/``Env`` names is
put first on the path of a child interpreter."""

import json
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

from _support import PYTHON_DIR

FAKE_GYMNASIUM = textwrap.dedent(
    """
    registry = {}
    calls = []

    class Env:
        pass

    def register(id, entry_point, **kwargs):
        calls.append({"id": id, "entry_point": entry_point, **kwargs})
        registry[id] = entry_point

    def make(id, **kwargs):
        module, name = registry[id].split(":")
        import importlib
        return getattr(importlib.import_module(module), name)(**kwargs)
    """
)

CHILD = textwrap.dedent(
    """
    import json, sys
    import trapworld_gym, gymnasium
    import importlib; importlib.reload(trapworld_gym)  # a second import registers nothing twice
    env = gymnasium.make("trapworld/Trapworld-v0", env_path_or_name="snake-corridor")
    obs, info = env.reset(seed=0)
    print(json.dumps({
        "calls": gymnasium.calls,
        "registered": trapworld_gym.GYMNASIUM_REGISTERED,
        "is_env": isinstance(env, gymnasium.Env),
        "x": obs["x"],
    }))
    env.close()
    """
)


def child(code, extra_path=()):
    path = [*extra_path, str(PYTHON_DIR)]
    return subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path[:0] = {path!r}\n{code}"],
        capture_output=True,
        text=True,
        timeout=120,
    )


class Registration(unittest.TestCase):
    def test_registers_when_gymnasium_is_importable(self):
        with tempfile.TemporaryDirectory() as tmp:
            Path(tmp, "gymnasium.py").write_text(FAKE_GYMNASIUM)
            r = child(CHILD, [tmp])
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertTrue(out["registered"])
        self.assertEqual(
            out["calls"],
            [{"id": "trapworld/Trapworld-v0", "entry_point": "trapworld_gym.env:TrapworldEnv", "disable_env_checker": True}],
        )
        self.assertTrue(out["is_env"])
        self.assertEqual(out["x"], 1)

    def test_imports_without_gymnasium(self):
        r = child(
            "import sys; sys.modules['gymnasium'] = None\n"
            "import trapworld_gym; print(trapworld_gym.GYMNASIUM_REGISTERED)"
        )
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), "False")


if __name__ == "__main__":
    unittest.main()
