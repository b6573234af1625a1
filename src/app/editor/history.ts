/**
 * The editor's undo and redo: every edit of the document is an immer recipe, recorded as its patches and
 * inverse patches. Edits that belong together (one stroke of the brush, typing in one field) share a
 * merge key and become one step of the history.
 */
import { applyPatches, enablePatches, produceWithPatches, type Patch } from 'immer';
import type { Doc } from './document.ts';

enablePatches();

interface Entry {
  patches: Patch[];
  inverse: Patch[];
  merge: string | null;
}

export class DocHistory {
  private current: Doc;
  private readonly past: Entry[] = [];
  private readonly future: Entry[] = [];
  /** Changes with every change of the document (edits, undo, redo, load). */
  version = 0;

  constructor(
    doc: Doc,
    readonly limit = 500,
  ) {
    this.current = doc;
  }

  get doc(): Doc {
    return this.current;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Replaces the document and forgets the history (a new world opened). */
  reset(doc: Doc): void {
    this.current = doc;
    this.past.length = 0;
    this.future.length = 0;
    this.version++;
  }

  /**
   * Applies `recipe` to a draft of the document. With `merge`, the edit joins the previous one if that
   * had the same key (and nothing was undone in between). Returns the recipe's result, or undefined when
   * nothing changed.
   */
  edit<T>(recipe: (draft: Doc) => T, merge: string | null = null): T | undefined {
    let result: T | undefined;
    const [next, patches, inverse] = produceWithPatches(this.current, (d) => {
      result = recipe(d as Doc);
    });
    if (patches.length === 0) return undefined;
    const last = this.past[this.past.length - 1];
    if (merge !== null && last && last.merge === merge && this.future.length === 0) {
      last.patches.push(...patches);
      last.inverse.unshift(...inverse);
    } else {
      this.past.push({ patches, inverse, merge });
      if (this.past.length > this.limit) this.past.shift();
    }
    this.future.length = 0;
    this.current = next as Doc;
    this.version++;
    return result;
  }

  /** Ends merging: the next edit starts a new step even with the same key. */
  seal(): void {
    const last = this.past[this.past.length - 1];
    if (last) last.merge = null;
  }

  undo(): boolean {
    const e = this.past.pop();
    if (!e) return false;
    this.future.push({ ...e, merge: null });
    this.current = applyPatches(this.current, e.inverse);
    this.version++;
    return true;
  }

  redo(): boolean {
    const e = this.future.pop();
    if (!e) return false;
    this.past.push(e);
    this.current = applyPatches(this.current, e.patches);
    this.version++;
    return true;
  }
}
