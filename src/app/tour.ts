/**
 * The first-visit tour: a few cards that point at the parts of the page, shown once (remembered in the
 * browser) and again from the "Tour" button. It is not modal: the page works while it is open, so a
 * visitor who knows what to do is never blocked, and Escape or "Skip" closes it.
 */
import { h } from './dom.ts';
import type { View } from './url.ts';

const DONE_KEY = 'trapworld-tour-done';

interface Step {
  title: string;
  text: string;
  /** The element to outline (a CSS selector), on the "watch" page. */
  target: string;
}

const STEPS: readonly Step[] = [
  {
    title: 'Agents side by side',
    text: 'Each pane is one agent on the same world, seed and truth. Press Play (or Space) and watch one walk onto a rotten plank while the other pokes it with a stick first.',
    target: '#panes',
  },
  {
    title: 'What they believe',
    text: 'The heatmap is each agent’s probability that a cell is a trap; the bars and the list under the map are its posterior over what each unknown cell is.',
    target: '.pane .posterior',
  },
  {
    title: 'Why this action?',
    text: 'Press “Why” on a pane to see the options the agent weighed at this step: value, value of information, risk and cost, and which hypotheses each experiment tells apart.',
    target: '.pane .why-button',
  },
  {
    title: 'Step through time',
    text: 'The playbar steps, scrubs and changes speed; the arrow keys step too. Tab to a map and use the arrows to inspect cells; + and − zoom.',
    target: '#playbar',
  },
  {
    title: 'Your turn',
    text: '“Play yourself” puts you in the world beside an agent, on the same seed. “Edit world” lets you paint your own trap world and run agents in it. The gallery lists every built-in world.',
    target: '.views',
  },
];

export class Tour {
  private outlined: Element | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly show: (view: View) => void,
  ) {
    host.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
  }

  /** Starts the tour on a first visit. */
  maybeStart(): void {
    let done = false;
    try {
      done = localStorage.getItem(DONE_KEY) === '1';
    } catch {
      done = false;
    }
    if (!done) this.start(false);
  }

  start(focus = true): void {
    this.go(0, focus);
  }

  close(): void {
    this.host.hidden = true;
    this.outlined?.classList.remove('tour-target');
    this.outlined = null;
    try {
      localStorage.setItem(DONE_KEY, '1');
    } catch {
      /* a browser that keeps nothing shows the tour again next time */
    }
  }

  private go(i: number, focus = true): void {
    if (i < 0 || i >= STEPS.length) {
      this.close();
      return;
    }
    const s = STEPS[i];
    this.show('watch');
    this.outlined?.classList.remove('tour-target');
    this.outlined = document.querySelector(s.target);
    this.outlined?.classList.add('tour-target');
    const next = h('button', {
      class: 'primary',
      text: i === STEPS.length - 1 ? 'Done' : 'Next',
      attrs: { type: 'button' },
      on: { click: () => this.go(i + 1) },
    });
    this.host.replaceChildren(
      h('p', { class: 'tour-count', text: `Tour ${i + 1} of ${STEPS.length}` }),
      h('h2', { id: 'tour-title', text: s.title }),
      h('p', { text: s.text }),
      h(
        'div',
        { class: 'row' },
        i > 0
          ? h('button', { text: 'Back', attrs: { type: 'button' }, on: { click: () => this.go(i - 1) } })
          : null,
        next,
        h('button', {
          text: 'Skip the tour',
          class: 'link-button',
          attrs: { type: 'button' },
          on: { click: () => this.close() },
        }),
      ),
    );
    this.host.hidden = false;
    if (focus) next.focus();
  }
}
