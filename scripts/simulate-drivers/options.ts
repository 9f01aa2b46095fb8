import { parseArgs } from 'node:util'
import { STAFF_DOMAIN } from '../seed/demo-data'
import { DEFAULTS, type SimulationOptions } from './simulation'

export const USAGE = `Usage: npm run simulate:drivers -- [--drivers N] [--interval 2s] [--duration 5m] [options]

Signs demo drivers in, puts them on duty and drives them around Lisbon's streets, each
sending a real location ping (a CloudEvent) every interval. They pick up and deliver the
shipments assigned to them. Stops after --duration, or on Ctrl-C / SIGTERM, putting the
drivers off duty and printing a summary.

  --url URL             server (default: $DROPMATE_URL or http://127.0.0.1:8080, as npm start);
                        the links printed at the start use $PUBLIC_URL instead when it is set
  --drivers N           how many (default ${DEFAULTS.drivers}); the ten seeded demo drivers first,
                        then sim-driver-01@${STAFF_DOMAIN} and on, created if missing
  --interval DURATION   one ping per driver this often: 500ms, 2s, 1m (default 2s)
  --duration DURATION   stop by itself after this long (default: run until stopped)
  --password P          the drivers' password (default: $SEED_PASSWORD or dropmate-demo)
  --admin-email E       admin who creates missing drivers (default ${DEFAULTS.adminEmail});
                        signs in with --admin-password, default the same as --password
  --[no-]deliver        pick up and deliver assigned shipments (default on)
  --[no-]dead-zones     lose signal now and then, then catch up in a batch (default on)
  --seed N              reproduce a run's starts, routes and choices
  -h, --help            this text`

export type CliOptions = SimulationOptions & { durationMs?: number }

/**
 * Reads the command line: `--interval 2s` and friends. Throws a TypeError naming the option
 * when a value does not make sense; 'help' when help was asked for.
 */
export function parseOptions(args: string[], env = process.env): CliOptions | 'help' {
  const { values } = parseArgs({
    args,
    allowNegative: true,
    strict: true,
    options: {
      url: { type: 'string', default: env.DROPMATE_URL || 'http://127.0.0.1:8080' },
      drivers: { type: 'string', default: String(DEFAULTS.drivers) },
      interval: { type: 'string', default: '2s' },
      duration: { type: 'string' },
      password: { type: 'string', default: env.SEED_PASSWORD || DEFAULTS.password },
      'admin-email': { type: 'string', default: DEFAULTS.adminEmail },
      'admin-password': { type: 'string' },
      deliver: { type: 'boolean', default: true },
      'dead-zones': { type: 'boolean', default: true },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return 'help'
  return {
    url: baseUrlOf(values.url),
    publicUrl: env.PUBLIC_URL || undefined,
    drivers: integer('--drivers', values.drivers, 1, 500),
    intervalMs: durationMs('--interval', values.interval, 50),
    durationMs:
      values.duration === undefined ? undefined : durationMs('--duration', values.duration, 1),
    password: values.password,
    adminEmail: values['admin-email'],
    adminPassword: values['admin-password'],
    deliver: values.deliver,
    deadZones: values['dead-zones'],
    seed: values.seed === undefined ? undefined : integer('--seed', values.seed, 0, 2 ** 31 - 1),
  }
}

const UNITS_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }

/**
 * `500ms`, `2s`, `1.5m`, `1h` in milliseconds.
 *
 * @example
 * parseDuration('2s') // 2000
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(text.trim())
  return match ? Math.round(Number(match[1]) * UNITS_MS[match[2]!]!) : undefined
}

function durationMs(option: string, text: string, minMs: number): number {
  const ms = parseDuration(text)
  if (ms === undefined)
    throw new TypeError(`${option} ${text}: give a duration like 500ms, 2s or 1m`)
  if (ms < minMs) throw new TypeError(`${option} ${text}: at least ${minMs} ms`)
  return ms
}

function integer(option: string, text: string, min: number, max: number): number {
  const n = Number(text)
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new TypeError(`${option} ${text}: give a whole number from ${min} to ${max}`)
  }
  return n
}

/** `http://host:8080/` → `http://host:8080`; a path prefix (behind a proxy) is kept. */
function baseUrlOf(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new TypeError(`--url ${value} is not an http(s) URL`)
  }
  return url.origin + url.pathname.replace(/\/+$/, '')
}
