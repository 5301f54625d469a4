import { describe, expect, it } from 'vitest';
import { PREMISE_GROUP_ORDER } from './groups.ts';
import {
  PREMISE_GROUP_SHAPES, SYMBOL_ATLAS, SYMBOL_SHAPES, buildSymbolAtlas, shapeCircumradius, symbolIconName, type AtlasContext,
} from './symbols.ts';

/** A 2D context that records where it draws, in atlas pixels (translations applied). */
class RecordingContext implements AtlasContext {
  fillStyle: unknown = '';
  strokeStyle: unknown = '';
  lineWidth = 1;
  lineJoin: CanvasLineJoin = 'miter';
  fills = 0;
  strokes = 0;
  /** Points reached by paths, each with the half line width a stroke would add (0 for fills). */
  readonly reach: { x: number; y: number; r: number }[] = [];
  private origin: [number, number] = [0, 0];
  private stack: [number, number][] = [];
  private path: { x: number; y: number; r: number }[] = [];
  clearRect(): void {}
  save(): void { this.stack.push(this.origin); }
  restore(): void { this.origin = this.stack.pop() ?? [0, 0]; }
  translate(x: number, y: number): void { this.origin = [this.origin[0] + x, this.origin[1] + y]; }
  beginPath(): void { this.path = []; }
  moveTo(x: number, y: number): void { this.path.push({ x: this.origin[0] + x, y: this.origin[1] + y, r: 0 }); }
  lineTo(x: number, y: number): void { this.moveTo(x, y); }
  closePath(): void {}
  arc(x: number, y: number, radius: number): void {
    // The circle's extreme points are enough to check that it stays in its cell.
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) this.moveTo(x + dx * radius, y + dy * radius);
  }
  fill(): void { this.fills++; this.reach.push(...this.path); }
  stroke(): void { this.strokes++; this.reach.push(...this.path.map((p) => ({ ...p, r: this.lineWidth / 2 }))); }
}

describe('shapes per group', () => {
  it('give every group its own shape, and every shape is used', () => {
    const shapes = PREMISE_GROUP_ORDER.map((g) => PREMISE_GROUP_SHAPES[g]);
    expect(new Set(shapes).size).toBe(PREMISE_GROUP_ORDER.length);
    expect([...shapes].sort()).toEqual([...SYMBOL_SHAPES].sort());
  });

  it('read as meant: cross for people at risk, warning triangle for hazmat, house for housing, dot for other', () => {
    expect(PREMISE_GROUP_SHAPES.people_at_risk).toBe('cross');
    expect(PREMISE_GROUP_SHAPES.hazmat).toBe('triangle');
    expect(PREMISE_GROUP_SHAPES.residential).toBe('house');
    expect(PREMISE_GROUP_SHAPES.other).toBe('circle');
  });
});

describe('the atlas mapping', () => {
  const atlas = SYMBOL_ATLAS;
  const names = Object.keys(atlas.mapping);

  it('has four masked icons per group, named by group, key unit and part', () => {
    expect(names).toHaveLength(4 * PREMISE_GROUP_ORDER.length);
    expect(symbolIconName('hazmat', false, 'fill')).toBe('hazmat');
    expect(symbolIconName('hazmat', true, 'outline')).toBe('hazmat.key.outline');
    for (const g of PREMISE_GROUP_ORDER) {
      for (const key of [false, true]) for (const part of ['fill', 'outline'] as const) expect(names).toContain(symbolIconName(g, key, part));
    }
    for (const m of Object.values(atlas.mapping)) {
      expect(m.mask).toBe(true);
      expect([m.anchorX, m.anchorY]).toEqual([m.width / 2, m.height / 2]);
    }
  });

  it('puts the cells inside the atlas without overlapping', () => {
    const cells = Object.values(atlas.mapping);
    for (const c of cells) {
      expect(c.x).toBeGreaterThanOrEqual(0);
      expect(c.y).toBeGreaterThanOrEqual(0);
      expect(c.x + c.width).toBeLessThanOrEqual(atlas.width);
      expect(c.y + c.height).toBeLessThanOrEqual(atlas.height);
    }
    expect(new Set(cells.map((c) => `${c.x},${c.y}`)).size).toBe(cells.length);
    expect([atlas.width, atlas.height]).toEqual([4 * 64, 7 * 64]);
  });

  it('draws fill and outline of a group at one scale, plain shapes all at the same scale, key shapes smaller', () => {
    const plainR = atlas.entries['other']?.r;
    for (const g of PREMISE_GROUP_ORDER) {
      const e = (key: boolean, part: 'fill' | 'outline') => atlas.entries[symbolIconName(g, key, part)];
      expect(e(false, 'fill')?.r).toBe(plainR);
      expect(e(false, 'outline')?.r).toBe(plainR);
      expect(e(true, 'outline')?.r).toBe(e(true, 'fill')?.r);
      expect(e(true, 'fill')?.shapeFraction).toBeLessThan(e(false, 'fill')?.shapeFraction ?? 0);
    }
    expect(atlas.entries['other']?.shapeFraction).toBeCloseTo(2 * 31 / 1.2 / 64, 6); // (32 − 1 padding) / (1 + outline)
  });

  it("leaves a gap between a key unit's outlined shape and its ring", () => {
    const o = atlas.options;
    for (const g of PREMISE_GROUP_ORDER) {
      const e = atlas.entries[symbolIconName(g, true, 'outline')];
      if (!e?.ringRadius) throw new Error(`no ring for ${g}`);
      const shapeReach = (shapeCircumradius(e.shape) + o.outlineRatio) * e.r;
      const ringInner = e.ringRadius - (o.ringWidthRatio * e.r) / 2;
      expect(ringInner - shapeReach).toBeCloseTo(o.ringGapRatio * e.r, 6);
      expect(e.ringRadius + (o.ringWidthRatio * e.r) / 2).toBeCloseTo(e.width / 2 - o.padding, 6);
    }
  });

  it('follows its options', () => {
    const big = buildSymbolAtlas({ cellSize: 128 });
    expect([big.width, big.height]).toEqual([512, 896]);
    expect(big.entries['other']?.shapeFraction).toBeCloseTo(2 * 63 / 1.2 / 128, 6);
  });
});

describe('the atlas drawing', () => {
  it('fills every entry once, strokes outlines (twice for ringed ones), and stays inside each cell', () => {
    const ctx = new RecordingContext();
    SYMBOL_ATLAS.draw(ctx);
    const n = PREMISE_GROUP_ORDER.length;
    expect(ctx.fills).toBe(4 * n);
    expect(ctx.strokes).toBe(3 * n);
    expect(ctx.lineJoin).toBe('round'); // so a stroke grows corners by the line width, not a miter
    const cells = Object.values(SYMBOL_ATLAS.mapping);
    for (const p of ctx.reach) {
      const cell = cells.find((c) => p.x >= c.x && p.x <= c.x + c.width && p.y >= c.y && p.y <= c.y + c.height);
      expect(cell, `${p.x},${p.y}`).toBeDefined();
      if (!cell) continue;
      const pad = SYMBOL_ATLAS.options.padding - 1e-9;
      expect(p.x - p.r).toBeGreaterThanOrEqual(cell.x + pad);
      expect(p.x + p.r).toBeLessThanOrEqual(cell.x + cell.width - pad);
      expect(p.y - p.r).toBeGreaterThanOrEqual(cell.y + pad);
      expect(p.y + p.r).toBeLessThanOrEqual(cell.y + cell.height - pad);
    }
  });
});
