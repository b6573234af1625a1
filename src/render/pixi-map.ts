/**
 * The map's base layer: the terrain (painted once per world and size) with the per-cell overlays
 * (cell-overlay.ts: heatmap and trail, one texel per cell) drawn over it by one shader in one pass. A
 * sprite per layer meant a full-canvas pass each, which software WebGL pays for in fill rate; one quad
 * keeps a frame at one full-canvas pass whatever overlays are on. Only the overlay texture is re-uploaded
 * when the belief or the trail changes (64 KB on a 128×128 map).
 */
import { BufferImageSource, Mesh, MeshGeometry, Shader, Texture } from 'pixi.js';

const VERTEX = `
  attribute vec2 aPosition;
  attribute vec2 aUV;
  uniform mat3 uProjectionMatrix;
  uniform mat3 uWorldTransformMatrix;
  uniform mat3 uTransformMatrix;
  varying vec2 vUV;
  void main() {
    mat3 mvp = uProjectionMatrix * uWorldTransformMatrix * uTransformMatrix;
    gl_Position = vec4((mvp * vec3(aPosition, 1.0)).xy, 0.0, 1.0);
    vUV = aUV;
  }
`;

/** Premultiplied overlay over the opaque terrain: out = overlay + terrain × (1 − overlay alpha). */
const FRAGMENT = `
  precision highp float;
  varying vec2 vUV;
  uniform sampler2D uTerrain;
  uniform sampler2D uCells;
  void main() {
    vec4 cell = texture2D(uCells, vUV);
    gl_FragColor = cell + texture2D(uTerrain, vUV) * (1.0 - cell.a);
  }
`;

export class MapLayer {
  private mesh: Mesh<MeshGeometry, Shader> | null = null;
  private geometry: MeshGeometry | null = null;
  private shader: Shader | null = null;
  private terrain: Texture | null = null;
  private cells: BufferImageSource | null = null;

  /**
   * A new map: `terrain` is the painted terrain (any resolution), `pixels` the overlay image (a texel per
   * cell, premultiplied RGBA, kept and re-read on `upload`), drawn `width × height` CSS pixels.
   */
  setWorld(
    terrain: HTMLCanvasElement,
    pixels: Uint8Array,
    cells: { width: number; height: number },
    size: { width: number; height: number },
  ): Mesh<MeshGeometry, Shader> {
    this.destroy();
    this.terrain = Texture.from(terrain);
    this.cells = new BufferImageSource({
      resource: pixels,
      width: cells.width,
      height: cells.height,
      scaleMode: 'nearest',
      alphaMode: 'premultiplied-alpha',
    });
    const { width: w, height: h } = size;
    this.geometry = new MeshGeometry({
      positions: new Float32Array([0, 0, w, 0, w, h, 0, h]),
      uvs: new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]),
      indices: new Uint32Array([0, 1, 2, 0, 2, 3]),
    });
    this.shader = Shader.from({
      gl: { vertex: VERTEX, fragment: FRAGMENT, name: 'trapworld-map' },
      resources: { uTerrain: this.terrain.source, uCells: this.cells },
    });
    this.mesh = new Mesh({ geometry: this.geometry, shader: this.shader });
    return this.mesh;
  }

  /** Re-reads the terrain canvas (call after cells were repainted on it). */
  refreshTerrain(): void {
    this.terrain?.source.update();
  }

  /** Re-reads the overlay pixels (call after they changed). */
  upload(): void {
    this.cells?.update();
  }

  destroy(): void {
    // The mesh forgets its geometry and shader when destroyed, so they are kept here to free them.
    this.mesh?.destroy();
    this.geometry?.destroy();
    this.shader?.destroy();
    this.terrain?.destroy(true);
    this.cells?.destroy();
    this.mesh = null;
    this.geometry = null;
    this.shader = null;
    this.terrain = null;
    this.cells = null;
  }
}
