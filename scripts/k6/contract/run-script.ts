import { writeFileSync } from 'node:fs'
import { register } from 'node:module'
import { pathToFileURL } from 'node:url'
import { drained, emit, enter, recordError, report } from './recorder'

/**
 * Runs one k6 script on the shims, as `node --import tsx run-script.ts <script> <report.json>`:
 * its init code, setup(), one iteration of each scenario's exec function (a VU of its own, the
 * scenario's env in __ENV), teardown(); then writes the report as JSON.
 */

// From here on `k6` and `k6/*` imports load the shims in ./k6.
register('./hooks.ts', import.meta.url)

type Phase = (data?: unknown) => unknown
type Script = Record<string, unknown> & { options?: Report['options'] }
type Report = typeof report

// An iteration that holds a socket or timer longer than this is stuck, not busy.
const ITERATION_LIMIT_MS = 60_000

const [scriptPath, reportPath] = process.argv.slice(2) as [string, string]
// k6 passes the system environment into __ENV, as `k6 run` does by default.
const systemEnv = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
)
const vu = globalThis as unknown as { __ENV: Record<string, string>; __VU: number; __ITER: number }
Object.assign(vu, { __ENV: systemEnv, __VU: 0, __ITER: 0 })

const script = (await import(pathToFileURL(scriptPath).href)) as Script
report.options = JSON.parse(JSON.stringify(script.options ?? {})) as Report['options']
report.functions = Object.keys(script).filter((name) => typeof script[name] === 'function')

/**
 * Runs a phase, then waits out its event loop (even after an exception, as the sockets and
 * timers it left keep running); what goes wrong goes into the report.
 */
async function run(where: string, phase: unknown, data?: unknown): Promise<unknown> {
  if (typeof phase !== 'function') return undefined
  let result: unknown
  try {
    // Each VU gets its own copy of setup's data, through JSON as in k6.
    result = await (phase as Phase)(
      data === undefined ? undefined : JSON.parse(JSON.stringify(data)),
    )
  } catch (error) {
    recordError(where, error)
  }
  let stuck: NodeJS.Timeout | undefined
  const limit = new Promise<void>((resolve) => {
    stuck = setTimeout(() => {
      recordError(where, `still held open by a socket or timer after ${ITERATION_LIMIT_MS} ms`)
      resolve()
    }, ITERATION_LIMIT_MS)
  })
  await Promise.race([drained(), limit])
  clearTimeout(stuck)
  return result
}

enter('', '::setup')
const errorsBefore = report.errors.length
const data = await run('setup', script.setup)
// As in k6, a failed setup ends the test before any iteration.
if (report.errors.length === errorsBefore) {
  const scenarios = report.options.scenarios ?? { default: {} }
  for (const [name, scenario] of Object.entries(scenarios)) {
    Object.assign(vu, {
      __ENV: { ...systemEnv, ...(scenario.env as Record<string, string> | undefined) },
      __VU: vu.__VU + 1,
      __ITER: 0,
    })
    enter(name, '')
    const started = performance.now()
    const failures = report.errors.length
    await run(`scenario ${name}`, script[String(scenario.exec ?? 'default')], data)
    if (report.errors.length === failures) {
      emit('iterations', 'counter', 1)
      emit('iteration_duration', 'trend', performance.now() - started)
    }
  }
  Object.assign(vu, { __ENV: systemEnv })
  enter('', '::teardown')
  await run('teardown', script.teardown, data)
}

writeFileSync(reportPath, JSON.stringify(report))
// The http worker thread would keep the process alive.
process.exit(0)
