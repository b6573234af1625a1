/** The pane's event line: what happened at one step, in words. */
import { ACTIONS } from '../core/format.ts';
import { cueMarks, frameEvents, heardSignal, pokeMark } from '../render/scene.ts';
import type { ViewFrame } from '../render/view-frame.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { formatNumber } from './dom.ts';

const EVENT_TEXT: Record<string, string> = {
  death: 'DIED',
  stuck: 'STUCK for the rest of the episode',
  goal: 'reached the goal',
  bump: 'bumped',
  slip: 'slipped',
};

/** "Step 4: pokeE · poked E, heard “thud” · reward -1." for frame `frame`, step `step` of its episode. */
export function describeStep(
  f: ViewFrame['frames'] & { reward: Float32Array | Float64Array },
  world: WorldInfo,
  frame: number,
  step: number,
): string {
  if (step === 0) return 'Start.';
  const parts: string[] = [`Step ${step}: ${ACTIONS[f.action[frame]] ?? '?'}`];
  const poke = pokeMark(f, world, frame);
  if (poke) parts.push(`poked ${poke.dir}, heard “${poke.signal}”${poke.hurt ? ' — and the poke hurt' : ''}`);
  const heard = heardSignal(f, world, frame);
  if (heard) parts.push(`heard “${heard}”`);
  for (const c of cueMarks(f, world, frame)) parts.push(`felt “${c.signal}” from ${c.dir}`);
  for (const ev of frameEvents(f, frame)) if (EVENT_TEXT[ev]) parts.push(EVENT_TEXT[ev]);
  parts.push(`reward ${formatNumber(f.reward[frame])}`);
  return `${parts.join(' · ')}.`;
}
