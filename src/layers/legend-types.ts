/**
 * What a thematic layer tells the legend. Layers describe their symbols with references to labels
 * (a contract enum value or a message key) and never hold text, so the legend translates them in the
 * current language and layers stay free of UI code.
 */
import type { EnumName } from '../sources/contract/index.ts';
import type { Rgb } from './palette.ts';

/** A label that the UI resolves: an enum value of the data contract, or a UI message key. */
export type LabelRef = { readonly enum: EnumName; readonly value: string } | { readonly key: string };

/**
 * How a swatch is drawn: a dot for point symbols, a square for areas, a bar for lines; the other
 * shapes mirror point symbols drawn as shapes (premises by category group), and `ring` is a dot in
 * a ring (a ringed symbol, e.g. a key unit).
 */
export type SwatchShape = 'circle' | 'square' | 'line' | 'triangle' | 'diamond' | 'hexagon' | 'house' | 'cross' | 'ring';

export interface LegendItem {
  /** Stable within the entry (the enum value or group id): used as a key and a test hook. */
  readonly id: string;
  readonly label: LabelRef;
  readonly fill: Rgb;
  readonly stroke?: Rgb;
  readonly shape: SwatchShape;
}

/** One layer's block in the legend. */
export interface LegendEntry {
  /** The deck layer id the entry belongs to (the legend's visibility toggle acts on it). */
  readonly layerId: string;
  readonly title: LabelRef;
  readonly items: readonly LegendItem[];
}
