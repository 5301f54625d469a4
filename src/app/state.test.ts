import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createAppState } from './state.ts';

describe('createAppState', () => {
  it('starts with the default layers visible (rings and sensors off) and the map loading', () => {
    const s = createAppState();
    expect(s.isLayerVisible('hydrants')).toBe(true);
    expect(s.isLayerVisible('analysis-separation')).toBe(true);
    expect(s.hiddenLayers.value).toEqual(['hydrant-rings', 'sensors']);
    expect(s.visibleLayers.value).toEqual(['grids', 'hazard-areas', 'fire-lanes', 'premises', 'hydrants', 'stations', 'alarms']);
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
    expect(s.hiddenLayers.value).toEqual(['hydrant-rings', 'hydrants', 'premises', 'sensors']);
    s.toggleLayer('premises');
    expect(s.isLayerVisible('premises')).toBe(true);
    expect(s.hiddenLayers.value).toEqual(['hydrant-rings', 'hydrants', 'sensors']);
    s.toggleLayer('sensors');
    expect(s.isLayerVisible('sensors')).toBe(true);
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

  it('keeps opacity per layer, clamped, and shows exactly the layers of a link', () => {
    const s = createAppState();
    expect(s.opacityOf('premises')).toBe(1);
    s.setLayerOpacity('premises', 0.4);
    s.setLayerOpacity('grids', 3);
    expect(s.opacityOf('premises')).toBe(0.4);
    expect(s.opacityOf('grids')).toBe(1);
    s.showOnly(['sensors', 'premises']);
    expect(s.visibleLayers.value).toEqual(['premises', 'sensors']);
    expect(s.isLayerVisible('analysis-mixing')).toBe(true);
  });
});
