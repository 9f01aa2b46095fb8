import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startSeededServer } from '@dropmate/scripts/test/server'
import { readSamples } from './k6-output'
import { requestProblems, type OpenApi } from './request-problems'
import { judgeSmokeThresholds, type SummaryExport } from './crossed-thresholds'
import { thresholdProblems } from './threshold-problems'

/**
 * npm run k6:smoke [-- --base-url URL] [script …]: every k6 scenario in scripts/k6, or the
 * ones named, run once by real k6 in smoke mode (each scenario one iteration on one VU) with
 * k6's own summary, then judged on what it emitted: thresholds that pass (percentiles are
 * shown, not judged: judgeSmokeThresholds), requests that succeed on documented routes,
 * checks that hold, and no threshold on tags nothing carries.
 * Without --base-url it serves the demo shop itself: `npm start` on a database and Redis keys
 * of its own when DATABASE_URL and REDIS_URL are set, else embedded.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SCRIPTS = ['track', 'dispatch', 'pings', 'dashboard', 'cold-start']

const { values, positionals } = parseArgs({
  options: { 'base-url': { type: 'string' } },
  allowPositionals: true,
})
const names = positionals.length > 0 ? positionals : SCRIPTS
for (const name of names) if (!SCRIPTS.includes(name)) throw new Error(`no scripts/k6/${name}.ts`)
if (spawnSync('k6', ['version'], { stdio: 'ignore' }).status !== 0) {
  console.error('k6 is not on PATH: eval "$(bash scripts/ops/k6.sh)" builds it')
  process.exit(2)
}

const server = values['base-url'] ? null : await startSeededServer('k6-smoke')
const baseUrl = (values['base-url'] ?? server!.url).replace(/\/+$/, '')
const workDir = await mkdtemp(join(tmpdir(), 'dropmate-k6-'))
let failed = 0
try {
  const api = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as OpenApi
  for (const name of names) {
    const problems = await smoke(name, baseUrl, api)
    if (problems.length === 0) continue
    failed++
    console.error(`\n${name}.ts:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
  }
} finally {
  await server?.close()
  await rm(workDir, { recursive: true, force: true })
}
console.log(`\nk6 smoke: ${names.length - failed} of ${names.length} scripts passed`)
process.exit(failed === 0 ? 0 : 1)

async function smoke(name: string, url: string, api: OpenApi): Promise<string[]> {
  const script = `scripts/k6/${name}.ts`
  const flags = ['-e', `BASE_URL=${url}`, '-e', 'SMOKE=1']
  const inspected = spawnSync('k6', ['inspect', ...flags, script], { cwd: ROOT, encoding: 'utf8' })
  if (inspected.status !== 0) return [`k6 inspect exited ${inspected.status}: ${inspected.stderr}`]
  const { thresholds } = JSON.parse(inspected.stdout) as { thresholds?: Record<string, unknown> }

  console.log(`\n== k6 run ${script} (smoke)`)
  const output = join(workDir, `${name}.json`)
  const summary = join(workDir, `${name}-summary.json`)
  const outputs = ['--out', `json=${output}`, `--summary-export=${summary}`]
  const run = spawn('k6', ['run', '--no-color', ...outputs, ...flags, script], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const [code] = (await once(run, 'exit')) as [number | null]
  const samples = readSamples(await readFile(output, 'utf8').catch(() => ''))
  return [
    ...(await exitProblems(name, code, summary)),
    ...requestProblems(samples, api),
    ...thresholdProblems(Object.keys(thresholds ?? {}), samples),
  ]
}

/**
 * What k6's exit says is wrong. 99 is thresholds crossed, which k6's summary above shows:
 * those a smoke run can judge are problems, the percentiles are only named.
 */
async function exitProblems(name: string, code: number | null, summary: string) {
  if (code === 0) return []
  if (code !== 99) return [`k6 exited ${code}`]
  const exported = await readFile(summary, 'utf8').catch(() => undefined)
  if (exported === undefined) return ['k6 exited 99 (a threshold crossed) and wrote no summary']
  const { problems, shown } = judgeSmokeThresholds(JSON.parse(exported) as SummaryExport)
  for (const line of shown) console.log(`${name}.ts: ${line}, shown but not judged in a smoke run`)
  return problems
}
