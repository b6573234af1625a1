/**
 * The environment format (version 1.1, which reads every version 1 file) as one zod definition. The loader validates files with it and
 * `scripts/write-schema.ts` turns the very same definition into `public/environment.schema.json`, so the
 * editor schema and the validator cannot drift apart. Cross-field rules that JSON Schema cannot say well
 * (ragged rows, priors summing to 1, glyphs drawn once) live in `validate.ts`.
 */
import { z } from 'zod';

export const DIRECTIONS = ['N', 'E', 'S', 'W'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const ACTIONS = ['N', 'E', 'S', 'W', 'poke-N', 'poke-E', 'poke-S', 'poke-W', 'wait'] as const;
export type Action = (typeof ACTIONS)[number];

export const EFFECTS = ['pass', 'death', 'stuck', 'goal', 'teleport'] as const;
export type Effect = (typeof EFFECTS)[number];

const glyph = z.string().describe('a glyph drawn in the map');
const signal = z.string().min(1).describe('a signal name the agent perceives');
const reward = z.number().refine(Number.isFinite, 'expected a finite number');
const probability = z.number().min(0).max(1);
const tileName = z.string().min(1, 'expected a tile name, got an empty string').describe('a tile name');

/** Format 1.1: `{ GLYPH: TILE, …, "here": TILE }`, applied after the action's effect, in written order. */
const setSchema = z
  .record(z.string(), tileName)
  .describe(
    'format 1.1: after the effect, every cell drawn with the glyph (or "here": the cell itself) becomes a tile of this kind',
  );

const enterSchema = z
  .strictObject({
    effect: z.enum(EFFECTS).optional().describe('what moving into the cell does; default pass'),
    reward: reward.optional().describe('added to whatever the effect adds'),
    to: glyph.optional().describe('teleport destination: the single cell drawn with this glyph'),
    signal: signal.optional().describe('signal perceived on entering'),
    set: setSchema.optional(),
  })
  .describe('what happens on moving into the cell');

const leaveSchema = z
  .strictObject({
    to: glyph
      .optional()
      .describe('any move action taken here moves the agent to the single cell drawn with this glyph'),
    reward: reward.optional(),
    set: setSchema
      .optional()
      .describe('format 1.1: changes made when a move takes the agent out of the cell'),
  })
  .describe('what happens on any move action taken while standing here; needs "to" or "set"');

const pokeSchema = z
  .strictObject({
    signal: signal.optional().describe('what poking shows; default "nothing"'),
    risk: probability.optional().describe('probability that the poke triggers riskEffect on the poker'),
    riskEffect: z.enum(['death', 'stuck']).optional().describe('default death'),
    set: setSchema.optional().describe('format 1.1: changes made by the poke; "here" is the poked cell'),
  })
  .describe('what poking the cell from a neighbouring cell shows');

const nearSchema = z
  .strictObject({
    signal: signal,
    p: z.number().min(0).max(1).optional().describe('probability of perceiving the cue each step; default 1'),
  })
  .describe('a cue perceived while standing next to the cell');

export const tileSchema = z
  .strictObject({
    look: z.string().min(1).optional().describe('what the agent sees; default the tile name'),
    walkable: z.boolean().optional().describe('default true; false makes moves into it bump'),
    enter: enterSchema.optional(),
    leave: leaveSchema.optional(),
    oneWay: z.enum(DIRECTIONS).optional().describe('the cell can be entered and left only moving this way'),
    poke: pokeSchema.optional(),
    near: nearSchema.optional(),
    description: z.string().optional(),
  })
  .describe('a tile kind');

const legendEntry = z.union([
  tileName,
  z.strictObject({ unknown: z.string().min(1).describe('an unknown id') }),
  z
    .strictObject({
      theory: z.string().min(1).describe('a theory id'),
      role: z.string().min(1).describe('a role of the theory'),
    })
    .describe('format 1.1: the cell is drawn as this role of this theory'),
]);

const unknownSchema = z.strictObject({
  scope: z
    .enum(['each', 'all'])
    .optional()
    .describe('each: every cell drawn independently (default); all: one draw decides every cell'),
  prior: z.record(z.string(), probability).describe('tile name → probability; sums to 1'),
  description: z.string().optional(),
});

const hypothesisSchema = z.strictObject({
  prior: probability.describe('probability of this hypothesis; the priors of a theory sum to 1'),
  tiles: z.record(z.string(), tileName).describe('role → tile name; every hypothesis names the same roles'),
});

const theorySchema = z
  .strictObject({
    description: z.string().optional(),
    hypotheses: z.record(z.string(), hypothesisSchema).describe('hypothesis name → prior and tiles'),
  })
  .describe('format 1.1: one hidden draw of a hypothesis decides the tile of every cell of every role');

export const FORMAT_VERSIONS = ['1', '1.1'] as const;

export const NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const environmentSchema = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.enum(FORMAT_VERSIONS).optional().describe('format version: "1" or "1.1"; default "1"'),
    name: z.string().regex(NAME_PATTERN, 'expected a kebab-case id such as "snake-corridor"'),
    title: z.string().optional(),
    description: z.string().optional(),
    map: z.array(z.string().min(1, 'expected a non-empty row')).min(1, 'expected at least one row'),
    legend: z.record(z.string(), legendEntry).optional(),
    tiles: z.record(z.string(), tileSchema).optional(),
    unknowns: z.record(z.string(), unknownSchema).optional(),
    theories: z.record(z.string(), theorySchema).optional(),
    rewards: z
      .strictObject({
        step: reward.optional(),
        goal: reward.optional(),
        death: reward.optional(),
        bump: reward.optional(),
      })
      .optional(),
    hiddenReward: z.strictObject({ death: reward.optional(), stuck: reward.optional() }).optional(),
    gamma: z.number().min(0).max(1).optional(),
    maxSteps: z.number().int('expected an integer').positive('expected a positive integer').optional(),
    actions: z.array(z.enum(ACTIONS)).min(1).optional(),
    slip: z.number().min(0).lt(1).optional(),
  })
  .describe('A trapworld environment (format version 1.1)');

/** What a user writes: the JSON file or the object a TypeScript module exports. */
export type EnvironmentFile = z.input<typeof environmentSchema>;
export type TileDefinition = z.input<typeof tileSchema>;
export type TheoryDefinition = z.input<typeof theorySchema>;

/** Typed helper for TypeScript environment modules; returns its argument unchanged. */
export function defineEnvironment(definition: EnvironmentFile): EnvironmentFile {
  return definition;
}

export function environmentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(environmentSchema, { io: 'input' }) as Record<string, unknown>;
  return { ...schema, title: 'trapworld environment' };
}
