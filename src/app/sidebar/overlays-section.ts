/** The overlays: what each shows, its keyboard key, and the checkboxes that turn them on and off. */
import { h } from '../dom.ts';
import { OVERLAYS, type Overlay, type Overlays } from '../state.ts';
import type { SidebarActions } from './context.ts';

export const OVERLAY_INFO: Record<Overlay, { label: string; key: string; description: string }> = {
  heat: {
    label: 'P(trap) heatmap',
    key: 'H',
    description: "the agent's probability that each unsure cell is a trap",
  },
  bars: {
    label: 'Posterior bars',
    key: 'B',
    description: "the agent's posterior over each unknown's variants",
  },
  plan: { label: 'Plan', key: 'P', description: 'the path the agent currently intends to follow' },
  trail: { label: 'Trail', key: 'R', description: 'cells visited this episode and the last steps' },
  noReturn: {
    label: 'Points of no return',
    key: 'N',
    description: 'traps, dead ends and one-way losses in the true world',
  },
  truth: { label: 'True world', key: 'T', description: 'what every unknown really is this episode' },
  values: {
    label: 'Values and policy',
    key: 'V',
    description:
      'trapworld solve of this episode’s true world: each cell’s optimal value and an arrow for the best move',
  },
};

export class OverlaysSection {
  readonly element = h('section', { attrs: { 'aria-labelledby': 'overlays-heading' } });
  private readonly boxes = new Map<Overlay, HTMLInputElement>();

  constructor(actions: SidebarActions) {
    const boxes = OVERLAYS.map((o) => {
      const box = h('input', {
        id: `overlay-${o}`,
        attrs: { type: 'checkbox' },
        on: { change: () => actions.dispatch({ type: 'toggleOverlay', overlay: o, on: box.checked }) },
      });
      this.boxes.set(o, box);
      return h(
        'label',
        { title: OVERLAY_INFO[o].description, attrs: { for: `overlay-${o}` } },
        box,
        OVERLAY_INFO[o].label,
        ' ',
        h('kbd', { text: OVERLAY_INFO[o].key }),
      );
    });
    this.element.append(
      h('h3', { id: 'overlays-heading', text: 'Overlays' }),
      h('div', { class: 'overlays' }, ...boxes),
    );
  }

  update(overlays: Overlays): void {
    for (const [o, box] of this.boxes) if (box.checked !== overlays[o]) box.checked = overlays[o];
  }
}
