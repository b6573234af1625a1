/**
 * The gallery: every built-in world (the environments registry, as the worker's catalog lists it, so
 * worlds added to the registry appear here without a line of app code), each with a thumbnail painted by
 * the map's own tile painter, its size, what is hidden in it and the first sentence of its description,
 * and buttons to watch agents in it, play it or open it in the editor.
 */
import { paintTerrain } from '../render/terrain.ts';
import type { Catalog } from '../worker/session/catalog.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { h } from './dom.ts';

export interface GalleryHooks {
  catalog: Catalog;
  describe(name: string): Promise<WorldInfo | null>;
  watch(name: string): void;
  play(name: string): void;
  edit(name: string): void;
}

/** Largest thumbnail side in pixels. */
const THUMB = 180;

/** The first sentence of a description, without the "What it shows:" heading the built-ins use. */
export function firstSentence(text: string): string {
  const t = text.replace(/^What it shows:\s*/i, '').trim();
  const m = /^(.+?[.!?])(\s+[A-Z]|$)/.exec(t);
  return m ? m[1] : t;
}

/** What is hidden in a world, in a few words. */
export function hiddenSummary(world: WorldInfo): string {
  if (world.keys.length === 0) return 'nothing hidden';
  const ids = [
    ...new Set(world.keys.map((k) => (k.key.includes('@') ? k.key.slice(0, k.key.indexOf('@')) : k.key))),
  ];
  return `${world.keys.length} unknown${world.keys.length === 1 ? '' : 's'}: ${ids.join(', ')}`;
}

export class GalleryPage {
  private readonly grid: HTMLElement;
  private rendered = false;

  constructor(
    host: HTMLElement,
    private readonly hooks: GalleryHooks,
  ) {
    this.grid = h('ul', { class: 'gallery', attrs: { 'aria-label': 'Built-in worlds' } });
    host.append(
      h('h2', { id: 'gallery-heading', text: 'Gallery of built-in worlds', attrs: { tabindex: -1 } }),
      h('p', {
        class: 'description',
        text: `${hooks.catalog.environments.length} worlds, from Sutton and Barto's grids to trap worlds that need a stick. Watch agents in one, play it yourself, or open it in the editor to make your own.`,
      }),
      this.grid,
    );
  }

  async render(): Promise<void> {
    if (this.rendered) return;
    this.rendered = true;
    const cards = this.hooks.catalog.environments.map((env) => {
      const thumb = h('canvas', {
        class: 'thumb',
        attrs: { width: THUMB, height: THUMB, role: 'img', 'aria-label': `Map of ${env.title}` },
      });
      const facts = h('p', { class: 'facts', text: `${env.width}×${env.height}` });
      const card = h(
        'li',
        { class: 'world-card', dataset: { world: env.name } },
        thumb,
        h('h3', { text: env.title }),
        h('p', { class: 'name', text: env.name }),
        facts,
        h('p', { class: 'description', text: firstSentence(env.description) }),
        h(
          'div',
          { class: 'row' },
          h('button', {
            text: 'Watch',
            class: 'primary',
            attrs: { type: 'button', 'aria-label': `Watch agents in ${env.title}` },
            on: { click: () => this.hooks.watch(env.name) },
          }),
          h('button', {
            text: 'Play',
            attrs: { type: 'button', 'aria-label': `Play ${env.title} yourself` },
            on: { click: () => this.hooks.play(env.name) },
          }),
          h('button', {
            text: 'Edit',
            attrs: { type: 'button', 'aria-label': `Edit ${env.title} in the editor` },
            on: { click: () => this.hooks.edit(env.name) },
          }),
        ),
      );
      return { card, thumb, facts, name: env.name, size: `${env.width}×${env.height}` };
    });
    this.grid.replaceChildren(...cards.map((c) => c.card));
    // Thumbnails one at a time, so the page is usable while they are painted.
    for (const c of cards) {
      const world = await this.hooks.describe(c.name);
      if (!world) continue;
      const px = Math.max(1, Math.floor(THUMB / Math.max(world.width, world.height)));
      c.thumb.width = world.width * px;
      c.thumb.height = world.height * px;
      paintTerrain(c.thumb.getContext('2d')!, world, px);
      c.facts.textContent = `${c.size} · ${hiddenSummary(world)}`;
      c.card.dataset.painted = 'true';
    }
  }
}
