/**
 * Colours and tile styles. Built on the Okabe-Ito palette (distinguishable with the common colour-vision
 * deficiencies), and every tile look also has its own pattern, so no distinction rests on hue alone.
 * Looks the palette does not know (a user's world may invent any) get a colour from the palette by name
 * and their initial letter.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const;

export type Pattern =
  | 'plain'
  | 'bricks'
  | 'waves'
  | 'hole'
  | 'star'
  | 'coil'
  | 'hatch'
  | 'dots'
  | 'planks'
  | 'cracks'
  | 'bars'
  | 'arrow-N'
  | 'arrow-E'
  | 'arrow-S'
  | 'arrow-W'
  | 'letter';

export interface TileStyle {
  base: string;
  fg: string;
  pattern: Pattern;
  /** Text drawn by the `letter` pattern. */
  label: string;
  /** Shown in the legend. */
  name: string;
}

const FLOOR = '#F3F0EA';

const KNOWN: Record<string, Omit<TileStyle, 'label'> & { label?: string }> = {
  floor: { base: FLOOR, fg: '#E3DED4', pattern: 'plain', name: 'floor' },
  wall: { base: '#3F4254', fg: '#565A70', pattern: 'bricks', name: 'wall' },
  goal: { base: OKABE_ITO.green, fg: '#FFFFFF', pattern: 'star', name: 'goal' },
  lava: { base: OKABE_ITO.vermillion, fg: OKABE_ITO.orange, pattern: 'waves', name: 'lava' },
  water: { base: OKABE_ITO.blue, fg: OKABE_ITO.sky, pattern: 'waves', name: 'water' },
  pit: { base: FLOOR, fg: '#1B1B1F', pattern: 'hole', name: 'pit' },
  chasm: { base: '#1D1D29', fg: '#3C3C52', pattern: 'hatch', name: 'chasm' },
  cliff: { base: '#6B4E3D', fg: '#3E2C22', pattern: 'hatch', name: 'cliff' },
  dark: { base: '#5A5A6E', fg: '#8E8EA6', pattern: 'dots', name: 'dark patch' },
  rubble: { base: '#BCAA92', fg: '#7F6D57', pattern: 'dots', name: 'rubble' },
  gate: { base: FLOOR, fg: '#8C5A2B', pattern: 'bars', name: 'gate' },
  ice: { base: '#CFEAF6', fg: OKABE_ITO.sky, pattern: 'cracks', name: 'ice' },
  plank: { base: '#D8B07A', fg: '#93693A', pattern: 'planks', name: 'plank' },
  bog: { base: '#8A7A4A', fg: '#5A4F2E', pattern: 'dots', name: 'bog' },
  snake: { base: FLOOR, fg: '#5E6B1F', pattern: 'coil', name: 'snake' },
  'one-way-N': { base: FLOOR, fg: OKABE_ITO.blue, pattern: 'arrow-N', name: 'one-way north' },
  'one-way-E': { base: FLOOR, fg: OKABE_ITO.blue, pattern: 'arrow-E', name: 'one-way east' },
  'one-way-S': { base: FLOOR, fg: OKABE_ITO.blue, pattern: 'arrow-S', name: 'one-way south' },
  'one-way-W': { base: FLOOR, fg: OKABE_ITO.blue, pattern: 'arrow-W', name: 'one-way west' },
};

const FALLBACK = [
  OKABE_ITO.sky,
  OKABE_ITO.orange,
  OKABE_ITO.purple,
  OKABE_ITO.yellow,
  '#A6A6A6',
  OKABE_ITO.green,
  OKABE_ITO.blue,
];

function hashName(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function tileStyle(look: string): TileStyle {
  const known = KNOWN[look];
  if (known) return { label: '', ...known };
  const base = FALLBACK[hashName(look) % FALLBACK.length];
  // Short looks (the jump cells of Sutton & Barto's grid: A, B, A-prime) are their own label.
  const label = look.endsWith('-prime')
    ? `${look.slice(0, 1)}′`
    : look.length <= 2
      ? look
      : look.slice(0, 1).toUpperCase();
  return { base, fg: '#1A1A1A', pattern: 'letter', label, name: look };
}

/** Pane colours: one per agent, the same in the canvas, the charts and the comparison table. */
// Not orange, yellow or vermillion: those mean danger here (the heat ramp, deadly variants).
export const AGENT_COLOURS = [OKABE_ITO.blue, OKABE_ITO.purple, OKABE_ITO.green, '#4D4D4D'] as const;

export function agentColour(pane: number): string {
  return AGENT_COLOURS[pane % AGENT_COLOURS.length];
}

/** What a tile variant does, as a colour: deadly, sticky, blocking or harmless. */
export function variantColour(tile: { effect: string; walkable: boolean }): string {
  if (tile.effect === 'death') return OKABE_ITO.vermillion;
  if (tile.effect === 'stuck') return OKABE_ITO.orange;
  if (!tile.walkable) return OKABE_ITO.blue;
  if (tile.effect === 'teleport') return OKABE_ITO.purple;
  return OKABE_ITO.green;
}

/** Points-of-no-return kinds (src/plan/irreversibility.ts) worth marking, and their colours. */
export const NO_RETURN_COLOURS: Record<string, string> = {
  trap: OKABE_ITO.vermillion,
  'dead-end': '#1D1F24',
  'no-return': OKABE_ITO.orange,
};

/** Where earlier episodes of the run ended badly (a grey ×, under everything that moves). */
export const PAST_END_COLOUR = '#5D6270';

/** The heat ramp: the upper part of matplotlib's "inferno" (perceptually uniform, colour-blind safe). */
const HEAT_STOPS: [number, number, number, number][] = [
  [0, 252, 255, 164],
  [0.25, 249, 201, 50],
  [0.5, 245, 125, 21],
  [0.75, 212, 72, 66],
  [1, 106, 23, 110],
];

export function heatColour(p: number): [number, number, number] {
  const q = Math.min(1, Math.max(0, p));
  for (let i = 1; i < HEAT_STOPS.length; i++) {
    const [b, br, bg, bb] = HEAT_STOPS[i];
    if (q <= b) {
      const [a, ar, ag, ab] = HEAT_STOPS[i - 1];
      const t = (q - a) / (b - a);
      return [Math.round(ar + (br - ar) * t), Math.round(ag + (bg - ag) * t), Math.round(ab + (bb - ab) * t)];
    }
  }
  return [106, 23, 110];
}

export function hexToNumber(hex: string): number {
  return parseInt(hex.slice(1), 16);
}

/** How harmful a tile is, for ordering a posterior's variants: harmless first, deadly last. */
export function harmRank(tile: { effect: string; walkable: boolean }): number {
  if (tile.effect === 'death') return 4;
  if (tile.effect === 'stuck') return 3;
  if (tile.effect === 'teleport') return 2;
  if (!tile.walkable) return 1;
  return 0;
}

/** Second and later colours for variants that would share one (two harmless tiles, two deadly ones). */
const ALTERNATES: Record<string, readonly string[]> = {
  [OKABE_ITO.green]: [OKABE_ITO.sky, '#7FD4B8', '#A6A6A6'],
  [OKABE_ITO.vermillion]: ['#8E2A00', OKABE_ITO.purple, '#F5A07A'],
  [OKABE_ITO.orange]: [OKABE_ITO.yellow, '#8C6100'],
  [OKABE_ITO.blue]: ['#003D60', '#7FB8DA'],
  [OKABE_ITO.purple]: ['#7A3A63', '#E6B8D3'],
};

/**
 * A posterior key's variants in a fixed order, harmless to deadly (ties in declaration order), and a
 * colour for each that says what it does and differs from its siblings': the same tiles always get the
 * same colours, left to right, in the list and on the map. `tiles[i]` is variant i's worst tile.
 */
export function variantPalette(tiles: readonly ({ effect: string; walkable: boolean } | undefined)[]): {
  order: number[];
  colours: string[];
} {
  const order = tiles
    .map((t, i) => ({ i, r: t ? harmRank(t) : 0 }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.i);
  const colours: string[] = new Array<string>(tiles.length);
  const used = new Map<string, number>();
  for (const i of order) {
    const t = tiles[i];
    const base = t ? variantColour(t) : '#888888';
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    const alt = ALTERNATES[base] ?? [];
    colours[i] = n === 0 ? base : (alt[n - 1] ?? alt[alt.length - 1] ?? base);
  }
  return { order, colours };
}
