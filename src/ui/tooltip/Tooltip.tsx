/**
 * The hover tooltip of the map: a title and a two-column list, as text only (Preact escapes it), in a
 * box that follows the pointer and flips to stay inside the map. It never takes the pointer, so the
 * map keeps receiving hover events under it.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { tooltipPosition, type Size, type TooltipContent } from './tooltip-content.ts';
import './tooltip.css';

export interface TooltipProps {
  /** What to say; null hides the tooltip. */
  content: TooltipContent | null;
  /** Pointer position in pixels, relative to the container (deck's `info.x` / `info.y`). */
  x: number;
  y: number;
  /** Size of the container the box must stay inside (the map area). */
  containerSize: Size;
}

/** The tooltip box. Place it inside the positioned map container. */
export function Tooltip({ content, x, y, containerSize }: TooltipProps) {
  const ref = useRef<HTMLDivElement>(null);
  // The box's size is known only after it is laid out: measured after each render, before paint,
  // and the box is placed again when its size changed (hidden until the first measurement).
  const [box, setBox] = useState<Size | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measured = { width: el.offsetWidth, height: el.offsetHeight };
    if (!box || box.width !== measured.width || box.height !== measured.height) setBox(measured);
  });
  if (!content) return null;
  const { left, top } = tooltipPosition(x, y, containerSize, box ?? { width: 0, height: 0 });
  return (
    <div
      ref={ref}
      class="map-tooltip"
      role="tooltip"
      data-testid="map-tooltip"
      style={{ left: `${left}px`, top: `${top}px`, visibility: box ? 'visible' : 'hidden' }}
    >
      <div class="map-tooltip__title">{content.title}</div>
      {content.lines.length > 0 && (
        <dl class="map-tooltip__lines">
          {content.lines.map((l, i) => (
            <div class="map-tooltip__line" key={i}>
              <dt class="map-tooltip__label">{l.label}</dt>
              <dd class="map-tooltip__value">{l.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
