import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createAppState } from './state.ts';

describe('createAppState', () => {
  it('starts with every layer visible and the map loading', () => {
    const s = createAppState();
    expect(s.isLayerVisible('hydrants')).toBe(true);
    expect(s.hiddenLayers.value).toEqual([]);
    expect(s.mapStatus.value).toBe('loading');
    expect(s.firstReadyMs.value).toBeNull();
  });

  it('gives each call its own state', () => {
    const a = createAppState();
    const b = createAppState();
    a.setLayerVisible('hydrants', false);
    expect(b.isLayerVisible('hydrants')).toBe(true);
  });

  it('toggles layers and lists the hidden ones, sorted', () => {
    const s = createAppState();
    s.toggleLayer('premises');
    s.toggleLayer('hydrants');
    expect(s.hiddenLayers.value).toEqual(['hydrants', 'premises']);
    s.toggleLayer('premises');
    expect(s.isLayerVisible('premises')).toBe(true);
    expect(s.hiddenLayers.value).toEqual(['hydrants']);
  });

  it('takes initial visibility', () => {
    expect(createAppState({ layerVisibility: { hydrants: false } }).isLayerVisible('hydrants')).toBe(false);
  });

  it('does not notify when visibility does not change', () => {
    const s = createAppState();
    let runs = 0;
    const stop = effect(() => {
      void s.layerVisibility.value;
      runs += 1;
    });
    s.setLayerVisible('hydrants', true);
    expect(runs).toBe(1);
    s.setLayerVisible('hydrants', false);
    expect(runs).toBe(2);
    stop();
  });

  it('keeps the first ready time and lets an error win', () => {
    const s = createAppState();
    s.markMapReady(1234.4);
    s.markMapReady(9999);
    expect(s.mapStatus.value).toBe('ready');
    expect(s.firstReadyMs.value).toBe(1234);
    s.markMapError('no WebGL');
    s.markMapReady(5);
    expect(s.mapStatus.value).toBe('error');
    expect(s.mapError.value).toBe('no WebGL');
  });
});
