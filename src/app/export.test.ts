import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOWNLOAD_URL_LIFETIME_MS, analysisExport, csvField, defaultCsvColumns, downloadText, toCsv, toGeoJsonText } from './export.ts';

const feature = (geometry: Geometry | null, properties: Record<string, unknown>): Feature<Geometry | null> => ({ type: 'Feature', geometry, properties });
const result: FeatureCollection<Geometry | null> = {
  type: 'FeatureCollection',
  features: [
    feature({ type: 'LineString', coordinates: [[118.5, 24.9], [118.5002, 24.9]] }, { a: 'B1', b: 'B2', gap_m: 4.5, major: true, stroke: '#D55E00' }),
    feature({ type: 'Point', coordinates: [-0.1, 51.5] }, { a: 'B3', name: '五金店, "老王"\n二楼', ids: ['P1', 'P2'], extra: { k: 1 } }),
    feature(null, { a: '=HYPERLINK("http://x")', gap_m: -3 }),
  ],
};
const bodyLines = (csv: string): string[] => csv.slice(1).split('\r\n');

describe('csvField', () => {
  it('quotes fields with quotes, commas or line breaks (RFC 4180), doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('turns text that a spreadsheet would run as a formula into text, but leaves numbers alone', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+86 123')).toBe("'+86 123");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(['=x', 'y'])).toBe("'=x;y");
  });
});

describe('toCsv', () => {
  it('starts with the BOM and ends every line with CRLF', () => {
    const csv = toCsv(result);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '').includes('\r')).toBe(false);
  });

  it('writes lon, lat of a representative point, then the properties without style keys', () => {
    expect(defaultCsvColumns(result as never).map((c) => c.key)).toEqual(['lon', 'lat', 'a', 'b', 'gap_m', 'major', 'name', 'ids', 'extra']);
    const [header, first, second, third] = bodyLines(toCsv(result));
    expect(header).toBe('lon,lat,a,b,gap_m,major,name,ids,extra');
    expect(first).toBe('118.5001,24.9,B1,B2,4.5,true,,,');
    // The name keeps its comma, quotes and line break inside one quoted field; arrays join with ';', objects are JSON.
    expect(second).toBe('-0.1,51.5,B3,,,,"五金店, ""老王""\n二楼",P1;P2,"{""k"":1}"');
    expect(third).toBe(`,,"'=HYPERLINK(""http://x"")",,-3,,,,`);
  });

  it('keeps a Chinese header intact through UTF-8, BOM first', () => {
    const csv = toCsv(result, [{ key: 'a', header: '建筑甲' }, { key: 'gap_m', header: '间距（米）' }]);
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(decoded.charCodeAt(0)).toBe(0xfeff);
    expect(bodyLines(decoded)[0]).toBe('建筑甲,间距（米）');
    expect(bodyLines(decoded)[1]).toBe('B1,4.5');
  });
});

describe('toGeoJsonText and analysisExport', () => {
  it('round-trips the collection and names files by analysis and Beijing date', () => {
    expect(JSON.parse(toGeoJsonText(result))).toEqual(result);
    const when = new Date('2026-11-29T17:00:00Z'); // already the 30th in Beijing
    const geojson = analysisExport('separation', result, 'geojson', when);
    expect(geojson.fileName).toBe('separation-2026-11-30.geojson');
    expect(geojson.mime).toBe('application/geo+json');
    expect(JSON.parse(geojson.text)).toMatchObject({ type: 'FeatureCollection', analysis: 'separation' });
    const csv = analysisExport('separation', result, 'csv', when);
    expect(csv).toMatchObject({ fileName: 'separation-2026-11-30.csv', mime: 'text/csv;charset=utf-8' });
    expect(csv.text.startsWith('\uFEFFlon,lat,')).toBe(true);
  });
});

describe('downloadText', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('clicks a temporary download link and revokes its URL afterwards', async () => {
    vi.useFakeTimers();
    const link = { href: '', download: '', rel: '', hidden: false, click: vi.fn(), remove: vi.fn() };
    const append = vi.fn();
    vi.stubGlobal('document', { createElement: vi.fn(() => link), body: { append } });
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test/1');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});

    downloadText('\uFEFF编号\r\n', 'x.csv', 'text/csv;charset=utf-8');
    const blob = create.mock.calls[0]?.[0] as Blob;
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect([...new Uint8Array(await blob.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(link).toMatchObject({ href: 'blob:test/1', download: 'x.csv', hidden: true });
    expect(append).toHaveBeenCalledWith(link);
    expect(link.click).toHaveBeenCalledOnce();
    expect(link.remove).toHaveBeenCalledOnce();
    expect(revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(DOWNLOAD_URL_LIFETIME_MS);
    expect(revoke).toHaveBeenCalledWith('blob:test/1');
  });
});
