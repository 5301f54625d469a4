/** Every part of the message table, by name: for the test that keeps parts from sharing a key. */
import { analysisMessages } from './analysis.ts';
import { cardMessages } from './card.ts';
import { exploreMessages } from './explore.ts';
import { layerMessages } from './layers.ts';
import { liveMessages } from './live.ts';
import { panelsMessages } from './panels.ts';
import { searchMessages } from './search.ts';
import { tooltipMessages } from './tooltip.ts';

export const MESSAGE_PARTS = {
  layers: layerMessages,
  card: cardMessages,
  search: searchMessages,
  panels: panelsMessages,
  live: liveMessages,
  tooltip: tooltipMessages,
  analysis: analysisMessages,
  explore: exploreMessages,
} as const;
