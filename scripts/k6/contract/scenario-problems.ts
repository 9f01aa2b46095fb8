import type { Report } from './report'

/** The fields each k6 executor takes beyond the common ones, required first. */
const EXECUTORS: Record<string, { required: string[]; optional: string[] }> = {
  'shared-iterations': { required: [], optional: ['vus', 'iterations', 'maxDuration'] },
  'per-vu-iterations': { required: [], optional: ['vus', 'iterations', 'maxDuration'] },
  'constant-vus': { required: ['duration'], optional: ['vus'] },
  'ramping-vus': { required: ['stages'], optional: ['startVUs', 'gracefulRampDown'] },
  'constant-arrival-rate': {
    required: ['rate', 'duration', 'preAllocatedVUs'],
    optional: ['timeUnit', 'maxVUs'],
  },
  'ramping-arrival-rate': {
    required: ['stages', 'preAllocatedVUs'],
    optional: ['startRate', 'timeUnit', 'maxVUs'],
  },
  'externally-controlled': { required: ['duration'], optional: ['vus', 'maxVUs'] },
}
const COMMON = ['executor', 'startTime', 'gracefulStop', 'exec', 'env', 'tags', 'options']
const DURATIONS = [
  'duration',
  'timeUnit',
  'startTime',
  'gracefulStop',
  'maxDuration',
  'gracefulRampDown',
]
// At least one of these, or the scenario does nothing; the rest may be zero.
const POSITIVE = ['vus', 'iterations', 'rate', 'maxVUs']
const NATURAL = ['preAllocatedVUs', 'startVUs', 'startRate']
// k6's duration syntax: `90s`, `1m30s`, `500ms`.
const DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/

const isWhole = (value: unknown, least: number) =>
  Number.isInteger(value) && (value as number) >= least

/**
 * What is wrong with the script's `options.scenarios`, as k6 would refuse it at start or run
 * it otherwise than meant: an unknown executor or field, a missing one, a malformed duration
 * or count, an `exec` naming no exported function.
 */
export function scenarioProblems({ options, functions }: Report): string[] {
  const scenarios = Object.entries(options.scenarios ?? {})
  if (scenarios.length === 0) return ['declares no scenarios']
  const problems: string[] = []
  for (const [name, scenario] of scenarios) {
    const say = (problem: string) => problems.push(`${name}: ${problem}`)
    if (!/^[\w-]+$/.test(name)) say('a scenario name is letters, digits, _ and - only')
    const executor = EXECUTORS[String(scenario.executor)]
    if (!executor) {
      say(`no executor ${JSON.stringify(scenario.executor)}`)
      continue
    }
    const known = [...COMMON, ...executor.required, ...executor.optional]
    for (const field of Object.keys(scenario)) {
      if (!known.includes(field)) say(`${scenario.executor} takes no ${field}`)
    }
    for (const field of executor.required) if (!(field in scenario)) say(`needs ${field}`)
    for (const field of DURATIONS) {
      if (field in scenario && !DURATION.test(String(scenario[field]))) {
        say(`${field} ${JSON.stringify(scenario[field])} is not a k6 duration`)
      }
    }
    for (const field of POSITIVE) {
      if (field in scenario && !isWhole(scenario[field], 1))
        say(`${field} must be a whole number ≥ 1`)
    }
    for (const field of NATURAL) {
      if (field in scenario && !isWhole(scenario[field], 0))
        say(`${field} must be a whole number ≥ 0`)
    }
    if ((scenario.maxVUs as number) < (scenario.preAllocatedVUs as number)) {
      say('maxVUs must be at least preAllocatedVUs')
    }
    if ('stages' in scenario) {
      const stages = scenario.stages as { duration?: unknown; target?: unknown }[]
      if (!Array.isArray(stages) || stages.length === 0) say('stages must list at least one')
      for (const stage of Array.isArray(stages) ? stages : []) {
        if (!DURATION.test(String(stage.duration)) || !isWhole(stage.target, 0)) {
          say(`stage ${JSON.stringify(stage)} needs a duration and a whole target`)
        }
      }
    }
    const exec = String(scenario.exec ?? 'default')
    if (!functions.includes(exec)) say(`exec ${exec} is no function the script exports`)
    for (const [variable, value] of Object.entries((scenario.env as object) ?? {})) {
      if (typeof value !== 'string') say(`env ${variable} must be a string`)
    }
  }
  return problems
}
