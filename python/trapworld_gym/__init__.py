"""trapworld_gym: trapworld's worlds with the Gymnasium API, through ``trapworld serve --stdio``.

>>> from trapworld_gym import TrapworldEnv
>>> with TrapworldEnv("snake-corridor") as env:
...     obs, info = env.reset(seed=0)
...     obs, reward, terminated, truncated, info = env.step("E")

Standard library only. When gymnasium is importable, the environment is registered as
``trapworld/Trapworld-v0``: ``gymnasium.make("trapworld/Trapworld-v0", env_path_or_name="thin-ice")``.
"""

from .client import (
    InvalidActionError,
    ServeClient,
    TrapworldError,
    TrapworldRequestError,
    TrapworldServiceError,
    find_cli,
)
from .env import ActionSpace, ObservationSpace, TrapworldEnv

GYMNASIUM_ID = "trapworld/Trapworld-v0"


def _register_with_gymnasium() -> bool:
    """Registers TrapworldEnv with gymnasium when it is importable; True when registered."""
    try:
        import gymnasium
    except ImportError:
        return False
    registry = getattr(gymnasium, "registry", None) or getattr(getattr(gymnasium, "envs", None), "registry", {})
    if GYMNASIUM_ID not in registry:
        # Observations are dicts with lists of cues and changes, not a gymnasium Space: the passive
        # checker would only warn about that, so it is off.
        gymnasium.register(
            id=GYMNASIUM_ID,
            entry_point="trapworld_gym.env:TrapworldEnv",
            disable_env_checker=True,
        )
    return True


GYMNASIUM_REGISTERED = _register_with_gymnasium()

__all__ = [
    "ActionSpace",
    "GYMNASIUM_ID",
    "GYMNASIUM_REGISTERED",
    "InvalidActionError",
    "ObservationSpace",
    "ServeClient",
    "TrapworldEnv",
    "TrapworldError",
    "TrapworldRequestError",
    "TrapworldServiceError",
    "find_cli",
]
