/**
 * The stream of the feed of drivers' new positions (location events), which every realtime
 * gateway reads whole: at a ping's rate, beside the broker's log rather than through it. With
 * Redis, the location store appends to it in the same step that records the fix.
 */
export const POSITIONS = {
  stream: 'positions',
  // A minute of a city's pings: a gateway cut off that long catches up on every position.
  maxLength: 120_000,
} as const
