import { percentile } from '../broker/stats'
import type { Measurement } from '../measure'

/**
 * Several short rounds of one scenario as one measurement: the rate over the time of all of
 * them, the median round's p50 and the worst round's p99, every count summed.
 *
 * @example
 * combineRounds([first, second], 2) // two 2-second rounds: requests of both over 4 s
 */
export function combineRounds(rounds: Measurement[], secondsEach: number): Measurement {
  const sum = (count: (round: Measurement) => number) =>
    rounds.reduce((total, round) => total + count(round), 0)
  const statusCodes: Record<string, number> = {}
  for (const round of rounds) {
    for (const [code, count] of Object.entries(round.statusCodes)) {
      statusCodes[code] = (statusCodes[code] ?? 0) + count
    }
  }
  const requests = sum((round) => round.requests)
  return {
    requestsPerSecond: rounds.length ? requests / (rounds.length * secondsEach) : 0,
    p50Ms: percentile(
      rounds.map((round) => round.p50Ms),
      50,
    ),
    p99Ms: Math.max(...rounds.map((round) => round.p99Ms)),
    requests,
    non2xx: sum((round) => round.non2xx),
    errors: sum((round) => round.errors),
    timeouts: sum((round) => round.timeouts),
    statusCodes,
  }
}
