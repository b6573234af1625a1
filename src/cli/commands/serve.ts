/**
 * `trapworld serve --stdio`: the engine as a JSON-lines service for clients in other languages (the
 * protocol of the CLI contract, version 1.1; docs/serve.md). One JSON object per line each way, one
 * reply per request, in order. A bad request gets `{ "ok": false, "error": … }` and the service goes
 * on; `close` or the end of the input ends it with exit status 0.
 *
 * An episode is played by the same EpisodePlayer that `run` uses, driven by the client's actions, and
 * its observations and results are serialised by the same functions (episode-json.ts), so the same
 * seed and actions give the same observations, rewards and outcome as `run --actions … --trace`. The
 * truth drawn is never sent: the client is the agent.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Agent } from '../../core/agent.ts';
import { EpisodePlayer } from '../../core/episode-player.ts';
import { isAction } from '../../core/episode.ts';
import { EnvLoadError, UsageError } from '../../core/errors.ts';
import type { Action } from '../../core/format.ts';
import { isRecord } from '../../core/is-record.ts';
import { createStream, isValidSeed, MAX_SEED } from '../../core/rng.ts';
import { cellLook, type EnvSpec } from '../../core/spec.ts';
import { checkTruth, type Truth } from '../../core/truth.ts';
import { requireStart } from '../../core/validate.ts';
import { resolveEnvironment, type ParamInput } from '../env-files.ts';
import { episodeOutcomeJson, observationJson } from '../episode-json.ts';

/** A request the service refuses; its message is the reply's `error`. */
class RequestError extends Error {}

type Request = Record<string, unknown>;
export type Reply = Record<string, unknown>;

/** The fields each op takes besides `op` and `id` (an `id` of any JSON value is echoed in the reply). */
const FIELDS: Record<string, readonly string[]> = {
  make: ['env', 'params'],
  reset: ['seed', 'episode', 'truth'],
  step: ['action'],
  close: [],
};

/** A seed, or an episode number (which takes the same range). */
function integerField(request: Request, name: string, required: boolean): number | undefined {
  const v = request[name];
  if (v === undefined) {
    if (required) throw new RequestError(`${String(request.op)}: missing field "${name}" (an integer)`);
    return undefined;
  }
  if (typeof v !== 'number' || !isValidSeed(v))
    throw new RequestError(
      `${String(request.op)}: "${name}" must be an integer in [0, ${MAX_SEED}], got ${JSON.stringify(v)}`,
    );
  return v;
}

/** The environment as the client needs it to act: its actions, size and the looks of its cells. */
function spacesOf(env: EnvSpec) {
  const looks: string[][] = [];
  for (let y = 0; y < env.height; y++) {
    const row: string[] = [];
    for (let x = 0; x < env.width; x++) row.push(cellLook(env, y * env.width + x));
    looks.push(row);
  }
  return { actions: [...env.actions], width: env.width, height: env.height, looks };
}

/**
 * One client's session: the environment made, the episode being played. `handle` turns one input line
 * into its reply; it never throws.
 */
export class ServeSession {
  private env: EnvSpec | null = null;
  private player: EpisodePlayer | null = null;
  /** The action the client sent, handed to the player by the puppet agent below. */
  private pending: Action | null = null;
  private readonly puppet: Agent = {
    reset: () => {},
    act: () => {
      const action = this.pending;
      this.pending = null;
      return action;
    },
    observe: () => {},
  };
  closed = false;

  constructor(private readonly debug = false) {}

  async handle(line: string): Promise<Reply> {
    let request: unknown;
    try {
      request = JSON.parse(line);
    } catch (e) {
      return { ok: false, error: `not JSON: ${(e as Error).message}` };
    }
    if (!isRecord(request))
      return { ok: false, error: `expected a JSON object such as {"op": "reset", "seed": 0}` };
    const id = 'id' in request ? { id: request.id } : {};
    try {
      return { ...id, ok: true, ...(await this.dispatch(request)) };
    } catch (e) {
      if (e instanceof RequestError || e instanceof UsageError || e instanceof EnvLoadError)
        return { ...id, ok: false, error: e.message };
      if (this.debug) process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      return { ...id, ok: false, error: `internal error: ${(e as Error).message}` };
    }
  }

  private async dispatch(request: Request): Promise<Reply> {
    const op = request.op;
    if (op === undefined) throw new RequestError('missing field "op" (one of make, reset, step, close)');
    if (typeof op !== 'string' || !Object.hasOwn(FIELDS, op))
      throw new RequestError(`unknown op ${JSON.stringify(op)} (expected make, reset, step or close)`);
    const allowed = FIELDS[op];
    for (const key of Object.keys(request))
      if (key !== 'op' && key !== 'id' && !allowed.includes(key))
        throw new RequestError(
          `${op}: unknown field "${key}" (${op} takes ${allowed.length ? allowed.map((f) => `"${f}"`).join(', ') : 'no fields'})`,
        );
    switch (op) {
      case 'make':
        return this.make(request);
      case 'reset':
        return this.reset(request);
      case 'step':
        return this.step(request);
      default:
        this.closed = true;
        return {};
    }
  }

  private async make(request: Request): Promise<Reply> {
    const name = request.env;
    if (typeof name !== 'string' || name === '')
      throw new RequestError(
        `make: ${name === undefined ? 'missing field "env"' : '"env" must be a non-empty string'} (a built-in name or a path to a .json or .ts file)`,
      );
    const params = request.params;
    if (
      params !== undefined &&
      (!isRecord(params) ||
        !Object.values(params).every((v) => ['number', 'boolean', 'string'].includes(typeof v)))
    )
      throw new RequestError(
        'make: "params" must be an object of KEY: VALUE (numbers, booleans or strings), as --param KEY=VALUE',
      );
    // A generator environment is built from the params (the rest defaulted); any other refuses them.
    const env = await resolveEnvironment(name, (params ?? {}) as ParamInput);
    requireStart(env);
    this.env = env;
    this.player = null;
    return {
      environment: { name: env.name, title: env.title, gamma: env.gamma, maxSteps: env.maxSteps },
      spaces: spacesOf(env),
    };
  }

  private reset(request: Request): Reply {
    const env = this.env;
    if (!env) throw new RequestError('reset: no environment yet: send {"op": "make", "env": …} first');
    const seed = integerField(request, 'seed', true)!;
    const episode = integerField(request, 'episode', false) ?? 0;
    let truth: Truth | undefined;
    if (request.truth !== undefined) {
      const raw = request.truth;
      if (!isRecord(raw) || !Object.values(raw).every((v) => typeof v === 'string'))
        throw new RequestError('reset: "truth" must be an object of UNKNOWN: TILE or THEORY: HYPOTHESIS');
      truth = checkTruth(env, raw as Truth);
    }
    // The agent's stream is the run's; the client is the agent, so it goes unused.
    this.player = new EpisodePlayer(env, this.puppet, {
      seed,
      episode,
      truth,
      agentRng: createStream(seed, 'agent'),
    });
    return {
      observation: observationJson(this.player.observation),
      info: { seed, episode, steps: 0, events: [] },
    };
  }

  private step(request: Request): Reply {
    const env = this.env;
    const player = this.player;
    if (!env || !player) throw new RequestError('step: no episode: send {"op": "reset", "seed": n} first');
    const action = request.action;
    if (typeof action !== 'string')
      throw new RequestError(
        `step: ${action === undefined ? 'missing field "action"' : '"action" must be a string'} (one of ${env.actions.join(' ')})`,
      );
    if (!isAction(action) || !env.actions.includes(action))
      throw new RequestError(
        `step: action ${JSON.stringify(action)} is not an action of ${env.name} (allowed: ${env.actions.join(' ')})`,
      );
    if (player.finished)
      throw new RequestError(
        `step: the episode has ended (${player.outcome}); send {"op": "reset", "seed": n} for another`,
      );
    this.pending = action;
    const played = player.step();
    if (!played) throw new Error('the episode player took no action');
    const r = played.result;
    return {
      observation: observationJson(r.observation),
      reward: r.reward,
      terminated: r.terminated,
      truncated: r.truncated,
      info: {
        steps: r.observation.steps,
        events: [...r.info.events],
        hiddenReward: r.info.hiddenReward,
        // At the end, what `run --json` reports for the episode (without the truth).
        ...(player.finished ? episodeOutcomeJson(player.result(0)) : {}),
      },
    };
  }
}

export interface ServeOptions {
  stdio?: boolean;
  debug?: boolean;
}

/** Serves one session on `input`/`output` until `close` or the end of the input. */
export async function serveCommand(
  o: ServeOptions,
  input: Readable = process.stdin,
  output: Writable = process.stdout,
): Promise<number> {
  if (!o.stdio)
    throw new UsageError('serve: give --stdio (JSON lines on stdin and stdout; see docs/serve.md)');
  const session = new ServeSession(o.debug === true);
  let outputGone = false;
  output.on('error', () => (outputGone = true));
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const reply = await session.handle(line);
    if (outputGone) break;
    if (!output.write(`${JSON.stringify(reply)}\n`))
      await once(output, 'drain').catch(() => (outputGone = true));
    if (session.closed) break;
  }
  lines.close();
  // Stop reading so that a client keeping its end open does not keep the process alive after close.
  if (input === process.stdin) process.stdin.destroy();
  return 0;
}
