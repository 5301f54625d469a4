/**
 * Point symbols of premises: one shape per category group, and the icon atlas that holds them.
 *
 * deck's IconLayer in mask mode paints every opaque pixel of an icon in the instance colour, so an
 * outline cannot be baked into the same icon in another colour. Each shape therefore has two atlas
 * entries drawn at the same scale: the shape itself (painted in the risk colour) and the shape grown
 * by the outline width (painted dark, one layer below). Key units get a second pair whose outline
 * entry also carries a ring round the shape.
 *
 * Everything here is plain data and arithmetic; the only canvas work is in {@link SymbolAtlas.draw},
 * which takes any 2D context (atlas-canvas.ts supplies the real one in the browser).
 */
import { PREMISE_GROUP_ORDER, type PremiseGroup } from './groups.ts';

/** The shapes of the symbol set. */
export const SYMBOL_SHAPES = ['cross', 'triangle', 'diamond', 'square', 'hexagon', 'house', 'circle'] as const;
export type SymbolShape = (typeof SYMBOL_SHAPES)[number];

/**
 * The shape of each group, chosen to be read without a legend where possible: a cross for places
 * of people who need help (schools, hospitals, elderly care), the warning triangle for hazardous
 * materials, a house for housing, a plain dot for "other".
 */
export const PREMISE_GROUP_SHAPES: Readonly<Record<PremiseGroup, SymbolShape>> = {
  people_at_risk: 'cross',
  hazmat: 'triangle',
  mixed_use: 'diamond',
  industrial: 'square',
  crowded: 'hexagon',
  residential: 'house',
  other: 'circle',
};

type Vertex = readonly [number, number];

/**
 * Outlines in a unit box ([-1, 1] both ways, y down), scaled so the shapes look about equally heavy:
 * a full-box square would outweigh a triangle. `null` is a circle (see {@link CIRCLE_RADIUS}).
 */
export const SHAPE_OUTLINES: Readonly<Record<SymbolShape, readonly Vertex[] | null>> = {
  circle: null,
  square: [[-0.84, -0.84], [0.84, -0.84], [0.84, 0.84], [-0.84, 0.84]],
  diamond: [[0, -1], [1, 0], [0, 1], [-1, 0]],
  triangle: [[0, -1], [1, 0.8], [-1, 0.8]],
  hexagon: [0, 1, 2, 3, 4, 5].map((k) => {
    const a = (Math.PI / 3) * k - Math.PI / 2;
    return [Math.cos(a), Math.sin(a)] as const;
  }),
  house: [[0, -1], [0.9, -0.2], [0.9, 0.9], [-0.9, 0.9], [-0.9, -0.2]],
  cross: [
    [-0.34, -0.95], [0.34, -0.95], [0.34, -0.34], [0.95, -0.34], [0.95, 0.34], [0.34, 0.34],
    [0.34, 0.95], [-0.34, 0.95], [-0.34, 0.34], [-0.95, 0.34], [-0.95, -0.34], [-0.34, -0.34],
  ],
};

/** Radius of the circle shape in the unit box. */
export const CIRCLE_RADIUS = 0.92;

/** Farthest point of a shape from its centre, in unit-box units (where a key unit's ring must clear). */
export function shapeCircumradius(shape: SymbolShape): number {
  const outline = SHAPE_OUTLINES[shape];
  return outline ? Math.max(...outline.map(([x, y]) => Math.hypot(x, y))) : CIRCLE_RADIUS;
}

/** Which of the four entries of a group. */
export type SymbolPart = 'fill' | 'outline';

/** The atlas entry name of a group's symbol. */
export function symbolIconName(group: PremiseGroup, keyUnit: boolean, part: SymbolPart): string {
  return `${group}${keyUnit ? '.key' : ''}${part === 'outline' ? '.outline' : ''}`;
}

/** Proportions of the drawn symbols, relative to the half-size `r` of a shape's unit box. */
export interface SymbolAtlasOptions {
  /** Side of one atlas cell in pixels; big enough to stay sharp on high-density screens. Default `64`. */
  readonly cellSize: number;
  /** Transparent margin inside each cell, so linear filtering does not bleed into neighbours. Default `1`. */
  readonly padding: number;
  /** Outline width as a fraction of `r`. Default `0.2`. */
  readonly outlineRatio: number;
  /** Gap between a key unit's outlined shape and its ring, as a fraction of `r`. Default `0.14`. */
  readonly ringGapRatio: number;
  /** Width of a key unit's ring, as a fraction of `r`. Default `0.26`. */
  readonly ringWidthRatio: number;
}

export const DEFAULT_SYMBOL_ATLAS_OPTIONS: SymbolAtlasOptions = {
  cellSize: 64,
  padding: 1,
  outlineRatio: 0.2,
  ringGapRatio: 0.14,
  ringWidthRatio: 0.26,
};

/** One icon of the atlas, with what the layer needs to size it. */
export interface SymbolAtlasEntry {
  readonly group: PremiseGroup;
  readonly shape: SymbolShape;
  readonly keyUnit: boolean;
  readonly part: SymbolPart;
  /** Cell position and size in atlas pixels. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Half-size of the shape's unit box in atlas pixels. */
  readonly r: number;
  /**
   * The shape's unit box (2r) as a fraction of the cell: a shape meant to be `s` pixels wide is
   * drawn with an icon size of `s / shapeFraction`.
   */
  readonly shapeFraction: number;
  /** Centre radius of the ring (key units' outline entries only). */
  readonly ringRadius?: number;
}

/** What deck's IconLayer takes as `iconMapping` for one icon. */
export interface IconMappingEntry {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly anchorX: number;
  readonly anchorY: number;
  readonly mask: true;
}

/** The 2D-context calls the atlas drawing uses (a CanvasRenderingContext2D or its offscreen twin). */
export interface AtlasContext {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  lineJoin: CanvasLineJoin;
  clearRect(x: number, y: number, w: number, h: number): void;
  save(): void;
  restore(): void;
  translate(x: number, y: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  arc(x: number, y: number, radius: number, start: number, end: number): void;
  fill(): void;
  stroke(): void;
}

/** The atlas: its size, entries by name, deck's mapping, and how to paint it. */
export interface SymbolAtlas {
  readonly width: number;
  readonly height: number;
  readonly options: SymbolAtlasOptions;
  readonly entries: Readonly<Record<string, SymbolAtlasEntry>>;
  readonly mapping: Readonly<Record<string, IconMappingEntry>>;
  /** Paints every entry in white on transparent (a mask: only alpha counts). */
  draw(ctx: AtlasContext): void;
}

const VARIANTS = [
  { keyUnit: false, part: 'fill' },
  { keyUnit: false, part: 'outline' },
  { keyUnit: true, part: 'fill' },
  { keyUnit: true, part: 'outline' },
] as const;

/**
 * Lays out the atlas: one row per group (in urgency order), four cells per row (plain fill, plain
 * outline, key fill, key outline). Plain shapes share one `r`, so all groups look the same size; a
 * key unit's shape is smaller inside its cell, leaving room for a ring that clears its corners.
 */
export function buildSymbolAtlas(options: Partial<SymbolAtlasOptions> = {}): SymbolAtlas {
  const o: SymbolAtlasOptions = { ...DEFAULT_SYMBOL_ATLAS_OPTIONS, ...options };
  const half = o.cellSize / 2 - o.padding;
  const plainR = half / (1 + o.outlineRatio);
  const entries: Record<string, SymbolAtlasEntry> = {};
  const mapping: Record<string, IconMappingEntry> = {};
  PREMISE_GROUP_ORDER.forEach((group, row) => {
    const shape = PREMISE_GROUP_SHAPES[group];
    const keyR = half / (shapeCircumradius(shape) + o.outlineRatio + o.ringGapRatio + o.ringWidthRatio);
    VARIANTS.forEach(({ keyUnit, part }, column) => {
      const r = keyUnit ? keyR : plainR;
      const name = symbolIconName(group, keyUnit, part);
      const cell = { x: column * o.cellSize, y: row * o.cellSize, width: o.cellSize, height: o.cellSize };
      const ringRadius = keyUnit && part === 'outline' ? half - (o.ringWidthRatio * r) / 2 : undefined;
      entries[name] = { group, shape, keyUnit, part, ...cell, r, shapeFraction: (2 * r) / o.cellSize, ...(ringRadius ? { ringRadius } : {}) };
      mapping[name] = { ...cell, anchorX: o.cellSize / 2, anchorY: o.cellSize / 2, mask: true };
    });
  });
  const width = VARIANTS.length * o.cellSize;
  const height = PREMISE_GROUP_ORDER.length * o.cellSize;
  return { width, height, options: o, entries, mapping, draw: (ctx) => drawAtlas(ctx, width, height, o, Object.values(entries)) };
}

function traceShape(ctx: AtlasContext, shape: SymbolShape, r: number): void {
  ctx.beginPath();
  const outline = SHAPE_OUTLINES[shape];
  if (!outline) {
    ctx.arc(0, 0, CIRCLE_RADIUS * r, 0, 2 * Math.PI);
  } else {
    outline.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x * r, y * r) : ctx.lineTo(x * r, y * r)));
  }
  ctx.closePath();
}

function drawAtlas(ctx: AtlasContext, width: number, height: number, o: SymbolAtlasOptions, entries: readonly SymbolAtlasEntry[]): void {
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#fff';
  ctx.strokeStyle = '#fff';
  ctx.lineJoin = 'round';
  for (const e of entries) {
    ctx.save();
    ctx.translate(e.x + e.width / 2, e.y + e.height / 2);
    traceShape(ctx, e.shape, e.r);
    ctx.fill();
    if (e.part === 'outline') {
      // Stroking centred on the edge grows the shape by half the line width on every side.
      ctx.lineWidth = 2 * o.outlineRatio * e.r;
      ctx.stroke();
      if (e.ringRadius) {
        ctx.beginPath();
        ctx.arc(0, 0, e.ringRadius, 0, 2 * Math.PI);
        ctx.lineWidth = o.ringWidthRatio * e.r;
        ctx.stroke();
      }
    }
    ctx.restore();
  }
}

/** The atlas with default options (what the premises layer uses). */
export const SYMBOL_ATLAS: SymbolAtlas = buildSymbolAtlas();
