/**
 * The on-screen pad of "Play yourself": four moves, a poke switch (the next direction pokes instead of
 * moving) and wait, as large buttons for touch; the keyboard does the same (play-keys.ts). Actions the
 * world does not allow are disabled. Swiping on the map moves too.
 */
import type { Action } from '../core/format.ts';
import { h, setAttr, setText } from './dom.ts';

const DIRS = [
  ['N', '↑', 'north'],
  ['E', '→', 'east'],
  ['S', '↓', 'south'],
  ['W', '←', 'west'],
] as const;

export class PlayPad {
  readonly element: HTMLElement;
  private readonly buttons = new Map<string, HTMLButtonElement>();
  private readonly pokeToggle: HTMLButtonElement;
  private readonly waitButton: HTMLButtonElement;
  private readonly status: HTMLElement;
  private poking = false;
  private over = false;
  private allowed: readonly string[] = [];

  constructor(private readonly act: (action: Action) => void) {
    const dir = (d: (typeof DIRS)[number]) => {
      const b = h('button', {
        class: `pad-${d[0]}`,
        text: d[1],
        attrs: { type: 'button', 'aria-label': `Move ${d[2]}` },
        on: { click: () => this.press(d[0]) },
      });
      this.buttons.set(d[0], b);
      return b;
    };
    this.pokeToggle = h('button', {
      class: 'pad-poke',
      text: 'Poke',
      attrs: {
        type: 'button',
        'aria-pressed': 'false',
        title: 'The next direction pokes instead of moving (or hold Shift)',
      },
      on: { click: () => this.setPoking(!this.poking) },
    });
    this.waitButton = h('button', {
      class: 'pad-wait',
      text: 'Wait',
      attrs: { type: 'button', title: 'Wait one step (Space or .)' },
      on: { click: () => this.act('wait') },
    });
    this.status = h('p', { class: 'pad-help' });
    this.element = h(
      'div',
      { class: 'play-pad', attrs: { role: 'group', 'aria-label': 'Your moves' } },
      h(
        'div',
        { class: 'pad-grid' },
        this.pokeToggle,
        dir(DIRS[0]),
        this.waitButton,
        dir(DIRS[3]),
        h('span', { class: 'pad-centre', attrs: { 'aria-hidden': 'true' } }),
        dir(DIRS[1]),
        h('span'),
        dir(DIRS[2]),
        h('span'),
      ),
      this.status,
    );
  }

  /** Which actions the world allows, and whether the episode still goes on (called every readout). */
  setWorld(actions: readonly string[], over: boolean): void {
    if (actions === this.allowed && over === this.over) return;
    this.allowed = actions;
    const canPoke = actions.some((a) => a.startsWith('poke-'));
    this.pokeToggle.disabled = over || !canPoke;
    this.waitButton.disabled = over || !actions.includes('wait');
    this.over = over;
    if (!canPoke) this.poking = false;
    this.refresh();
  }

  private refresh(): void {
    const over = this.over;
    setAttr(this.pokeToggle, 'aria-pressed', String(this.poking));
    for (const [d, b] of this.buttons) {
      const action = this.poking ? `poke-${d}` : d;
      b.disabled = over || !this.allowed.includes(action);
      setAttr(b, 'aria-label', `${this.poking ? 'Poke' : 'Move'} ${DIRS.find((x) => x[0] === d)![2]}`);
    }
    setText(
      this.status,
      over
        ? 'Your episode is over.'
        : `Arrow keys or WASD move${this.allowed.some((a) => a.startsWith('poke-')) ? ' · Shift+arrow (or Poke, then a direction) pokes' : ''}${this.allowed.includes('wait') ? ' · Space or . waits' : ''}.`,
    );
  }

  setPoking(on: boolean): void {
    this.poking = on;
    this.refresh();
  }

  private press(d: string): void {
    const action = (this.poking ? `poke-${d}` : d) as Action;
    this.setPoking(false);
    this.act(action);
  }
}
