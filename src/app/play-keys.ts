/**
 * Keys while a person plays ("Play yourself"): arrows or WASD move, with Shift they poke, Space or "."
 * waits. Typing in a field is left alone. Returns whether the key was a move (and so was used).
 */
import type { Action } from '../core/format.ts';

const DIRECTION: Record<string, 'N' | 'E' | 'S' | 'W'> = {
  ArrowUp: 'N',
  ArrowRight: 'E',
  ArrowDown: 'S',
  ArrowLeft: 'W',
  w: 'N',
  d: 'E',
  s: 'S',
  a: 'W',
};

/** The action a key stands for while playing, or null. */
export function actionForKey(key: string, shift: boolean): Action | null {
  const d = DIRECTION[key] ?? DIRECTION[key.toLowerCase()];
  if (d) return shift ? (`poke-${d}` as Action) : d;
  if (key === ' ' || key === '.') return 'wait';
  return null;
}

export function playKey(e: KeyboardEvent, act: (a: Action) => void): boolean {
  const t = e.target as HTMLElement | null;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return false;
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  // Space on a focused button presses the button.
  if (e.key === ' ' && t?.tagName === 'BUTTON') return false;
  const a = actionForKey(e.key, e.shiftKey);
  if (!a) return false;
  e.preventDefault();
  act(a);
  return true;
}
