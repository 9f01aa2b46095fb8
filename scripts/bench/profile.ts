import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { runBounded } from './bounded'
import { profileChildrenInto, ROOT } from './child'
import { measure, type LoadShape } from './measure'
import { benchScenarios } from './scenarios'
import { startStack } from './stack'

const SHAPE: LoadShape = { connections: 64, warmupSeconds: 2, durationSeconds: 8 }
const PROFILES = join(ROOT, 'bench/profiles')

/**
 * `npm run bench -- profile [words…]`: the scenarios whose names contain one of `words` (all
 * of them without any), run as `npm run bench` runs them, with every server the bench starts
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
    if (chosen.length === 0) throw new Error(`no scenario's name contains ${words.join(' or ')}`)
    for (const scenario of chosen) {
      const { requestsPerSecond, p99Ms, non2xx } = await measure(scenario, SHAPE, signal)
      log(
        `${scenario.name}: ${Math.round(requestsPerSecond)}/s, p99 ${p99Ms} ms, non-2xx ${non2xx}`,
      )
    }
    // The servers write their profiles as they exit.
    await cleanups.run()
    for (const file of await readdir(PROFILES)) log(`wrote bench/profiles/${file}`)
    return 0
  })
}
