import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { runBounded } from './bounded'
import { profileChildrenInto, ROOT } from './child'
import { measure, type LoadShape } from './measure'
import { benchObservability } from './observability/run'
import { benchScenarios } from './scenarios'
import { startStack } from './stack'

const SHAPE: LoadShape = { connections: 64, warmupSeconds: 2, durationSeconds: 8 }
const PROFILES = join(ROOT, 'bench/profiles')

/**
 * `npm run bench -- profile [words…]`: the scenarios whose names contain one of `words` (all
 * of them without any), run as `npm run bench` runs them, and with `observability` the pair of
 * tracking functions with observability off and on, with every server the bench starts
 * writing a V8 CPU profile into bench/profiles/ as it stops: open one in Chrome's DevTools
 * (Performance) or speedscope to see where a request's time goes. Under the profiler the
 * rates are lower than the bench's; compare profiles with profiles.
 */
export async function benchProfile(words: string[]): Promise<number> {
  return runBounded({ name: 'bench profile', watchdogMs: 5 * 60_000 }, async (run) => {
    const { cleanups, signal, log } = run
    await rm(PROFILES, { recursive: true, force: true })
    await mkdir(PROFILES, { recursive: true })
    profileChildrenInto(PROFILES)
    const stack = await startStack(cleanups, log, { drivers: 100, inTransit: 50 })
    const chosen = benchScenarios(stack.targets).filter(
      ({ name }) => words.length === 0 || words.some((word) => name.includes(word)),
    )
    const observability = words.includes('observability')
    if (chosen.length === 0 && !observability)
      throw new Error(`no scenario's name contains ${words.join(' or ')}`)
    for (const scenario of chosen) {
      const { requestsPerSecond, p99Ms, non2xx } = await measure(scenario, SHAPE, signal)
      log(
        `${scenario.name}: ${Math.round(requestsPerSecond)}/s, p99 ${p99Ms} ms, non-2xx ${non2xx}`,
      )
    }
    if (observability) {
      const pair = { ...stack, trackingNumbers: stack.targets.trackingNumbers, shape: SHAPE }
      const { cpuMicrosecondsPerRequest: cpu } = await benchObservability(
        cleanups,
        pair,
        log,
        signal,
      )
      log(`observability: ${cpu.off} µs of CPU per lookup off, ${cpu.on} µs on`)
    }
    // The servers write their profiles as they exit.
    await cleanups.run()
    for (const file of await readdir(PROFILES)) log(`wrote bench/profiles/${file}`)
    return 0
  })
}
