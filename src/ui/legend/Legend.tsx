/**
 * The legend: one block per thematic layer, from the layers' own legend descriptors, with a toggle
 * that hides or shows the layer. Labels are resolved here, in the current language.
 */
import { enumText, hasMessage, t } from '../../i18n/index.ts';
import type { LabelRef, LegendEntry, LegendItem } from '../../layers/legend-types.ts';
import { cssColor } from '../../layers/palette.ts';
import './legend-shapes.css';

/** Shapes drawn with a clip-path: the outline is an outer box, the fill an inner one (see legend-shapes.css). */
const CLIPPED_SHAPES: ReadonlySet<LegendItem['shape']> = new Set(['triangle', 'diamond', 'hexagon', 'house', 'cross']);

/** Text of a label reference in the current language (the key itself if it is not a message). */
export function labelText(label: LabelRef): string {
  if ('enum' in label) return enumText(label.enum, label.value);
  return hasMessage(label.key) ? t(label.key) : label.key;
}

function Swatch({ item }: { item: LegendItem }) {
  if (CLIPPED_SHAPES.has(item.shape)) {
    return (
      <span class={`legend-swatch legend-swatch--shape legend-swatch--${item.shape}`} style={{ backgroundColor: cssColor(item.stroke ?? item.fill) }} aria-hidden="true">
        <span class="legend-swatch-fill" style={{ backgroundColor: cssColor(item.fill) }} />
      </span>
    );
  }
  const style = {
    backgroundColor: cssColor(item.fill),
    borderColor: item.stroke ? cssColor(item.stroke) : 'transparent',
  };
  return <span class={`legend-swatch legend-swatch--${item.shape}`} style={style} aria-hidden="true" />;
}

export interface LegendProps {
  entries: readonly LegendEntry[];
  isVisible: (layerId: string) => boolean;
  onToggle: (layerId: string) => void;
  /** With both, each entry gets an opacity slider (0–100 %). */
  opacityOf?: (layerId: string) => number;
  onOpacity?: (layerId: string, opacity: number) => void;
}

/** The legend panel. */
export function Legend({ entries, isVisible, onToggle, opacityOf, onOpacity }: LegendProps) {
  return (
    <section class="legend" data-testid="legend" aria-labelledby="legend-title">
      <h2 id="legend-title" class="panel-title">{t('legend.title')}</h2>
      {entries.map((entry) => {
        const title = labelText(entry.title);
        const visible = isVisible(entry.layerId);
        return (
          <div class={`legend-entry${visible ? '' : ' legend-entry--hidden'}`} key={entry.layerId} data-layer={entry.layerId}>
            <label class="legend-entry-title">
              <input
                type="checkbox"
                checked={visible}
                onChange={() => onToggle(entry.layerId)}
                aria-label={t(visible ? 'legend.hide' : 'legend.show', { layer: title })}
              />
              <span>{title}</span>
            </label>
            {opacityOf && onOpacity ? (
              <input
                type="range"
                class="legend-opacity"
                min={0}
                max={100}
                step={10}
                value={Math.round(opacityOf(entry.layerId) * 100)}
                disabled={!visible}
                aria-label={t('legend.opacity', { layer: title })}
                data-opacity={entry.layerId}
                onInput={(event) => onOpacity(entry.layerId, Number((event.currentTarget as HTMLInputElement).value) / 100)}
              />
            ) : null}
            <ul class="legend-items">
              {entry.items.map((item) => (
                <li key={item.id} data-item={item.id}>
                  <Swatch item={item} />
                  <span>{labelText(item.label)}</span>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
