import { logger, ProblemError } from '@dropmate/runtime'
import type { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Takes the geocoder's turn for a token: 0 when taken (held for ARGV[2] ms at most), else how
 * long the current holder may keep it.
 */
const TAKE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
return math.max(redis.call('PTTL', KEYS[1]), 1)
`
/** Gives the turn back ARGV[2] ms from now (the interval), if this token still holds it. */
const GIVE_BACK = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[2]) > 0 then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return redis.call('DEL', KEYS[1])
`
const KEY = 'geocoder:turn'

// Someone typing stops waiting for a suggestion after a few seconds; a lookup that would
// wait longer is refused at once, and so is one with this many already queued here.
const MAX_WAIT_MS = 4_000
const MAX_QUEUED = 4
// How often a replica waiting for the shared turn asks for it again: a few Redis calls a
// second while someone waits, and a turn given back is taken within this.
const POLL_MS = 100

export interface Pacing {
  /** Runs `request` in the geocoder's next turn; a geocoder_busy problem when too far off. */
  turn<T>(request: () => Promise<T>): Promise<T>
}

/**
 * One request to the geocoder at a time, each at least `intervalMs` after the previous one
 * ended: so the geocoder sees them that far apart, however long each took to reach it (the
 * public Nominatim's limit is one a second per application). With Redis the turn is shared
 * by every replica; a request holds it for `holdMs` at most (its timeout). Without Redis, or
 * while it is away, the turn is this process's alone.
 *
 * @example
 * const pacing = createPacing({ intervalMs: 1_000, holdMs: 6_000, redis })
 * const places = await pacing.turn(() => ask(settings, question))
 */
export function createPacing(options: {
  intervalMs: number
  holdMs: number
  redis?: Redis | undefined
}): Pacing {
  const { intervalMs, holdMs, redis } = options
  let queued = 0
  let line: Promise<unknown> = Promise.resolve()
  let freeAt = 0

  /**
   * Waits for the shared turn, looking again every POLL_MS at most: a turn in use is held
   * for the longest its request may take, and most give it back sooner.
   */
  const takeShared = async (token: string, deadline: number) => {
    for (;;) {
      const wait = Number(await redis!.eval(TAKE, 1, KEY, token, holdMs))
      if (wait === 0) return
      if (Date.now() >= deadline) throw busy(wait)
      await sleep(Math.min(wait, POLL_MS, deadline - Date.now()))
    }
  }

  const take = async (token: string) => {
    const deadline = Date.now() + MAX_WAIT_MS
    const local = freeAt - Date.now()
    if (local > 0) {
      if (local > MAX_WAIT_MS) throw busy(local)
      await sleep(local)
    }
    if (!redis) return false
    try {
      await takeShared(token, deadline)
      return true
    } catch (error) {
      if (error instanceof ProblemError) throw error
      logger.warn({ err: error }, 'geocoder turn not shared, pacing this process alone')
      return false
    }
  }

  const giveBack = async (token: string, shared: boolean) => {
    freeAt = Date.now() + intervalMs
    if (!shared) return
    await redis!.eval(GIVE_BACK, 1, KEY, token, intervalMs).catch((error: unknown) => {
      // It expires by itself after holdMs.
      logger.warn({ err: error }, 'geocoder turn not given back')
    })
  }

  // A geocoder of the deployment's own, asked for no spacing: nothing to wait for.
  if (intervalMs === 0) return { turn: (request) => request() }
  return {
    async turn(request) {
      if (queued >= MAX_QUEUED) throw busy(intervalMs * queued)
      queued += 1
      // This process's requests go one after another; the shared turn orders the replicas.
      const mine = line.then(async () => {
        const token = randomUUID()
        try {
          const shared = await take(token)
          try {
            return await request()
          } finally {
            await giveBack(token, shared)
          }
        } finally {
          queued -= 1
        }
      })
      line = mine.catch(() => {})
      return mine
    },
  }
}

function busy(waitMs: number) {
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000))
  return new ProblemError(
    'geocoder_busy',
    `Address search is busy; try again in ${retryAfter} s, or pick the point on the map.`,
    {},
    { 'retry-after': String(retryAfter) },
  )
}
