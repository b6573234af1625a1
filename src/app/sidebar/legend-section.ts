/** The legend: a swatch per look in the world, the overlays' colours and marks. */
import { NO_RETURN_COLOURS, PAST_END_COLOUR, tileStyle, variantColour } from '../../render/palette.ts';
import { paintTile } from '../../render/terrain.ts';
import { h, replaceChildren } from '../dom.ts';
import type { SidebarContext } from './context.ts';

const swatchCache = new Map<string, string>();

export function swatch(look: string, size = 36): string {
  let url = swatchCache.get(look);
  if (!url) {
    const c = document.createElement('canvas');
    c.width = c.height = size;
    paintTile(c.getContext('2d')!, tileStyle(look), 0, 0, size);
    url = c.toDataURL();
    swatchCache.set(look, url);
  }
  return url;
}

/** The marks the overlays draw in a fixed colour, as legend entries. */
const MARK_COLOURS: [string, string][] = [
  ['trap (no return)', NO_RETURN_COLOURS.trap],
  ['dead end', NO_RETURN_COLOURS['dead-end']],
  ['start lost', NO_RETURN_COLOURS['no-return']],
  ['× earlier death', PAST_END_COLOUR],
];

export class LegendSection {
  readonly element = h('section', { attrs: { 'aria-labelledby': 'legend-heading' } });

  render(ctx: SidebarContext): void {
    const world = ctx.world;
    if (!world) return;
    const items = world.looks.map((look) => {
      const tiles = world.tiles.filter((t) => t.look === look).map((t) => t.name);
      return h(
        'div',
        { class: 'item', title: tiles.join(', ') },
        h('img', { attrs: { src: swatch(look), alt: '' } }),
        h('span', { text: tileStyle(look).name }),
      );
    });
    const variants = new Map<string, string>();
    for (const u of world.unknowns)
      for (const v of u.prior) {
        const t = world.tiles.find((x) => x.name === v.tile);
        if (t) variants.set(t.name, variantColour(t));
      }
    const dotItem = ([label, colour]: [string, string]) =>
      h(
        'div',
        { class: 'item' },
        h('span', { class: 'swatch', style: { background: colour, 'border-radius': '50%' } }),
        label,
      );
    replaceChildren(
      this.element,
      h('h3', { id: 'legend-heading', text: 'Legend' }),
      h(
        'div',
        { class: 'legend' },
        ...items,
        world.unknowns.length > 0
          ? h(
              'div',
              { class: 'item wide' },
              h('span', {
                class: 'swatch',
                style: { background: '#fff', 'text-align': 'center', 'font-weight': '700' },
                text: '?',
              }),
              'an unknown: looks the same whatever it is',
            )
          : null,
        world.unknowns.length > 0
          ? h('div', { class: 'item wide' }, 'P(trap)', h('span', { class: 'heat-ramp' }), '0 → 1')
          : null,
        ...[...variants].map(dotItem),
        ...MARK_COLOURS.map(dotItem),
      ),
    );
  }
}
