/**
 * The playbar: play and pause, step, jump to the episode's start or end, speed, the timeline scrubber and
 * the episode switcher. It only shows state and calls the playback controls; the app owns playback.
 */
import { h, icon, setAttr, setText } from './dom.ts';
import type { PlaybackControls } from './player.ts';
import { SPEEDS, type AppState } from './state.ts';
import { speedIndex } from './url.ts';

function speedLabel(v: number): string {
  if (v === Infinity) return 'as fast as possible';
  if (v < 1) return `½ step/s`;
  return `${v} steps/s`;
}

function iconButton(
  id: string,
  glyph: Parameters<typeof icon>[0],
  label: string,
  onClick: () => void,
): HTMLButtonElement {
  return h(
    'button',
    { id, title: label, attrs: { type: 'button', 'aria-label': label }, on: { click: onClick } },
    icon(glyph),
  );
}

function setDisabled(b: HTMLButtonElement, v: boolean): void {
  if (b.disabled !== v) b.disabled = v;
}

export class Playbar {
  private readonly play: HTMLButtonElement;
  private readonly back: HTMLButtonElement;
  private readonly speed: HTMLSelectElement;
  private readonly scrub: HTMLInputElement;
  private readonly readout: HTMLElement;
  private readonly prevEp: HTMLButtonElement;
  private readonly nextEp: HTMLButtonElement;
  private readonly episode: HTMLElement;

  constructor(host: HTMLElement, controls: PlaybackControls) {
    const restart = iconButton('restart', 'restart', 'Back to the start of the episode (Home)', () =>
      controls.toEpisodeStart(),
    );
    this.back = iconButton('step-back', 'back', 'Step back (←)', () => controls.stepBy(-1));
    this.play = h('button', {
      id: 'play',
      class: 'primary',
      title: 'Play or pause (Space)',
      attrs: { type: 'button' },
      on: { click: () => controls.togglePlay() },
    });
    const fwd = iconButton('step', 'step', 'Step forward (→)', () => controls.stepBy(1));
    const end = iconButton('end', 'end', 'To the end of the episode (End)', () => controls.toEpisodeEnd());
    this.speed = h('select', { id: 'speed', attrs: { 'aria-label': 'Speed' } });
    this.scrub = h('input', {
      id: 'scrubber',
      attrs: {
        type: 'range',
        min: 0,
        max: 0,
        value: 0,
        step: 1,
        'aria-label': 'Timeline: step within the episode',
      },
    });
    this.readout = h('span', { class: 'readout', id: 'step-readout' });
    this.prevEp = iconButton('prev-episode', 'prev', 'Previous episode (PageUp or [)', () =>
      controls.episodeBy(-1),
    );
    this.nextEp = iconButton('next-episode', 'next', 'Next episode (PageDown or ])', () =>
      controls.episodeBy(1),
    );
    this.episode = h('span', { class: 'readout', id: 'episode-readout' });

    SPEEDS.forEach((v, i) => this.speed.append(h('option', { text: speedLabel(v), attrs: { value: i } })));
    this.speed.addEventListener('change', () => controls.setSpeed(SPEEDS[Number(this.speed.value)]));
    this.scrub.addEventListener('input', () => controls.scrubTo(Number(this.scrub.value)));
    host.append(
      h('div', { class: 'group' }, restart, this.back, this.play, fwd, end),
      h('label', { class: 'group' }, h('span', { class: 'visually-hidden', text: 'Speed' }), this.speed),
      h('div', { class: 'scrub' }, this.scrub, this.readout),
      h(
        'div',
        { class: 'group', attrs: { role: 'group', 'aria-label': 'Episode' } },
        this.prevEp,
        this.episode,
        this.nextEp,
      ),
    );
  }

  /** Shows the state; `reach` is how far the cursor's episode can be played (see playback.ts). */
  update(s: AppState, reach: { step: number; complete: boolean }): void {
    if (this.play.dataset.playing !== String(s.playing)) {
      this.play.dataset.playing = String(s.playing);
      this.play.replaceChildren(icon(s.playing ? 'pause' : 'play'), s.playing ? 'Pause' : 'Play');
    }
    setAttr(this.play, 'aria-pressed', String(s.playing));
    const idx = speedIndex(s.speed);
    if (this.speed.value !== String(idx)) this.speed.value = String(idx);
    const max = Math.max(0, reach.step);
    if (this.scrub.max !== String(max)) this.scrub.max = String(max);
    const value = String(Math.min(s.cursor.step, max));
    if (this.scrub.value !== value && (document.activeElement !== this.scrub || !s.playing))
      this.scrub.value = value;
    const total = reach.complete ? reach.step : `${reach.step}+`;
    setAttr(this.scrub, 'aria-valuetext', `step ${s.cursor.step} of ${total}`);
    setText(this.readout, `step ${s.cursor.step} / ${reach.complete ? reach.step : `${reach.step}…`}`);
    setText(this.episode, `episode ${s.cursor.episode + 1} / ${s.config.episodes}`);
    setDisabled(this.prevEp, s.cursor.episode === 0);
    setDisabled(this.nextEp, s.cursor.episode >= s.config.episodes - 1);
    setDisabled(this.back, s.cursor.step === 0 && s.cursor.episode === 0);
  }
}
