import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Collections } from './filters.ts';
import { createSearchIndex, normaliseSearchText, searchIndex, type SearchHit } from './search.ts';

const collection = <P>(features: Feature<Geometry, P>[]) => ({ type: 'FeatureCollection', features }) as FeatureCollection<never, never>;
const point = (lon = 118.58, lat = 24.8): Geometry => ({ type: 'Point', coordinates: [lon, lat] });
const premise = (id: string, name: string, address?: string, community?: string) =>
  ({ type: 'Feature', geometry: point(), properties: { id, name, address, community, categories: ['shop'] } }) as Feature<Geometry, object>;

// A tiny district: every expected order below can be checked by reading these lines.
const FIXTURE: Collections = {
  premises: collection([
    premise('P001', '发鑫陶瓷厂', '林柳街道锦和村泉永路1号', '锦和村'),
    premise('P0010', '锦和塑料厂', '林柳街道和南社区和南路2号', '和南社区'),
    premise('P0011', '老锦和饭店', '林柳街道和南社区和南路3号', '和南社区'),
    premise('P002', 'ＸＹＺ服装店', '林柳街道和南社区和南路5号', '和南社区'),
    premise('P003', 'ABC12 便利店', undefined, '锦和村'),
    premise('P004', '锦和超市', '林柳街道和南社区', '和南社区'),
  ]),
  hydrants: collection([
    { type: 'Feature', geometry: point(118.5682607, 24.7909128), properties: { id: 'XHS0001', status: 'in_service', road: '清后路', community: '锦和村' } },
  ]),
  stations: collection([
    { type: 'Feature', geometry: point(118.581, 24.802), properties: { id: 'ST01', kind: 'fire_station', name: '林柳消防救援站', address: '林柳街道福霞社区' } },
  ]),
  hazard_areas: collection([
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]] },
      properties: { id: 'QY01', name: '嘉阳城中村区域性火灾隐患', kind: 'urban_village', status: 'open', community: '嘉阳村' },
    },
  ]),
  fire_lanes: collection([
    { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [2, 0], [2, 2]] }, properties: { id: 'L0001', name: '和南工业区一路', status: 'clear' } },
    { type: 'Feature', geometry: { type: 'LineString', coordinates: [[1, 1], [1, 3]] }, properties: { id: 'L0002', status: 'clear' } },
  ]),
  grids: collection([
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[10, 10], [12, 10], [12, 11], [10, 11], [10, 10]]] },
      properties: { grid_id: 'W1-01', name: '阳青社区第一网格', community: '阳青社区' },
    },
  ]),
};

const index = createSearchIndex(FIXTURE);
const ids = (hits: SearchHit[]) => hits.map((h) => h.id);

describe('normaliseSearchText', () => {
  it('folds full-width forms, case and every kind of whitespace', () => {
    expect(normaliseSearchText('ＡＢＣ　１２ 号')).toBe('abc12号');
    expect(normaliseSearchText(' Xhs\t0001\n')).toBe('xhs0001');
  });
});

describe('createSearchIndex', () => {
  it('indexes the searchable kinds that are present, and tolerates absent ones', () => {
    expect(index.size).toBe(12);
    expect(createSearchIndex({}).size).toBe(0);
    expect(createSearchIndex({}).search('anything')).toEqual([]);
  });
});

describe('searchIndex ranking', () => {
  it('puts the exact id before id prefixes, then by shorter label and id', () => {
    // P001 exact; P0010 and P0011 are prefixes with equally long names, so by id.
    expect(ids(searchIndex(index, 'p001'))).toEqual(['P001', 'P0010', 'P0011']);
    expect(searchIndex(index, 'p001')[0]?.matchedField).toBe('id');
  });

  it('ranks name prefix > name substring > address > community, shorter labels first within a rank', () => {
    const hits = searchIndex(index, '锦和');
    expect(hits.map((h) => [h.id, h.matchedField])).toEqual([
      ['P004', 'name'], // 锦和超市: prefix, 4 characters
      ['P0010', 'name'], // 锦和塑料厂: prefix, 5 characters
      ['P0011', 'name'], // 老锦和饭店: substring
      ['P001', 'address'], // address 林柳街道锦和村…
      ['XHS0001', 'community'], // label is the id, 7 characters
      ['P003', 'community'], // ABC12 便利店: 9 characters
    ]);
  });

  it('matches ids inside, after everything else', () => {
    expect(ids(searchIndex(index, '0001'))).toEqual(['L0001', 'XHS0001']);
  });

  it('reports which field matched, with the contract names of each kind', () => {
    expect(searchIndex(index, 'w1-01')[0]).toMatchObject({ kind: 'grids', matchedField: 'grid_id' });
    expect(searchIndex(index, '清后')[0]).toMatchObject({ kind: 'hydrants', matchedField: 'road' });
    expect(searchIndex(index, '福霞')[0]).toMatchObject({ kind: 'stations', matchedField: 'address' });
  });
});

describe('searchIndex matching', () => {
  it('folds full-width and half-width forms both ways', () => {
    expect(ids(searchIndex(index, 'ａｂｃ１２'))).toEqual(['P003']);
    expect(ids(searchIndex(index, 'xyz'))).toEqual(['P002']);
  });

  it('ignores case and whitespace in the query and in the data', () => {
    expect(ids(searchIndex(index, 'abc12便利'))).toEqual(['P003']);
    expect(ids(searchIndex(index, '林柳 消防　救援'))).toEqual(['ST01']);
    expect(ids(searchIndex(index, 'Xhs 0001'))).toEqual(['XHS0001']);
  });

  it('finds nothing for an empty or blank query', () => {
    expect(searchIndex(index, '')).toEqual([]);
    expect(searchIndex(index, ' 　\t')).toEqual([]);
  });

  it('gives the same answer when asked twice (the scratch ranks are reset)', () => {
    const first = searchIndex(index, '和南');
    searchIndex(index, '锦和');
    expect(searchIndex(index, '和南')).toEqual(first);
  });
});

describe('searchIndex options', () => {
  it('returns at most `limit` hits, the best ones', () => {
    expect(ids(searchIndex(index, '锦和', { limit: 2 }))).toEqual(['P004', 'P0010']);
    expect(searchIndex(index, '锦和', { limit: 0 })).toEqual([]);
  });

  it('returns 12 hits by default', () => {
    const many = { premises: collection(Array.from({ length: 20 }, (_, i) => premise(`Q${i}`, `商店${i}`))) };
    expect(createSearchIndex(many).search('商店')).toHaveLength(12);
  });

  it('keeps only the requested kinds', () => {
    expect(ids(searchIndex(index, '锦和', { kinds: ['hydrants'] }))).toEqual(['XHS0001']);
    expect(ids(searchIndex(index, '和南', { kinds: ['fire_lanes', 'stations'] }))).toEqual(['L0001']);
  });
});

describe('hits', () => {
  it('carry label, sublabel and the point of a point feature', () => {
    expect(searchIndex(index, 'xhs0001')[0]).toEqual({
      kind: 'hydrants', id: 'XHS0001', label: 'XHS0001', sublabel: '清后路 · 锦和村',
      matchedField: 'id', position: [118.5682607, 24.7909128],
    });
    // The address already names the community, so it is not repeated.
    expect(searchIndex(index, 'p001')[0]?.sublabel).toBe('林柳街道锦和村泉永路1号');
  });

  it('give polygons their vertex centroid and bbox', () => {
    expect(searchIndex(index, 'qy01')[0]).toMatchObject({ position: [2, 1], bbox: [0, 0, 4, 2], sublabel: '嘉阳村' });
  });

  it('give lines their halfway point and bbox; an unnamed line is labelled by its id', () => {
    const lane = searchIndex(index, 'l0001')[0];
    expect(lane?.bbox).toEqual([0, 0, 2, 2]);
    expect(lane?.position[0]).toBeCloseTo(2, 6);
    expect(lane?.position[1]).toBeCloseTo(0, 2);
    const unnamed = searchIndex(index, 'l0002')[0];
    expect(unnamed).toMatchObject({ label: 'L0002', position: [1, 2], bbox: [1, 1, 1, 3] });
    expect(unnamed?.sublabel).toBeUndefined();
  });
});

describe('at 100× demo scale', () => {
  it('builds over 150k premises and still ranks correctly', () => {
    const n = 150_000;
    const features = Array.from({ length: n }, (_, i) => {
      const id = `P${String(i).padStart(6, '0')}`;
      return premise(id, `商户${i}号`, `林柳街道第${i % 40}社区某路${i}号`, `第${i % 40}社区`);
    });
    const big = createSearchIndex({ premises: collection(features) });
    expect(big.size).toBe(n);
    expect(ids(big.search('p123456'))).toEqual(['P123456']);
    expect(ids(big.search('P12345', { limit: 3 }))).toEqual(['P123450', 'P123451', 'P123452']);
    // Names hold the number too: name substring beats id substring, then the shorter name wins.
    expect(ids(big.search('12345', { limit: 3 }))).toEqual(['P012345', 'P112345', 'P123450']);
    // 商户149999号 is a name prefix; every address with 某路149999 has the same premise.
    expect(ids(big.search('商户149999'))).toEqual(['P149999']);
    expect(big.search('林柳街道')).toHaveLength(12);
  });
});
