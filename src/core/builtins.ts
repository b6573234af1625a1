/** The tiles and glyphs every environment gets without declaring them (environment format, "Tiles"). */
import type { TileDefinition } from './format.ts';

export const BUILTIN_TILES: Record<string, TileDefinition> = {
  floor: { description: 'Plain ground.' },
  wall: { walkable: false, poke: { signal: 'solid' }, description: 'Blocks movement.' },
  start: { look: 'floor', description: 'Floor where the agent begins.' },
  goal: { enter: { effect: 'goal' }, description: 'Ends the episode in success.' },
  lava: {
    enter: { effect: 'death' },
    near: { signal: 'warm' },
    description: 'Death on entry; warm to stand next to.',
  },
  pit: {
    enter: { effect: 'stuck' },
    poke: { signal: 'hollow' },
    description: 'Falling in leaves the agent stuck for the rest of the episode.',
  },
  'one-way-N': { look: 'one-way-N', oneWay: 'N', description: 'Can be crossed only northwards.' },
  'one-way-E': { look: 'one-way-E', oneWay: 'E', description: 'Can be crossed only eastwards.' },
  'one-way-S': { look: 'one-way-S', oneWay: 'S', description: 'Can be crossed only southwards.' },
  'one-way-W': { look: 'one-way-W', oneWay: 'W', description: 'Can be crossed only westwards.' },
};

export const BUILTIN_GLYPHS: Record<string, string> = {
  '#': 'wall',
  '.': 'floor',
  A: 'start',
  G: 'goal',
  '~': 'lava',
  O: 'pit',
  '^': 'one-way-N',
  '>': 'one-way-E',
  v: 'one-way-S',
  '<': 'one-way-W',
};
