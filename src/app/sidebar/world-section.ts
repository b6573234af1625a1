/** The world picker: built-in worlds and files loaded this visit, the file loader and its errors. */
import { h, replaceChildren } from '../dom.ts';
import type { SidebarActions, SidebarContext } from './context.ts';

export class WorldSection {
  readonly element = h('section', { attrs: { 'aria-labelledby': 'world-heading' } });

  constructor(private readonly actions: SidebarActions) {}

  render(ctx: SidebarContext): void {
    const { catalog, state, world } = ctx;
    const current = state.config.world;
    const select = h('select', {
      id: 'world-select',
      on: {
        change: () => {
          const v = select.value;
          if (v.startsWith('builtin:'))
            this.actions.dispatch({ type: 'setWorld', world: { kind: 'builtin', name: v.slice(8) } });
          else {
            const f = ctx.fileWorlds[Number(v.slice(5))];
            if (f) this.actions.dispatch({ type: 'setWorld', world: f });
          }
        },
      },
    });
    const builtins = h('optgroup', { attrs: { label: 'Built-in worlds' } });
    for (const e of catalog.environments)
      builtins.append(
        h('option', {
          text: `${e.title} (${e.width}×${e.height})`,
          attrs: {
            value: `builtin:${e.name}`,
            selected: current.kind === 'builtin' && current.name === e.name,
          },
        }),
      );
    select.append(builtins);
    if (ctx.fileWorlds.length > 0) {
      const files = h('optgroup', { attrs: { label: 'Loaded from files' } });
      ctx.fileWorlds.forEach((f, i) =>
        files.append(
          h('option', {
            text: `${f.name} (${f.source})`,
            attrs: {
              value: `file:${i}`,
              selected: current.kind === 'file' && current.text === f.text && current.source === f.source,
            },
          }),
        ),
      );
      select.append(files);
    }
    const fileInput = h('input', {
      id: 'world-file',
      class: 'visually-hidden',
      attrs: { type: 'file', accept: '.json,application/json' },
      on: {
        change: () => {
          const f = fileInput.files?.[0];
          if (f) this.actions.loadFile(f);
          fileInput.value = '';
        },
      },
    });
    const errors = ctx.loadErrors;
    replaceChildren(
      this.element,
      h('h3', { id: 'world-heading', text: 'World' }),
      h('label', { class: 'visually-hidden', attrs: { for: 'world-select' }, text: 'World' }),
      select,
      world
        ? h('p', {
            class: 'description',
            id: 'world-description',
            text: world.description || world.title,
            attrs: { tabindex: 0, role: 'note', 'aria-label': 'About this world' },
          })
        : null,
      h(
        'div',
        { class: 'dropzone', id: 'dropzone' },
        h('label', { class: 'button', attrs: { for: 'world-file' }, text: 'Load a world (.json)…' }),
        fileInput,
        h('div', { text: 'or drop a .json file anywhere' }),
      ),
      h(
        'ul',
        { class: 'load-errors', id: 'world-errors', attrs: { 'aria-live': 'assertive' } },
        ...(errors
          ? [
              h('li', {
                text: `${errors.file}: could not be loaded (${errors.errors.length} error${errors.errors.length === 1 ? '' : 's'})`,
              }),
              ...errors.errors.map((e) => h('li', { text: e })),
            ]
          : []),
      ),
    );
  }
}
