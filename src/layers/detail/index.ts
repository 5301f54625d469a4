/**
 * Detail by zoom ("semantic zoom"): which parts of the thematic layers are drawn at a zoom. Zoomed
 * out over a whole large district, premise footprints are specks under their own symbols, grid
 * labels pile on one another and symbol outlines merge into a dark smear; drawing them only costs
 * time (on a CPU renderer, seconds per frame for 100,000 premises). They appear as the map zooms in
 * to where they can be told apart. Every symbol, line and alarm stays on the map at every zoom.
 *
 * The zooms are the map's (MapLibre) zoom levels; 1 px at zoom z covers about
 * 156,543 · cos(latitude) / 2^z metres (about 8 m at zoom 14 at 30°N).
 */

export interface DetailRules {
  /** Premise footprints from this zoom (a 30 m building is about 4 px at zoom 14 at 30°N). Default `14`. */
  footprintsFromZoom: number;
  /** Grid cell labels from this zoom (a 300 m cell is about 19 px wide at zoom 13 at 30°N). Default `13`. */
  gridLabelsFromZoom: number;
  /** The dark outlines round premise symbols from this zoom (below it symbols overlap). Default `12`. */
  symbolOutlinesFromZoom: number;
}

export const DEFAULT_DETAIL_RULES: Readonly<DetailRules> = {
  footprintsFromZoom: 14,
  gridLabelsFromZoom: 13,
  symbolOutlinesFromZoom: 12,
};

/** What is drawn at a zoom. */
export interface Detail {
  footprints: boolean;
  gridLabels: boolean;
  symbolOutlines: boolean;
}

/** Everything: the detail when the zoom is not known yet. */
export const FULL_DETAIL: Readonly<Detail> = { footprints: true, gridLabels: true, symbolOutlines: true };

/**
 * What the layers draw at `zoom`; everything when the zoom is not known (null).
 * @example detailAt(11.1) // { footprints: false, gridLabels: false, symbolOutlines: false }
 * @example detailAt(14.5) // { footprints: true, gridLabels: true, symbolOutlines: true }
 */
export function detailAt(zoom: number | null, rules: Partial<DetailRules> = {}): Detail {
  if (zoom === null || !Number.isFinite(zoom)) return FULL_DETAIL;
  const r = { ...DEFAULT_DETAIL_RULES, ...rules };
  return {
    footprints: zoom >= r.footprintsFromZoom,
    gridLabels: zoom >= r.gridLabelsFromZoom,
    symbolOutlines: zoom >= r.symbolOutlinesFromZoom,
  };
}

/** Whether two details draw the same: keep the old object then, so memos change only when a threshold is crossed. */
export function sameDetail(a: Detail, b: Detail): boolean {
  return a.footprints === b.footprints && a.gridLabels === b.gridLabels && a.symbolOutlines === b.symbolOutlines;
}
