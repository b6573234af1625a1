/**
 * The settings column: world (built-in or a .json file), agents with their options (from the registry's
 * option specs), seed and episodes, the truth (drawn or fixed per unknown), overlays and the legend, one
 * module per section under sidebar/. Sections are rebuilt only when what they show changes, keeping focus
 * on the control being used.
 */
import type { AnalysisResult } from '../worker/session.ts';
import { AgentsSection } from './sidebar/agents-section.ts';
import { AnalysisSection } from './sidebar/analysis-section.ts';
import type { SidebarActions, SidebarContext } from './sidebar/context.ts';
import { LegendSection } from './sidebar/legend-section.ts';
import { OverlaysSection } from './sidebar/overlays-section.ts';
import { RunSection } from './sidebar/run-section.ts';
import { TruthSection } from './sidebar/truth-section.ts';
import { WorldSection } from './sidebar/world-section.ts';

export class Sidebar {
  private readonly world: WorldSection;
  private readonly agents: AgentsSection;
  private readonly run: RunSection;
  private readonly truth: TruthSection;
  private readonly overlays: OverlaysSection;
  private readonly legend = new LegendSection();
  private readonly analysis: AnalysisSection;
  /** What each rebuilt section last showed. */
  private last: Partial<Record<string, unknown>> = {};

  constructor(root: HTMLElement, actions: SidebarActions & { analyze(): Promise<AnalysisResult> }) {
    this.analysis = new AnalysisSection(() => actions.analyze());
    this.world = new WorldSection(actions);
    this.agents = new AgentsSection(actions);
    this.run = new RunSection(actions);
    this.truth = new TruthSection(actions);
    this.overlays = new OverlaysSection(actions);
    root.append(
      this.world.element,
      this.agents.element,
      this.run.element,
      this.truth.element,
      this.overlays.element,
      this.legend.element,
      this.analysis.element,
    );
  }

  private changed(name: string, ...values: unknown[]): boolean {
    const prev = this.last[name] as unknown[] | undefined;
    if (prev && prev.length === values.length && prev.every((v, i) => v === values[i])) return false;
    this.last[name] = values;
    return true;
  }

  update(ctx: SidebarContext): void {
    const { state, catalog, world } = ctx;
    const config = state.config;
    if (this.changed('world', catalog, config.world, world, ctx.loadErrors, ctx.fileWorlds.length))
      this.world.render(ctx);
    if (this.changed('agents', catalog, config.panes)) this.agents.render(ctx);
    this.run.update(config);
    if (this.changed('truth', world, config.truth)) this.truth.render(ctx);
    this.overlays.update(state.overlays);
    if (this.changed('legend', world)) this.legend.render(ctx);
    if (this.changed('analysis', world)) this.analysis.render(ctx);
  }
}
