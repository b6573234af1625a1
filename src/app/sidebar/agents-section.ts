/** The agents, side by side: one fieldset per pane with its agent picker and that agent's options. */
import type { OptionSpec } from '../../core/agent.ts';
import { agentColour } from '../../render/palette.ts';
import { h, replaceChildren } from '../dom.ts';
import { HUMAN } from '../../worker/session/protocol.ts';
import { MAX_PANES, type Action, type PaneConfig } from '../state.ts';
import { defaultOptionsOf, parseOption } from '../url.ts';
import type { SidebarActions, SidebarContext } from './context.ts';

export class AgentsSection {
  readonly element = h('section', { attrs: { 'aria-labelledby': 'agents-heading' } });

  constructor(private readonly actions: SidebarActions) {}

  render(ctx: SidebarContext): void {
    const { catalog, state } = ctx;
    const panes = state.config.panes;
    const fieldsets = panes.map((pane, i) => {
      const meta = catalog.agents.find((a) => a.name === pane.agent);
      const select = h('select', {
        id: `agent-${i}`,
        class: 'agent-select',
        on: {
          change: () => {
            if (select.value === HUMAN) {
              this.actions.dispatch({ type: 'setAgent', pane: i, agent: HUMAN, options: {} });
              return;
            }
            const next = catalog.agents.find((a) => a.name === select.value);
            if (next)
              this.actions.dispatch({
                type: 'setAgent',
                pane: i,
                agent: next.name,
                options: defaultOptionsOf(next),
              });
          },
        },
      });
      select.append(
        h('option', {
          text: 'You (play it yourself)',
          attrs: { value: HUMAN, selected: pane.agent === HUMAN },
        }),
      );
      for (const a of catalog.agents)
        select.append(
          h('option', { text: a.title, attrs: { value: a.name, selected: a.name === pane.agent } }),
        );
      const options = (meta?.options ?? []).map((spec) =>
        optionField(spec, pane, i, (a) => this.actions.dispatch(a)),
      );
      return h(
        'fieldset',
        { class: 'agent', dataset: { pane: String(i) } },
        h(
          'legend',
          {},
          h('span', { class: 'chip', style: { background: agentColour(i) } }),
          `Agent ${i + 1}`,
        ),
        h('label', { class: 'visually-hidden', attrs: { for: `agent-${i}` }, text: `Agent ${i + 1}` }),
        h(
          'div',
          { class: 'row' },
          select,
          panes.length > 1
            ? h('button', {
                text: 'Remove',
                id: `remove-agent-${i}`,
                attrs: { type: 'button', 'aria-label': `Remove agent ${i + 1}` },
                on: { click: () => this.actions.dispatch({ type: 'removePane', pane: i }) },
              })
            : null,
        ),
        meta
          ? h('p', {
              class: 'description',
              text: meta.description,
              attrs: { tabindex: 0, role: 'note', 'aria-label': `How ${meta.name} decides` },
            })
          : pane.agent === HUMAN
            ? h('p', {
                class: 'description',
                text: 'You play this pane: arrows or WASD move, Shift+arrow pokes.',
              })
            : null,
        ...options,
      );
    });
    const addable = panes.length < MAX_PANES;
    replaceChildren(
      this.element,
      h('h3', { id: 'agents-heading', text: 'Agents, side by side' }),
      ...fieldsets,
      h('button', {
        id: 'add-agent',
        text: '+ Add an agent',
        attrs: { type: 'button', disabled: !addable },
        on: {
          click: () => {
            const used = new Set(panes.map((p) => p.agent));
            const next =
              catalog.agents.find((a) => !used.has(a.name) && a.name !== 'scripted') ?? catalog.agents[0];
            this.actions.dispatch({ type: 'addPane', agent: next.name, options: defaultOptionsOf(next) });
          },
        },
      }),
    );
  }
}

/** One option of pane i's agent: a checkbox, or a text or number field that reports what it rejects. */
function optionField(
  spec: OptionSpec,
  pane: PaneConfig,
  i: number,
  dispatch: (a: Action) => void,
): HTMLElement {
  const id = `agent-${i}-opt-${spec.name}`;
  const value = pane.options[spec.name] ?? spec.default;
  const error = h('span', { class: 'option-error', attrs: { 'aria-live': 'polite' } });
  let input: HTMLInputElement;
  if (spec.type === 'boolean') {
    input = h('input', { id, attrs: { type: 'checkbox', checked: value === true } });
    input.addEventListener('change', () =>
      dispatch({ type: 'setOption', pane: i, key: spec.name, value: input.checked }),
    );
    return h('label', { class: 'row', attrs: { for: id }, title: spec.description }, input, spec.name);
  }
  input = h('input', {
    id,
    attrs: {
      type: spec.type === 'string' ? 'text' : 'number',
      step: spec.type === 'integer' ? 1 : spec.type === 'number' ? 'any' : undefined,
      min: spec.min,
      max: spec.max,
      value: String(value),
      'aria-describedby': `${id}-help`,
    },
  });
  input.addEventListener('change', () => {
    const parsed = parseOption(spec, input.value);
    if ('error' in parsed) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = parsed.error;
      return;
    }
    input.setAttribute('aria-invalid', 'false');
    error.textContent = '';
    dispatch({ type: 'setOption', pane: i, key: spec.name, value: parsed.value });
  });
  return h(
    'div',
    { class: 'field' },
    h('label', { attrs: { for: id }, text: spec.name }),
    input,
    h('span', { id: `${id}-help`, class: 'row-label', text: spec.description }),
    error,
  );
}
