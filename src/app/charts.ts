/**
 * Small inline-SVG charts: return and posterior entropy over the steps of the current episode, and
 * deaths over the episodes of the run, one line per pane in the pane's colour. Path building is pure
 * (tested); long series are reduced to at most ~2 points per pixel column (min and max), so a chart of
 * a thousand-step episode costs the same as one of fifty.
 */

export interface Series {
  colour: string;
  label: string;
  /** y values at x = 0, 1, 2, …; NaN leaves a gap. */
  values: ArrayLike<number>;
  /** Only the first `length` values are drawn (the rest may be filler capacity). */
  length: number;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export interface Extent {
  xMax: number;
  yMin: number;
  yMax: number;
}

export function extentOf(series: readonly Series[], xMin = 1): Extent {
  let xMax = xMin;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const s of series) {
    xMax = Math.max(xMax, s.length - 1);
    for (let i = 0; i < s.length; i++) {
      const v = s.values[i];
      if (!Number.isFinite(v)) continue;
      if (v < yMin) yMin = v;
      if (v > yMax) yMax = v;
    }
  }
  if (yMin === Infinity) return { xMax, yMin: 0, yMax: 1 };
  if (yMin === yMax) return { xMax, yMin: yMin - 1, yMax: yMax + 1 };
  return { xMax, yMin, yMax };
}

/** SVG path data for one series, reduced to min/max per pixel column. */
export function linePath(s: Series, box: ChartBox, ext: Extent): string {
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const sx = (x: number) => box.left + (ext.xMax > 0 ? (x / ext.xMax) * plotW : 0);
  const sy = (y: number) => box.top + plotH - ((y - ext.yMin) / (ext.yMax - ext.yMin)) * plotH;
  const parts: string[] = [];
  let pen = false;
  const columns = Math.max(1, Math.floor(plotW));
  const perColumn = s.length / columns;
  const emit = (x: number, y: number) => {
    parts.push(`${pen ? 'L' : 'M'}${sx(x).toFixed(1)} ${sy(y).toFixed(1)}`);
    pen = true;
  };
  if (perColumn <= 2) {
    for (let i = 0; i < s.length; i++) {
      const v = s.values[i];
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      emit(i, v);
    }
    return parts.join('');
  }
  for (let c = 0; c < columns; c++) {
    const lo = Math.floor(c * perColumn);
    const hi = Math.min(s.length, Math.floor((c + 1) * perColumn));
    let mn = Infinity;
    let mx = -Infinity;
    let iMin = lo;
    let iMax = lo;
    for (let i = lo; i < hi; i++) {
      const v = s.values[i];
      if (!Number.isFinite(v)) continue;
      if (v < mn) {
        mn = v;
        iMin = i;
      }
      if (v > mx) {
        mx = v;
        iMax = i;
      }
    }
    if (mn === Infinity) {
      pen = false;
      continue;
    }
    if (iMin <= iMax) {
      emit(iMin, mn);
      if (iMax !== iMin) emit(iMax, mx);
    } else {
      emit(iMax, mx);
      emit(iMin, mn);
    }
  }
  return parts.join('');
}

export function formatTick(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (Math.abs(v) >= 1000) return `${(v / 1000).toFixed(1)}k`;
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(Math.abs(v) < 10 ? 2 : 1);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A live chart: built once, its paths and labels updated in place. */
export class LineChart {
  readonly element: SVGSVGElement;
  private readonly paths: SVGPathElement[] = [];
  private readonly cursor: SVGLineElement;
  private readonly labels: Record<'yMin' | 'yMax' | 'xMax', SVGTextElement>;
  private readonly box: ChartBox;
  private last = '';

  constructor(
    title: string,
    readonly xLabel: string,
    box: Partial<ChartBox> = {},
  ) {
    this.box = { width: 300, height: 120, left: 34, bottom: 18, top: 8, right: 8, ...box };
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', `0 0 ${this.box.width} ${this.box.height}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', title);
    svg.classList.add('chart');
    const t = document.createElementNS(SVG_NS, 'title');
    t.textContent = title;
    svg.appendChild(t);
    const { left, top, width, height, bottom, right } = this.box;
    const frame = document.createElementNS(SVG_NS, 'path');
    frame.setAttribute('d', `M${left} ${top}V${height - bottom}H${width - right}`);
    frame.setAttribute('class', 'axis');
    svg.appendChild(frame);
    const text = (x: number, y: number, anchor: string) => {
      const el = document.createElementNS(SVG_NS, 'text');
      el.setAttribute('x', String(x));
      el.setAttribute('y', String(y));
      el.setAttribute('text-anchor', anchor);
      svg.appendChild(el);
      return el;
    };
    this.labels = {
      yMax: text(left - 4, top + 8, 'end'),
      yMin: text(left - 4, height - bottom, 'end'),
      xMax: text(width - right, height - 4, 'end'),
    };
    text(left, height - 4, 'start').textContent = xLabel;
    this.cursor = document.createElementNS(SVG_NS, 'line');
    this.cursor.setAttribute('class', 'cursor');
    this.cursor.setAttribute('y1', String(top));
    this.cursor.setAttribute('y2', String(height - bottom));
    svg.appendChild(this.cursor);
    this.element = svg;
  }

  update(series: readonly Series[], cursorX: number | null, ext: Extent = extentOf(series)): void {
    const key = `${series.map((s) => `${s.colour}:${s.length}`).join('|')}/${cursorX}/${ext.xMax}/${ext.yMin}/${ext.yMax}`;
    if (key === this.last) return;
    this.last = key;
    while (this.paths.length < series.length) {
      const p = document.createElementNS(SVG_NS, 'path');
      p.setAttribute('fill', 'none');
      p.setAttribute('stroke-width', '1.8');
      p.setAttribute('stroke-linejoin', 'round');
      this.element.insertBefore(p, this.cursor);
      this.paths.push(p);
    }
    this.paths.forEach((p, i) => {
      const s = series[i];
      if (!s) {
        p.setAttribute('d', '');
        return;
      }
      p.setAttribute('stroke', s.colour);
      p.setAttribute('d', linePath(s, this.box, ext));
    });
    this.labels.yMax.textContent = formatTick(ext.yMax);
    this.labels.yMin.textContent = formatTick(ext.yMin);
    this.labels.xMax.textContent = formatTick(ext.xMax);
    const plotW = this.box.width - this.box.left - this.box.right;
    if (cursorX === null) this.cursor.setAttribute('visibility', 'hidden');
    else {
      const x = this.box.left + (ext.xMax > 0 ? (Math.min(cursorX, ext.xMax) / ext.xMax) * plotW : 0);
      this.cursor.setAttribute('visibility', 'visible');
      this.cursor.setAttribute('x1', x.toFixed(1));
      this.cursor.setAttribute('x2', x.toFixed(1));
    }
  }
}
