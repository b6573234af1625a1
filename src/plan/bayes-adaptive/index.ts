/** Bayes-adaptive planning (see `planner.ts` for the overview): the public API. */
export { formatCount } from './counts.ts';
export { BayesAdaptivePlanner } from './planner.ts';
export {
  DEFAULT_HORIZON,
  DEFAULT_MAX_STATES,
  PlanningAborted,
  type BayesAdaptiveOptions,
  type PlanMode,
  type PlanState,
} from './types.ts';
