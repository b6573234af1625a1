/**
 * Every built-in world. Adding one is a new file in this folder and one line in `sources`; the
 * registry-driven tests then cover it. JSON worlds are validated exactly as user files are.
 */
import type { EnvironmentGenerator } from '../src/core/generator.ts';
import { Registry } from '../src/core/registry.ts';
import type { EnvSpec } from '../src/core/spec.ts';
import { validateEnvironment } from '../src/core/validate.ts';
import snakeCorridor from './snake-corridor.json' with { type: 'json' };
import suttonBarto32 from './sutton-barto-3-2.json' with { type: 'json' };
import suttonBarto41 from './sutton-barto-4-1.json' with { type: 'json' };
import islandNavigation from './island-navigation.json' with { type: 'json' };
import distributionalShift from './distributional-shift.json' with { type: 'json' };
import distributionalShiftTest1 from './distributional-shift-test-1.json' with { type: 'json' };
import distributionalShiftTest2 from './distributional-shift-test-2.json' with { type: 'json' };
import cliffWalking from './cliff-walking.json' with { type: 'json' };
import cliffWalkingReset from './cliff-walking-reset.json' with { type: 'json' };
import lavaGap from './lava-gap.json' with { type: 'json' };
import pitField from './pit-field.json' with { type: 'json' };
import oneWayDoors from './one-way-doors.json' with { type: 'json' };
import thinIce from './thin-ice.json' with { type: 'json' };
import darkCave from './dark-cave.json' with { type: 'json' };
import rottenPlank from './rotten-plank.json' with { type: 'json' };
import frozenLakeTheory from './frozen-lake-theory.json' with { type: 'json' };
import lockPanel from './lock-panel.json' with { type: 'json' };
import collapsingBridge from './collapsing-bridge.json' with { type: 'json' };
import leverGate from './lever-gate.json' with { type: 'json' };
import snakePair from './snake-pair.json' with { type: 'json' };
import ashCorridor from './ash-corridor.json' with { type: 'json' };
import nuclearButton from './nuclear-button.json' with { type: 'json' };
import mushroomTheory from './mushroom-theory.json' with { type: 'json' };
import vertigoPlateau from './vertigo-plateau.json' with { type: 'json' };
import heavenOrHell from './heaven-or-hell.json' with { type: 'json' };
import regularityHolds from './regularity-holds.json' with { type: 'json' };
import regularityBreaks from './regularity-breaks.json' with { type: 'json' };
import mentorOnly from './mentor-only.json' with { type: 'json' };
import riskyPoke from './risky-poke.json' with { type: 'json' };
import distantThunder from './distant-thunder.json' with { type: 'json' };
import iceHoldsTwice from './ice-holds-twice.json' with { type: 'json' };
import recklessWins from './reckless-wins.json' with { type: 'json' };
import minefield from './minefield.json' with { type: 'json' };
import big64 from './big-64.ts';
import { regularityGenerator } from './regularity.ts';

/** File name → the object it holds (JSON data or a TypeScript module's export). */
const sources: [string, unknown][] = [
  ['snake-corridor.json', snakeCorridor],
  ['sutton-barto-4-1.json', suttonBarto41],
  ['sutton-barto-3-2.json', suttonBarto32],
  ['island-navigation.json', islandNavigation],
  ['distributional-shift.json', distributionalShift],
  ['distributional-shift-test-1.json', distributionalShiftTest1],
  ['distributional-shift-test-2.json', distributionalShiftTest2],
  ['cliff-walking.json', cliffWalking],
  ['cliff-walking-reset.json', cliffWalkingReset],
  ['lava-gap.json', lavaGap],
  ['pit-field.json', pitField],
  ['one-way-doors.json', oneWayDoors],
  ['thin-ice.json', thinIce],
  ['dark-cave.json', darkCave],
  ['rotten-plank.json', rottenPlank],
  ['frozen-lake-theory.json', frozenLakeTheory],
  ['lock-panel.json', lockPanel],
  ['collapsing-bridge.json', collapsingBridge],
  ['lever-gate.json', leverGate],
  ['snake-pair.json', snakePair],
  ['ash-corridor.json', ashCorridor],
  ['big-64.ts', big64],
  ['nuclear-button.json', nuclearButton],
  ['mushroom-theory.json', mushroomTheory],
  ['vertigo-plateau.json', vertigoPlateau],
  ['heaven-or-hell.json', heavenOrHell],
  ['regularity-holds.json', regularityHolds],
  ['regularity-breaks.json', regularityBreaks],
  ['mentor-only.json', mentorOnly],
  ['risky-poke.json', riskyPoke],
  ['distant-thunder.json', distantThunder],
  ['ice-holds-twice.json', iceHoldsTwice],
  ['reckless-wins.json', recklessWins],
  ['minefield.json', minefield],
];

export const environments = new Registry<EnvSpec>(
  'environment',
  sources.map(([file, raw]) => validateEnvironment(raw, `environments/${file}`)),
);

/**
 * Built-in families of worlds: generators with declared parameters (`--param KEY=VALUE`), named like
 * environments (`trapworld run regularity --param size=32`, `trapworld sweep regularity …`).
 */
export const generators = new Registry<EnvironmentGenerator>('generator', [regularityGenerator]);
