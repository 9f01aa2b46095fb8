import { parseArgs } from 'node:util'

export type ShapeName = 'one-process' | 'cluster'

/** How the city run loads each shape. */
export interface CityOptions {
  drivers: number
  /** Each driver pings once every this many seconds, so the fleet sends drivers / interval a second. */
  intervalSeconds: number
  /** Sockets on `/` with a dispatcher's token, each due every driver's positions. */
  dispatchers: number
  /** Sockets on `/track`, each following one parcel in transit with its own driver. */
  tracking: number
  warmupSeconds: number
  seconds: number
  /** How long positions may trail the last ping before the missing count as never delivered. */
  drainSeconds: number
  /** Processes the sockets are spread over, so none of them is the bottleneck. */
  socketChildren: number
  shapes: ShapeName[]
}

const FLAGS = {
  drivers: 10_000,
  interval: 5,
  dispatchers: 50,
  warmup: 10,
  seconds: 60,
  drain: 10,
  'socket-children': 4,
} as const

// The city: 4,950 tracking pages over 10,000 drivers; a smaller fleet keeps the ratio.
const TRACKED_SHARE = 0.495

/**
 * The run's settings from `npm run bench -- city [--seconds 10] [--drivers 2000] ...`, each
 * also settable as BENCH_CITY_<FLAG> (BENCH_CITY_SOCKET_CHILDREN), flags first.
 *
 * @example
 * cityOptions(['--seconds', '10', '--drivers', '2000'], {}).tracking // 990
 */
export function cityOptions(args: string[], env: Record<string, string | undefined>): CityOptions {
  const { values } = parseArgs({
    args,
    options: {
      ...Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' as const }])),
      tracking: { type: 'string' },
      shape: { type: 'string', multiple: true },
    },
    strict: true,
  })
  const read = (flag: string, fallback: number): number => {
    const text =
      (values as Record<string, string | undefined>)[flag] ??
      env[`BENCH_CITY_${flag.toUpperCase().replaceAll('-', '_')}`]
    if (text === undefined) return fallback
    const value = Number(text)
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${flag} wants a number: ${text}`)
    return value
  }
  const drivers = Math.round(read('drivers', FLAGS.drivers))
  const options: CityOptions = {
    drivers,
    intervalSeconds: read('interval', FLAGS.interval),
    dispatchers: Math.round(read('dispatchers', FLAGS.dispatchers)),
    tracking: Math.min(drivers, Math.round(read('tracking', drivers * TRACKED_SHARE))),
    warmupSeconds: read('warmup', FLAGS.warmup),
    seconds: read('seconds', FLAGS.seconds),
    drainSeconds: read('drain', FLAGS.drain),
    socketChildren: Math.max(1, Math.round(read('socket-children', FLAGS['socket-children']))),
    shapes: shapesOf(values.shape ?? env.BENCH_CITY_SHAPE?.split(',') ?? []),
  }
  if (options.drivers < 1 || options.intervalSeconds <= 0 || options.seconds <= 0) {
    throw new Error('a city needs drivers, a ping interval and a measured window')
  }
  return options
}

/** Pings a second over the whole fleet. */
export function pingRate(options: Pick<CityOptions, 'drivers' | 'intervalSeconds'>): number {
  return options.drivers / options.intervalSeconds
}

function shapesOf(names: string[]): ShapeName[] {
  if (names.length === 0) return ['one-process', 'cluster']
  for (const name of names) {
    if (name !== 'one-process' && name !== 'cluster') {
      throw new Error(`--shape is one-process or cluster, not ${name}`)
    }
  }
  return names as ShapeName[]
}
