/** What putting fixes in order needs of one: whose it is and when the device took it. */
export interface TimedFix {
  driverId: string
  recordedAt: Date
}

/**
 * Each driver's fixes, oldest first by device time, drivers in the order they first appear:
 * a batch sent after a dead zone, or pings crossing in flight, arrive in any order, and a
 * driver's position must be replayed in the order it was taken. Fixes taken at the same
 * moment keep the order they came in.
 *
 * @example
 * perDriverInTimeOrder(pings) // [[ana at 10:00, ana at 10:05], [bruno at 10:01]]
 */
export function perDriverInTimeOrder<T extends { fix: TimedFix }>(items: readonly T[]): T[][] {
  const perDriver = new Map<string, T[]>()
  for (const item of items) {
    const fixes = perDriver.get(item.fix.driverId)
    if (fixes) fixes.push(item)
    else perDriver.set(item.fix.driverId, [item])
  }
  // Array.prototype.sort is stable (ES2019): fixes taken at one moment keep their order.
  return [...perDriver.values()].map((fixes) =>
    fixes.sort((a, b) => a.fix.recordedAt.getTime() - b.fix.recordedAt.getTime()),
  )
}

/**
 * Whether `fix` becomes the driver's latest position, given the latest known: only a fix
 * taken later does, so pings arriving out of order never move a driver backwards. Equal
 * times keep the fix already there.
 */
export function movesForward(
  latest: { recordedAt: Date } | undefined,
  fix: { recordedAt: Date },
): boolean {
  return !latest || fix.recordedAt.getTime() > latest.recordedAt.getTime()
}
