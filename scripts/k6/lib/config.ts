import type { Scenario } from 'k6/options'

/**
 * What every scenario reads from its environment: `k6 run -e NAME=value`, or the shell's own
 * variables, which k6 passes on too. The defaults fit the demo shop that `npm run db:seed`
 * creates (scripts/seed/demo-data.ts), served by `npm start` on its default port.
 */

export interface Credentials {
  email: string
  password: string
}

function read(name: string): string | undefined {
  const value = __ENV[name]
  return value === undefined || value === '' ? undefined : value
}

/**
 * `-e SMOKE=1` runs every scenario once, on one VU, at once: a check that a script works
 * against a deployment before it loads it (and how CI runs them: `npm run k6:smoke`).
 */
export const SMOKE = read('SMOKE') === '1'

/** A text setting, or `fallback` when unset or empty. */
export function text(name: string, fallback: string): string {
  return read(name) ?? fallback
}

/**
 * A positive number setting; a typo stops the test at start instead of skewing it. Unset, it
 * is `fallback`, or `smokeFallback` in a smoke run where the load's own default would keep one
 * iteration busy for minutes.
 */
export function count(name: string, fallback: number, smokeFallback = fallback): number {
  const value = read(name)
  if (value === undefined) return SMOKE ? smokeFallback : fallback
  const parsed = Number(value)
  if (!(parsed > 0)) throw new Error(`${name} must be a positive number, not "${value}"`)
  return parsed
}

/** A comma-separated list setting. */
export function list(name: string, fallback: string[]): string[] {
  const value = read(name)
  if (value === undefined) return fallback
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** The deployment under test, without a trailing slash. */
export const BASE_URL = text('BASE_URL', 'http://localhost:8080').replace(/\/+$/, '')

// Every demo account shares this password unless the shop was seeded with SEED_PASSWORD.
const DEMO_PASSWORD = 'dropmate-demo'

export const DISPATCHER: Credentials = {
  email: text('DISPATCHER_EMAIL', 'rui.carvalho@estrela.example'),
  password: text('DISPATCHER_PASSWORD', DEMO_PASSWORD),
}

/** The drivers whose phones the scenarios play, one account each (all share one password). */
export const DRIVER_EMAILS = list('DRIVER_EMAILS', [
  'joao.silva@estrela.example',
  'ana.rodrigues@estrela.example',
  'pedro.santos@estrela.example',
  'mariana.costa@estrela.example',
  'tiago.pereira@estrela.example',
  'beatriz.oliveira@estrela.example',
  'diogo.martins@estrela.example',
  'sofia.goncalves@estrela.example',
  'miguel.sousa@estrela.example',
  'carolina.fernandes@estrela.example',
])

export const DRIVER_PASSWORD = text('DRIVER_PASSWORD', DEMO_PASSWORD)

/** The driver a VU plays when several VUs share the fleet: VU 1 the first, and round again. */
export function driverOf(vu: number): Credentials {
  return { email: DRIVER_EMAILS[(vu - 1) % DRIVER_EMAILS.length]!, password: DRIVER_PASSWORD }
}

/**
 * The scenarios as declared, or each reduced to a single iteration of its `exec` with its
 * own `env` when SMOKE is set.
 *
 * @example
 * export const options = { scenarios: scenarios({ track: { executor: 'constant-vus', duration: '1m' } }) }
 */
export function scenarios(declared: Record<string, Scenario>): Record<string, Scenario> {
  if (!SMOKE) return declared
  const smoke: Record<string, Scenario> = {}
  for (const [name, { exec, env }] of Object.entries(declared)) {
    // Only the fields that are set, as a scenario written by hand has them.
    smoke[name] = {
      executor: 'per-vu-iterations',
      vus: 1,
      iterations: 1,
      ...(exec ? { exec } : {}),
      ...(env ? { env } : {}),
    }
  }
  return smoke
}

/** A k6 duration from seconds. */
export const seconds = (value: number) => `${value}s`
