/**
 * What the app hands the renderer each frame: the recorded frame to show, the belief in force at it and
 * which overlays are on. Keys change whenever their value does, so layers redraw only then.
 */
import type { FrameSource } from './scene.ts';

export interface ViewOverlays {
  heat: boolean;
  bars: boolean;
  plan: boolean;
  trail: boolean;
  noReturn: boolean;
  truth: boolean;
  /** Exact values and optimal actions of the episode's true world (`trapworld solve`). */
  values: boolean;
}

/** What `trapworld solve` says of an episode's true world, for the values overlay. */
export interface ViewAnalysis {
  /** Value per cell (NaN where there is none). */
  values: Float64Array;
  /** Per cell, bit k set when action k (ACTIONS order) is optimal. */
  policy: Uint16Array;
}

/** Another trajectory drawn on this map (a person's and an agent's runs side by side). */
export interface Ghost {
  cells: Int32Array;
  /** 0xRRGGBB. */
  colour: number;
}

export interface ViewFrame {
  frames: FrameSource;
  /** Global index of the episode's first frame and of the frame shown (-1: nothing computed yet). */
  start: number;
  frame: number;
  /** 0-1: how far the move into `frame` has progressed (1 when paused). */
  phase: number;
  episode: number;
  /** A key that changes whenever the run changes (a new session). */
  runKey: number;
  trap: { key: number; values: Float32Array } | null;
  posterior: { key: number; values: Float32Array } | null;
  plan: { key: number; cells: Int32Array } | null;
  /** Cells the agent's chosen experiment targets (poked or watched), from its decision view. */
  experiment: { key: number; cells: Int32Array } | null;
  analysis: ViewAnalysis | null;
  ghosts: readonly Ghost[];
  truth: Record<string, string> | null;
  kinds: Uint8Array | null;
  episodes: readonly { start: number; count: number; end: { outcome: string } | null }[];
}
