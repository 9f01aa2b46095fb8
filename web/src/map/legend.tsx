/** One line of a map's legend: a swatch drawn like the marker (its `pin` classes) or a line. */
export interface LegendEntry {
  label: string
  /** The classes of the marker it explains, e.g. `pin-driver busy`. */
  pin?: string
  /** A line instead of a marker: `dashed`, solid, or a driver's `route`. */
  line?: 'dashed' | 'solid' | 'route'
}

// On a phone the map is small: the legend starts folded there and opens on a tap.
const NARROW = '(max-width: 560px)'

/** What the markers on a map stand for, folded into a corner of the map. */
export function MapLegend({ entries }: { entries: LegendEntry[] }) {
  return (
    <details class="map-legend" open={!matchMedia(NARROW).matches}>
      <summary>Legend</summary>
      <ul>
        {entries.map(({ label, pin, line }) => (
          <li key={label}>
            {pin ? (
              <span class={`pin ${pin}`} aria-hidden="true">
                <span class="pin-shape" />
              </span>
            ) : (
              <span class={`legend-line ${line ?? 'solid'}`} aria-hidden="true" />
            )}
            {label}
          </li>
        ))}
      </ul>
    </details>
  )
}
