import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Report } from '../k6/contract/report'
import { finish, type Outcome } from './server'

/** Runs the k6 scenarios of scripts/k6 for the contract test: on the shims, or on real k6. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const RUNNER = 'scripts/k6/contract/run-script.ts'
// A run that has not finished by then hangs; it is killed so the test can say so.
const RUN_LIMIT_MS = 120_000

const scriptPath = (name: string) => `scripts/k6/${name}.ts`

/** Waits for `child` as finish() does, killing it if it outlives the limit. */
async function finishInTime(child: ChildProcess): Promise<Outcome> {
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS)
  try {
    return await finish(child)
  } finally {
    clearTimeout(timer)
  }
}

async function inTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'dropmate-k6-'))
  try {
    return await use(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Runs scripts/k6/<name>.ts on the contract shims with `env` in __ENV: what it did. */
export function runOnShims(name: string, env: Record<string, string>): Promise<Report> {
  return inTempDir(async (dir) => {
    const out = join(dir, 'report.json')
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, scriptPath(name), out], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const { code, stderr } = await finishInTime(child)
    if (code !== 0) throw new Error(`${name} on the shims exited ${code}: ${stderr}`)
    return JSON.parse(await readFile(out, 'utf8')) as Report
  })
}

/** Whether a k6 binary is on PATH. */
export function hasK6(): boolean {
  return spawnSync('sh', ['-c', 'command -v k6'], { stdio: 'ignore' }).status === 0
}

/** A metric in k6's --summary-export: counts, rates or percentiles by name. */
export type SummaryMetric = Record<string, number>

export interface K6Run extends Outcome {
  /** The end-of-test summary (`--summary-export`); null when k6 stopped before writing it. */
  metrics: Record<string, SummaryMetric> | null
}

/** `k6 run -e SMOKE=1` of scripts/k6/<name>.ts (each scenario once), `env` as `-e` flags. */
export function runOnK6(name: string, env: Record<string, string>): Promise<K6Run> {
  return inTempDir(async (dir) => {
    const out = join(dir, 'summary.json')
    const flags = Object.entries({ ...env, SMOKE: '1' }).flatMap(([key, value]) => [
      '-e',
      `${key}=${value}`,
    ])
    const child = spawn(
      'k6',
      ['run', '--no-color', '--summary-export', out, ...flags, scriptPath(name)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    const outcome = await finishInTime(child)
    const summary = await readFile(out, 'utf8').catch(() => null)
    const metrics =
      summary === null ? null : (JSON.parse(summary) as { metrics: K6Run['metrics'] }).metrics
    return { ...outcome, metrics }
  })
}
