/**
 * The charts under the panes: return and posterior entropy over the steps of the cursor's episode, and
 * deaths over the episodes of the run, one line per agent in its colour, with their legend.
 */
import { agentColour } from '../render/palette.ts';
import { LineChart, type Series } from './charts.ts';
import { h } from './dom.ts';
import type { RunStore } from './run-store.ts';
import type { Cursor, RunConfig } from './state.ts';

/** The y range of the series' finite values (from `floor` if given), padded when flat; x up to 10. */
function extent(series: Series[], floor?: number): { xMax: number; yMin: number; yMax: number } {
  let yMin = floor ?? Infinity;
  let yMax = -Infinity;
  for (const x of series)
    for (let i = 0; i < x.length; i++) {
      const v = x.values[i];
      if (!Number.isFinite(v)) continue;
      yMin = Math.min(yMin, v);
      yMax = Math.max(yMax, v);
    }
  if (yMax === -Infinity) return { xMax: 10, yMin: 0, yMax: 1 };
  if (yMin === Infinity) yMin = 0;
  if (yMax - yMin < 1e-9) return { xMax: 10, yMin: yMin - 1, yMax: yMax + 1 };
  return { xMax: 10, yMin, yMax };
}

export class RunCharts {
  private readonly ret = new LineChart('Return over the steps of this episode', 'step');
  private readonly entropy = new LineChart('Posterior entropy (bits) over the steps of this episode', 'step');
  private readonly deaths = new LineChart('Deaths over the episodes of the run', 'episode');
  private readonly legend = h('div', { class: 'chart-legend', id: 'chart-legend' });

  constructor(host: HTMLElement) {
    const figure = (chart: LineChart, caption: string) =>
      h('figure', {}, h('figcaption', { text: caption }), chart.element);
    host.append(
      this.legend,
      figure(this.ret, 'Return over steps'),
      figure(this.entropy, 'Posterior entropy (bits) over steps'),
      figure(this.deaths, 'Deaths over episodes (cumulative)'),
    );
  }

  /** One colour chip per agent (rebuilt only when the agents change). */
  updateLegend(agents: readonly string[]): void {
    const key = agents.join(',');
    if (this.legend.dataset.key === key) return;
    this.legend.dataset.key = key;
    this.legend.replaceChildren(
      ...agents.map((agent, i) => h('span', {}, h('i', { style: { background: agentColour(i) } }), agent)),
    );
  }

  update(cursor: Cursor, config: RunConfig, stores: readonly (RunStore | null)[]): void {
    const e = cursor.episode;
    const ret: Series[] = [];
    const ent: Series[] = [];
    const deaths: Series[] = [];
    stores.forEach((store, i) => {
      const colour = agentColour(i);
      const label = config.panes[i]?.agent ?? '';
      if (!store) return;
      const m = store.episodes[e];
      if (m) {
        const frame = store.frameAt(e, cursor.step);
        const len = frame >= 0 ? frame - m.start + 1 : 0;
        ret.push({ colour, label, values: store.frames.ret.subarray(m.start, m.start + len), length: len });
        ent.push({
          colour,
          label,
          values: store.frames.entropy.subarray(m.start, m.start + len),
          length: len,
        });
      }
      const d: number[] = [0];
      for (let k = 0; k <= e && k < store.episodes.length; k++) {
        const end = store.episodes[k]?.end;
        if (!end) break;
        d.push(end.deaths);
      }
      deaths.push({ colour, label, values: d, length: d.length });
    });
    const xMax = Math.max(10, cursor.step);
    const extRet = { ...extent(ret), xMax };
    this.ret.update(ret, cursor.step, extRet);
    const extEnt = { ...extent(ent, 0), xMax };
    this.entropy.update(ent, cursor.step, extEnt);
    const dMax = Math.max(1, ...deaths.map((d) => d.values[d.length - 1] as number));
    this.deaths.update(deaths, e + 1, { xMax: Math.max(1, config.episodes), yMin: 0, yMax: dMax });
  }
}
