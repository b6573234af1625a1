"""``TrapworldEnv``: a trapworld environment with the Gymnasium API, played by ``trapworld serve --stdio``.

The same seed and actions give the same observations, rewards and outcome as
``trapworld run ENV --seed N --actions ... --json``. Observations are dicts (``x``, ``y``, ``signal``,
``cues``, ``alive``, ``stuck``, ``steps``, ``changes``), exactly as the service sends them. The true world
drawn is never sent: the client is the agent.
"""

from __future__ import annotations

import numbers
import random
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

from .client import InvalidActionError, ServeClient, TrapworldError, TrapworldRequestError

try:  # Subclass gymnasium.Env when gymnasium is installed, so gymnasium.make and its wrappers accept it.
    import gymnasium as _gymnasium

    _Base: Any = _gymnasium.Env
except ImportError:  # pragma: no cover - depends on the machine
    _gymnasium = None
    _Base = object


class ActionSpace:
    """The actions of a world, as a Gymnasium ``Discrete``-like space: index ``i`` is ``actions[i]``.

    ``sample(rng)`` draws uniformly with ``rng`` (a ``random.Random``, an int seed, or a NumPy
    ``Generator``); without one, with the space's own generator, seeded by ``seed(n)`` (default 0), so
    sampling is reproducible.
    """

    def __init__(self, actions: Sequence[str]):
        self.actions: Tuple[str, ...] = tuple(actions)
        self.n = len(self.actions)
        self._rng = random.Random(0)

    def seed(self, seed: Optional[int] = None) -> List[int]:
        self._rng = random.Random(0 if seed is None else seed)
        return [0 if seed is None else seed]

    def sample(self, rng: Union[None, int, random.Random, Any] = None) -> int:
        """A uniformly drawn action index."""
        if rng is None:
            rng = self._rng
        elif isinstance(rng, int) and not isinstance(rng, bool):
            rng = random.Random(rng)
        if hasattr(rng, "randrange"):
            return int(rng.randrange(self.n))
        if hasattr(rng, "integers"):  # numpy.random.Generator
            return int(rng.integers(self.n))
        raise TypeError(f"sample: expected a random.Random, an int seed or a numpy Generator, got {type(rng).__name__}")

    def name(self, index: int) -> str:
        """The action name of an index."""
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < self.n:
            raise InvalidActionError(f"action index {index!r} out of range: expected 0..{self.n - 1} ({self._listing()})")
        return self.actions[index]

    def index(self, name: str) -> int:
        """The index of an action name."""
        try:
            return self.actions.index(name)
        except ValueError:
            raise InvalidActionError(f"action {name!r} is not an action of this world ({self._listing()})") from None

    def to_name(self, action: Union[int, str]) -> str:
        """An index or a name, checked, as the name the service takes."""
        if isinstance(action, str):
            self.index(action)
            return action
        if isinstance(action, numbers.Integral) and not isinstance(action, bool):
            return self.name(int(action))
        raise InvalidActionError(f"expected an action index or name, got {action!r} ({self._listing()})")

    def contains(self, action: Any) -> bool:
        try:
            self.to_name(action)
            return True
        except InvalidActionError:
            return False

    __contains__ = contains

    def _listing(self) -> str:
        return "allowed: " + ", ".join(f"{i}={a}" for i, a in enumerate(self.actions))

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[str]:
        return iter(self.actions)

    def __getitem__(self, index: int) -> str:
        return self.name(index)

    def __repr__(self) -> str:
        return f"ActionSpace({list(self.actions)!r})"


class ObservationSpace:
    """What an observation is: a dict, positions within ``width`` × ``height``; ``looks`` is the map the
    agent is told at the start (rows top to bottom, the look of each cell)."""

    KEYS = ("x", "y", "signal", "cues", "alive", "stuck", "steps", "changes")

    def __init__(self, width: int, height: int, looks: List[List[str]]):
        self.width = width
        self.height = height
        self.looks = looks

    def contains(self, observation: Any) -> bool:
        return (
            isinstance(observation, dict)
            and all(k in observation for k in self.KEYS)
            and 0 <= observation["x"] < self.width
            and 0 <= observation["y"] < self.height
        )

    __contains__ = contains

    def __repr__(self) -> str:
        return f"ObservationSpace(width={self.width}, height={self.height})"


class TrapworldEnv(_Base):
    """A trapworld world with the Gymnasium API.

    ``TrapworldEnv("snake-corridor")`` or ``TrapworldEnv("path/to/world.json")``; keyword arguments are
    the world's parameters (``--param KEY=VALUE`` of a generator world). ``cli`` overrides where the
    command line is found (see ``trapworld_gym.client``); ``cwd`` is the directory relative paths are
    read from (default: the current one).

    ``reset(seed=n)`` starts episode 0 of seed ``n``; ``reset()`` without a seed starts the next episode
    of the last seed (seed 0 at first), as ``trapworld run --episodes K`` does. ``options`` may give
    ``{"episode": k, "truth": {...}}``.
    """

    metadata: Dict[str, Any] = {"render_modes": []}
    render_mode = None

    def __init__(self, env_path_or_name: str, *, cli: Optional[str] = None, cwd: Optional[str] = None, **params: Any):
        self.env_name = env_path_or_name
        self.params = dict(params)
        self._client: Optional[ServeClient] = ServeClient(cli=cli, cwd=cwd)
        try:
            request: Dict[str, Any] = {"op": "make", "env": env_path_or_name}
            if params:
                request["params"] = self.params
            reply = self._client.request(request)
        except TrapworldError:
            self._client.close()
            self._client = None
            raise
        self.environment: Dict[str, Any] = reply.get("environment", {})
        spaces = reply["spaces"]
        self.spaces: Dict[str, Any] = spaces
        self.action_space = ActionSpace(spaces["actions"])
        self.observation_space = ObservationSpace(spaces["width"], spaces["height"], spaces.get("looks", []))
        self.gamma: Optional[float] = self.environment.get("gamma")
        self._seed: Optional[int] = None
        self._episode = -1
        self._done = False

    @property
    def closed(self) -> bool:
        return self._client is None

    def _request(self, request: Dict[str, Any]) -> Dict[str, Any]:
        if self._client is None:
            raise TrapworldError("the environment is closed")
        return self._client.request(request)

    def reset(self, *, seed: Optional[int] = None, options: Optional[Dict[str, Any]] = None) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        options = dict(options or {})
        unknown = set(options) - {"episode", "truth"}
        if unknown:
            raise ValueError(f"reset: unknown options {sorted(unknown)} (expected episode, truth)")
        if seed is not None:
            episode = 0
        else:
            seed = 0 if self._seed is None else self._seed
            episode = self._episode + 1
        episode = options.get("episode", episode)
        request: Dict[str, Any] = {"op": "reset", "seed": seed, "episode": episode}
        if "truth" in options:
            request["truth"] = options["truth"]
        reply = self._request(request)
        self._seed, self._episode, self._done = seed, episode, False
        return reply["observation"], reply["info"]

    def step(self, action: Union[int, str]) -> Tuple[Dict[str, Any], float, bool, bool, Dict[str, Any]]:
        """``action`` is an index into ``action_space`` or an action name (``"E"``, ``"poke-N"``)."""
        name = self.action_space.to_name(action)
        if self._episode < 0:
            raise TrapworldRequestError("step() before reset(): call reset() first")
        if self._done:
            raise TrapworldRequestError("step() after the episode ended: call reset() for another")
        reply = self._request({"op": "step", "action": name})
        self._done = bool(reply["terminated"] or reply["truncated"])
        return reply["observation"], float(reply["reward"]), reply["terminated"], reply["truncated"], reply["info"]

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()

    def __enter__(self) -> "TrapworldEnv":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def __repr__(self) -> str:
        return f"TrapworldEnv({self.env_name!r}{''.join(f', {k}={v!r}' for k, v in self.params.items())})"
