import { LATE_WEIGHT, type StopProblem } from './stop-order'

/** A partial route: where it ends, when, how late so far, and the stops it took. */
interface Label {
  time: number
  late: number
  order: number[]
}

// 2^14 subsets × 14 last stops × their labels: seconds, not a request's milliseconds.
const MAX_STOPS = 14

/**
 * The optimal order by dynamic programming over subsets (Held–Karp), a stop joining only
 * after the one it must follow. With windows, the cheapest partial route to a subset and
 * last stop is not enough (an earlier arrival that was late once may still beat it), so
 * each state keeps every label no other is at least as early and as little late as: the
 * yardstick for `orderStops` on small cases, exponential beyond them.
 *
 * @example
 * routeCost(problem, exactStopOrder(problem)) // ≤ routeCost(problem, orderStops(problem))
 */
export function exactStopOrder(problem: StopProblem): number[] {
  const { stops, travelS, serviceS } = problem
  const n = stops.length
  if (n > MAX_STOPS) throw new RangeError(`at most ${MAX_STOPS} stops, not ${n}`)
  if (n === 0) return []
  const fronts = new Map<number, Label[]>()
  const extend = (from: Label, place: number, stop: number): Label => {
    let time = from.time + travelS[place]![stop + 1]!
    let late = from.late
    const window = stops[stop]!.window
    if (window) {
      if (time < window.from) time = window.from
      else if (time > window.to) late += time - window.to
    }
    return { time: time + serviceS, late, order: [...from.order, stop] }
  }
  const ready = (mask: number, stop: number) => {
    const after = stops[stop]!.after
    return !(mask & (1 << stop)) && (after === undefined || (mask & (1 << after)) !== 0)
  }
  const origin: Label = { time: 0, late: 0, order: [] }
  for (let stop = 0; stop < n; stop++) {
    if (ready(0, stop)) keep(fronts, (1 << stop) * n + stop, extend(origin, 0, stop))
  }
  const full = (1 << n) - 1
  // Every step adds a stop, so a larger subset is always reached from smaller ones.
  for (let mask = 1; mask < full; mask++) {
    for (let last = 0; last < n; last++) {
      const front = fronts.get(mask * n + last)
      if (!front) continue
      for (let stop = 0; stop < n; stop++) {
        if (!ready(mask, stop)) continue
        const next = mask | (1 << stop)
        for (const label of front) keep(fronts, next * n + stop, extend(label, last + 1, stop))
      }
    }
  }
  let best: Label | undefined
  const score = (label: Label) => label.time + LATE_WEIGHT * label.late
  for (let last = 0; last < n; last++) {
    for (const label of fronts.get(full * n + last) ?? []) {
      if (!best || score(label) < score(best)) best = label
    }
  }
  return best!.order
}

/** Adds `label` to its state's front unless one there is no later and no more late. */
function keep(fronts: Map<number, Label[]>, state: number, label: Label) {
  const front = fronts.get(state) ?? []
  if (front.some((kept) => kept.time <= label.time && kept.late <= label.late)) return
  fronts.set(state, [
    ...front.filter((kept) => kept.time < label.time || kept.late < label.late),
    label,
  ])
}
