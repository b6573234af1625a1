/**
 * Playback: moving the cursor through the recorded frames, by hand (seek, step, jump) or playing at the
 * chosen speed. The pure rules are in playback.ts; this keeps the fraction of a step carried between
 * animation frames and turns moves into store actions.
 */
import { reachable, stepCursor, tick, type PaneProgress } from './playback.ts';
import { SPEEDS, type AppState, type Cursor, type Store } from './state.ts';
import { speedIndex } from './url.ts';

/** What the playbar and the keyboard can ask of playback. */
export interface PlaybackControls {
  togglePlay(): void;
  stepBy(delta: 1 | -1, times?: number): void;
  toEpisodeStart(): void;
  toEpisodeEnd(): void;
  episodeBy(delta: 1 | -1): void;
  setSpeed(speed: number): void;
  scrubTo(step: number): void;
}

export class Player implements PlaybackControls {
  /** How far into the next step playback has got (fractions of a step; 0 after a seek). */
  private carry = 0;

  constructor(
    private readonly store: () => Store,
    private readonly progress: () => PaneProgress[],
  ) {}

  private get state(): AppState {
    return this.store().state;
  }

  seek(cursor: Cursor, playing = false): void {
    this.carry = 0;
    this.store().dispatch({ type: 'seek', cursor, playing });
  }

  togglePlay(): void {
    this.store().dispatch({ type: 'togglePlay' });
  }

  stepBy(delta: 1 | -1, times = 1): void {
    let c = this.state.cursor;
    for (let i = 0; i < times; i++) c = stepCursor(this.progress(), c, delta, this.state.config.episodes);
    this.seek(c);
  }

  scrubTo(step: number): void {
    this.seek({ episode: this.state.cursor.episode, step });
  }

  toEpisodeStart(): void {
    this.scrubTo(0);
  }

  toEpisodeEnd(): void {
    this.scrubTo(reachable(this.progress(), this.state.cursor.episode).step);
  }

  episodeBy(delta: 1 | -1): void {
    const e = this.state.cursor.episode + delta;
    if (e < 0 || e >= this.state.config.episodes) return;
    if (delta > 0 && !this.progress().every((p) => p.availability(e).count > 0)) return;
    this.seek({ episode: e, step: 0 });
  }

  setSpeed(speed: number): void {
    this.store().dispatch({ type: 'setSpeed', speed });
  }

  /** One notch faster or slower along SPEEDS, stopping at either end. */
  speedBy(delta: 1 | -1): void {
    this.setSpeed(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, speedIndex(this.state.speed) + delta))]);
  }

  /** Called when playing starts: playing from the very end starts the run over. */
  started(s: AppState): void {
    this.carry = 0;
    const r = reachable(this.progress(), s.cursor.episode);
    if (
      r.complete &&
      s.cursor.step >= r.step &&
      s.cursor.episode >= s.config.episodes - 1 &&
      s.speed !== Infinity
    )
      this.store().dispatch({ type: 'seek', cursor: { episode: 0, step: 0 } });
  }

  /** Plays on for `dt` milliseconds if playing; returns whether it did (so there is a frame to draw). */
  advance(dt: number): boolean {
    const s = this.state;
    const progress = this.progress();
    if (!s.playing || progress.length === 0) return false;
    const r = tick(progress, s.cursor, this.carry, s.speed, Math.min(dt, 250), s.config.episodes);
    this.carry = r.carry;
    if (r.cursor.episode !== s.cursor.episode || r.cursor.step !== s.cursor.step || r.playing !== s.playing)
      this.store().dispatch({ type: 'seek', cursor: r.cursor, playing: r.playing });
    return true;
  }

  /** How far the move into the shown frame has got, for tweening (1 when paused or too fast to see). */
  phase(): number {
    const s = this.state;
    return s.playing && s.speed <= 20 ? Math.min(1, this.carry) : 1;
  }
}
