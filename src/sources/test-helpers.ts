/**
 * Small builders for loader tests (imported by *.test.ts only).
 */
import type { Kind } from './contract/kinds.ts';
import type { SourceSpec } from './manifest-types.ts';

export const spec = <K extends Kind>(kind: K, extra: Partial<SourceSpec> = {}): SourceSpec & { kind: K } =>
  ({ id: kind, kind, path: `${kind}.geojson`, crs: 'WGS84', ...extra }) as SourceSpec & { kind: K };

export const point = (properties: Record<string, unknown>, coordinates: unknown = [118.58, 24.8]) =>
  ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties });

export const collection = (...features: unknown[]): string => JSON.stringify({ type: 'FeatureCollection', features });
