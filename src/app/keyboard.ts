/**
 * Keyboard shortcuts: the handler and the help panel that lists them. Keys are ignored while typing in a
 * field, except that a range or a checkbox is not typing (Space and the arrows still work there unless
 * the control itself uses them).
 */
import { h } from './dom.ts';
import type { PlaybackControls } from './player.ts';
import { OVERLAY_INFO } from './sidebar/overlays-section.ts';
import { OVERLAYS, type Overlay } from './state.ts';

export interface KeyboardControls {
  readonly player: PlaybackControls & { speedBy(delta: 1 | -1): void };
  toggleOverlay(overlay: Overlay): void;
  undo(): void;
  redo(): void;
  toggleHelp(): void;
  /** Opens or closes every pane's "Why" panel. */
  toggleWhy(): void;
}

const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['Space', 'play / pause'],
  ['→ / ←', 'step forward / back (with Shift: 10 steps)'],
  ['Home / End', 'start / end of the episode'],
  ['PageUp / PageDown, [ / ]', 'previous / next episode'],
  ['+ / −', 'faster / slower'],
  ...OVERLAYS.map((o) => [OVERLAY_INFO[o].key, `toggle ${OVERLAY_INFO[o].label.toLowerCase()}`] as const),
  ['Y', 'show or hide “Why”: the options each agent weighed'],
  ['Tab to a map, then arrows', 'inspect cells by keyboard; + / − zoom, 0 fits, Esc leaves'],
  ['Ctrl + wheel, drag', 'zoom and pan a map (buttons at its corner too)'],
  ['Play yourself: arrows or WASD', 'move; Shift+arrow pokes; Space or . waits'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'undo / redo a settings change (in the editor: an edit)'],
  ['?', 'show or hide this help'],
];

/** Fills the help panel with the shortcuts and wires its button; returns what shows or hides it. */
export function setUpHelp(panel: HTMLElement, button: HTMLElement): () => void {
  panel.append(
    h('h2', { text: 'Keyboard shortcuts' }),
    h('dl', {}, ...SHORTCUTS.flatMap(([k, v]) => [h('dt', {}, h('kbd', { text: k })), h('dd', { text: v })])),
  );
  const toggle = () => {
    panel.hidden = !panel.hidden;
    button.setAttribute('aria-expanded', String(!panel.hidden));
  };
  button.addEventListener('click', toggle);
  return toggle;
}

/** Keys a focused map uses itself (pane.ts). */
const MAP_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  '+',
  '=',
  '-',
  '_',
  '0',
  'Escape',
]);

export function handleKey(e: KeyboardEvent, c: KeyboardControls): void {
  const player = c.player;
  const t = e.target as HTMLElement | null;
  const onRange = (t as HTMLInputElement | null)?.type === 'range';
  const typing =
    t &&
    (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA') &&
    !onRange &&
    (t as HTMLInputElement).type !== 'checkbox';
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
    if (typing) return;
    e.preventDefault();
    if (e.shiftKey) c.redo();
    else c.undo();
    return;
  }
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  // A focused map handles its own keys (inspecting cells, zoom); the others still drive playback.
  if (t?.closest?.('[data-keys="map"]') && MAP_KEYS.has(e.key)) return;
  const overlayKey = OVERLAYS.find((o) => OVERLAY_INFO[o].key.toLowerCase() === e.key.toLowerCase());
  switch (e.key) {
    case ' ':
      if (t?.tagName === 'BUTTON') return;
      e.preventDefault();
      player.togglePlay();
      return;
    case 'ArrowRight':
    case 'ArrowLeft':
      // A focused scrubber moves itself with the arrows.
      if (onRange) return;
      e.preventDefault();
      player.stepBy(e.key === 'ArrowRight' ? 1 : -1, e.shiftKey ? 10 : 1);
      return;
    case 'Home':
      e.preventDefault();
      player.toEpisodeStart();
      return;
    case 'End':
      e.preventDefault();
      player.toEpisodeEnd();
      return;
    case 'PageUp':
    case '[':
      e.preventDefault();
      player.episodeBy(-1);
      return;
    case 'PageDown':
    case ']':
      e.preventDefault();
      player.episodeBy(1);
      return;
    case '+':
    case '=':
      player.speedBy(1);
      return;
    case '-':
    case '_':
      player.speedBy(-1);
      return;
    case '?':
      c.toggleHelp();
      return;
    case 'y':
    case 'Y':
      c.toggleWhy();
      return;
  }
  if (overlayKey) c.toggleOverlay(overlayKey);
}
