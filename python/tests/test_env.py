"""TrapworldEnv against the command line: the same seed and actions play the same episode as
``trapworld run --actions ... --json``; bad actions raise clear exceptions and the env stays usable."""

import os
import random
import tempfile
import unittest

from _support import CLI, REPO, run_actions

from trapworld_gym import (
    ActionSpace,
    InvalidActionError,
    TrapworldEnv,
    TrapworldError,
    TrapworldRequestError,
    TrapworldServiceError,
)

GENERATOR = """export default {
  name: 'corridor-gen',
  params: { length: { default: 3, min: 1, max: 20 } },
  generate({ length }: { length: number }) {
    return { map: ['#'.repeat(length + 3), `#A${'.'.repeat(length - 1)}G#`, '#'.repeat(length + 3)] };
  },
};
"""

OUTCOME_FIELDS = ("outcome", "return", "discountedReturn", "performance", "steps", "pokes")


def play(env, seed, choose, limit=500, **reset_kwargs):
    """Plays one episode with ``choose(step_index) -> action``; returns the reset and step results."""
    obs, info = env.reset(seed=seed, **reset_kwargs) if seed is not None else env.reset(**reset_kwargs)
    steps = []
    for k in range(limit):
        action = env.action_space.to_name(choose(k))
        obs2, reward, terminated, truncated, info2 = env.step(action)
        steps.append((action, obs2, reward, terminated, truncated, info2))
        if terminated or truncated:
            break
    return (obs, info), steps


class SameEpisodeAsRun(unittest.TestCase):
    def check(self, env_name, seed, steps, reset, episode=0, truth=()):
        actions = [s[0] for s in steps]
        run, trace = run_actions(env_name, seed, actions, episodes=episode + 1, truth=truth)
        traced = trace["episodes"][episode]
        row = run["episodes"][episode]
        self.assertEqual(reset[0], traced["observation"])
        self.assertEqual(len(steps), len(traced["steps"]))
        for k, (action, obs, reward, terminated, truncated, info) in enumerate(steps):
            t = traced["steps"][k]
            self.assertEqual(action, t["action"])
            self.assertEqual(obs, t["observation"], f"step {k}")
            self.assertEqual(reward, t["reward"])
            self.assertEqual(info["events"], t["events"])
        last = steps[-1]
        if last[3] or last[4]:
            for f in OUTCOME_FIELDS:
                self.assertEqual(last[5][f], row[f], f)
        # The return and the discounted return, summed here from the rewards, agree with run's.
        gamma = 1.0
        total = discounted = 0.0
        for s in steps:
            total += s[2]
            discounted += gamma * s[2]
            gamma *= run_gamma(env_name)
        self.assertAlmostEqual(total, row["return"], places=9)
        self.assertAlmostEqual(discounted, row["discountedReturn"], places=9)
        return row

    def test_fixed_lists_on_snake_corridor(self):
        plan = ["E", "E", "poke-E", "E", "E", "E", "E", "E"]
        with TrapworldEnv("snake-corridor") as env:
            self.assertEqual(env.gamma, run_gamma("snake-corridor"))
            outcomes = set()
            for seed in range(4):
                reset, steps = play(env, seed, lambda k: plan[k], limit=len(plan))
                outcomes.add(self.check("snake-corridor", seed, steps, reset)["outcome"])
            self.assertEqual(outcomes, {"goal", "death"})

    def test_random_actions_sampled_from_the_action_space(self):
        for env_name in ("thin-ice", "pit-field", "dark-cave"):
            with TrapworldEnv(env_name) as env:
                for seed in (0, 5):
                    rng = random.Random(seed)
                    reset, steps = play(env, seed, lambda k: env.action_space.sample(rng))
                    self.assertTrue(steps[-1][3] or steps[-1][4])
                    self.check(env_name, seed, steps, reset)

    def test_reset_without_a_seed_plays_the_next_episode_as_run_episodes_does(self):
        plan = ["E"] * 6
        with TrapworldEnv("snake-corridor") as env:
            play(env, 7, lambda k: plan[k], limit=6)
            reset, steps = play(env, None, lambda k: plan[k], limit=6)
            self.assertEqual(reset[1]["episode"], 1)
            self.assertEqual(reset[1]["seed"], 7)
            self.check("snake-corridor", 7, steps, reset, episode=1)

    def test_truth_option_fixes_the_world_as_truth_does(self):
        plan = ["E"] * 6
        with TrapworldEnv("snake-corridor") as env:
            reset, steps = play(env, 2, lambda k: plan[k], limit=6, options={"truth": {"snake": "live-snake"}})
            row = self.check("snake-corridor", 2, steps, reset, truth=["snake=live-snake"])
            self.assertEqual(row["outcome"], "death")

    def test_the_truth_is_never_in_info(self):
        with TrapworldEnv("snake-corridor") as env:
            (obs, info), steps = play(env, 3, lambda k: "E")
            self.assertNotIn("truth", info)
            for s in steps:
                self.assertNotIn("truth", s[5])
                self.assertNotIn("live-snake", repr(s))


_GAMMAS = {}


def run_gamma(env_name):
    if env_name not in _GAMMAS:
        with TrapworldEnv(env_name) as env:
            _GAMMAS[env_name] = env.environment["gamma"]
    return _GAMMAS[env_name]


class Errors(unittest.TestCase):
    def test_a_bad_action_raises_a_clear_exception_and_the_env_stays_usable(self):
        with TrapworldEnv("island-navigation") as env:
            env.reset(seed=0)
            for bad in ("jump", "poke-E", 4, -1, 1.5, None, True):
                with self.assertRaises(InvalidActionError) as caught:
                    env.step(bad)
                self.assertIn("allowed: 0=N, 1=E, 2=S, 3=W", str(caught.exception))
                self.assertIsInstance(caught.exception, ValueError)
            obs, reward, terminated, truncated, info = env.step("E")
            self.assertEqual(obs["steps"], 1)
            obs, *_ = env.step(2)
            self.assertEqual(obs["steps"], 2)

    def test_a_refused_request_raises_and_the_service_goes_on(self):
        with TrapworldEnv("snake-corridor") as env:
            env.reset(seed=0)
            with self.assertRaises(TrapworldRequestError) as caught:
                env.reset(seed=0, options={"truth": {"snake": "zombie-snake"}})
            self.assertIn("zombie-snake", str(caught.exception))
            with self.assertRaises(TrapworldRequestError):
                env.reset(seed=-1)
            obs, *_ = env.step("E")
            self.assertEqual(obs["steps"], 1)

    def test_step_before_reset_and_after_the_end(self):
        with TrapworldEnv("snake-corridor") as env:
            with self.assertRaisesRegex(TrapworldRequestError, "reset"):
                env.step("E")
            env.reset(seed=3, options={"truth": {"snake": "live-snake"}})
            for _ in range(3):
                *_, terminated, truncated, info = env.step("E")
            self.assertTrue(terminated)
            self.assertEqual(info["outcome"], "death")
            with self.assertRaisesRegex(TrapworldRequestError, "ended"):
                env.step("E")
            obs, info = env.reset()
            self.assertEqual(obs["steps"], 0)

    def test_unknown_world_and_bad_file(self):
        with self.assertRaisesRegex(TrapworldRequestError, 'unknown environment "no-such-world"'):
            TrapworldEnv("no-such-world")
        with self.assertRaisesRegex(TrapworldRequestError, "no such file"):
            TrapworldEnv("/nonexistent/world.json")

    def test_parameters_of_a_world_that_takes_none_are_refused(self):
        with self.assertRaisesRegex(TrapworldRequestError, "size"):
            TrapworldEnv("snake-corridor", size=3)

    def test_keyword_arguments_are_a_generator_world_s_parameters(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "corridor-gen.ts")
            with open(path, "w", encoding="utf-8") as f:
                f.write(GENERATOR)
            with TrapworldEnv(path, length=5) as env:
                self.assertEqual(env.spaces["width"], 8)
                env.reset(seed=0)
                for _ in range(5):
                    obs, reward, terminated, truncated, info = env.step("E")
                self.assertTrue(terminated)
                self.assertEqual(info["outcome"], "goal")
            with TrapworldEnv(path) as env:
                self.assertEqual(env.spaces["width"], 6)
            with self.assertRaisesRegex(TrapworldRequestError, "length"):
                TrapworldEnv(path, length=50)

    def test_a_relative_path_is_read_from_cwd(self):
        with TrapworldEnv("environments/snake-corridor.json", cwd=str(REPO)) as env:
            self.assertEqual(env.environment["name"], "snake-corridor")

    def test_the_service_dying_is_reported(self):
        env = TrapworldEnv("snake-corridor")
        env.reset(seed=0)
        env._client._proc.kill()
        env._client._proc.wait()
        with self.assertRaises(TrapworldServiceError):
            env.step("E")
        env.close()


class Lifecycle(unittest.TestCase):
    def test_context_manager_closes_the_service_with_exit_0(self):
        with TrapworldEnv("snake-corridor") as env:
            client = env._client
            env.reset(seed=0)
        self.assertTrue(env.closed)
        self.assertEqual(client.returncode, 0)
        env.close()  # idempotent
        with self.assertRaises(TrapworldError):
            env.reset(seed=0)

    def test_cli_from_the_environment_variable(self):
        old = os.environ.get("TRAPWORLD_CLI")
        try:
            os.environ["TRAPWORLD_CLI"] = str(CLI)
            with TrapworldEnv("snake-corridor") as env:
                self.assertEqual(env.action_space.n, 9)
            os.environ["TRAPWORLD_CLI"] = "/nonexistent/trapworld.js"
            with self.assertRaisesRegex(TrapworldServiceError, "TRAPWORLD_CLI: no such file"):
                TrapworldEnv("snake-corridor")
        finally:
            if old is None:
                os.environ.pop("TRAPWORLD_CLI", None)
            else:
                os.environ["TRAPWORLD_CLI"] = old

    def test_explicit_cli_argument(self):
        with TrapworldEnv("snake-corridor", cli=str(CLI)) as env:
            self.assertEqual(env.spaces["width"], 9)


class Spaces(unittest.TestCase):
    def test_action_space(self):
        space = ActionSpace(["N", "E", "S", "W", "poke-E"])
        self.assertEqual(space.n, 5)
        self.assertEqual(len(space), 5)
        self.assertEqual(list(space), ["N", "E", "S", "W", "poke-E"])
        self.assertEqual(space.name(4), "poke-E")
        self.assertEqual(space[1], "E")
        self.assertEqual(space.index("S"), 2)
        self.assertTrue(space.contains("W"))
        self.assertTrue(3 in space)
        self.assertFalse("wait" in space)
        self.assertFalse(5 in space)
        with self.assertRaises(InvalidActionError):
            space.index("wait")

    def test_sampling_is_seeded(self):
        space = ActionSpace(["N", "E", "S", "W"])
        a = [space.sample(random.Random(3)) for _ in range(5)]
        self.assertEqual(len(set(a)), 1)  # a fresh generator with the same seed gives the same draw
        rng1, rng2 = random.Random(11), random.Random(11)
        self.assertEqual([space.sample(rng1) for _ in range(50)], [space.sample(rng2) for _ in range(50)])
        self.assertEqual(space.sample(42), space.sample(42))
        space.seed(9)
        first = [space.sample() for _ in range(20)]
        space.seed(9)
        self.assertEqual(first, [space.sample() for _ in range(20)])
        self.assertTrue(all(0 <= i < 4 for i in first))
        self.assertEqual(set(space.sample(random.Random(s)) for s in range(100)), {0, 1, 2, 3})

    def test_observation_space_and_looks(self):
        with TrapworldEnv("snake-corridor") as env:
            obs, _ = env.reset(seed=0)
            self.assertTrue(env.observation_space.contains(obs))
            self.assertEqual(env.observation_space.looks[1][4], "snake")
            self.assertEqual((env.observation_space.width, env.observation_space.height), (9, 3))


if __name__ == "__main__":
    unittest.main()
