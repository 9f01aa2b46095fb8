import { setTimeout as delay } from 'node:timers/promises'
import { startChild } from './child'
import { createCleanups, type Cleanups } from './cleanups'
import { coresUsed, sampleCpu } from './realtime/cpu'
import { wallClockMs } from './broker/stats'
import { matchSockets, resetSockets, waitForCopies } from './realtime/sockets'
import { startCityStack, type CityGround } from './city-stack'
import { sampleRss, type Rss } from './city/memory'
import { pausesOf, scrapeRuntime, type Pauses } from './city/pauses'
import { pingRate, type ShapeName } from './city/options'
import { runPings, type PingRun } from './city/pings'
import { openCitySockets } from './city/sockets'
import { acceptedPerSecond, summarizeSockets, type SocketsSummary } from './city/summary'

export interface ShapeResult extends SocketsSummary {
  shape: ShapeName
  connected: { dispatchers: number; tracking: number; refused: Record<string, number> }
  connectMs: number
  pings: Omit<PingRun, 'measured' | 'startMs'> & {
    targetPerSecond: number
    acceptedPerSecond: number
  }
  /** Cores each process kept busy over the measured window; `machine` is every process. */
  cores: Record<string, number>
  /** The load generator's share: the pinger, the sockets processes and the bench itself. */
  loadGeneratorCores: number
  rss: Record<string, Rss>
  /** Each server process's share of time in GC and its loop's lateness, over the window. */
  pauses: Record<string, Pauses>
  /** Server processes that answered a scrape too late (or not at all) to give them. */
  unscraped: string[]
}

/**
 * One shape under the city's load: its processes started on the bench database (and a Redis
 * prefix of its own), the screens opened, the fleet's pings sent through a warm-up and the
 * measured window, then every socket's copies matched to the pings. Stops what it started
 * before it returns (or, when the run is cut short, at `outer`'s cleanup).
 */
export async function runCityShape(
  shape: ShapeName,
  ground: CityGround,
  outer: Cleanups,
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<ShapeResult> {
  const cleanups = createCleanups((name, error) => log(`${name} failed: ${String(error)}`))
  outer.defer(`clean up the ${shape} shape`, () => cleanups.run())
  try {
    return await loadShape(shape, ground, cleanups, log, signal)
  } finally {
    // The next shape must not share the machine with this one's sockets and processes.
    await cleanups.run()
  }
}

async function loadShape(
  shape: ShapeName,
  ground: CityGround,
  cleanups: Cleanups,
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<ShapeResult> {
  const { options } = ground
  const { stack, token } = await startCityStack(shape, ground, cleanups)
  const pinger = await startChild(
    { name: 'pinger', script: 'scripts/bench/city/pinger-child.ts', env: {}, readyPath: '/ready' },
    cleanups,
  )
  const sockets = await openCitySockets(
    cleanups,
    {
      count: options.socketChildren,
      origin: stack.endpoints.gateway,
      token,
      dispatchers: options.dispatchers,
    },
    ground.fleet.parcels.slice(0, options.tracking),
  )
  const { connected } = sockets
  const refused = Object.entries(connected.refused).map(([code, n]) => `${code}×${n}`)
  log(
    `${shape}: ${connected.dispatchers} dispatcher and ${connected.tracked.length} tracking ` +
      `sockets open in ${(connected.connectMs / 1000).toFixed(1)} s` +
      (refused.length ? `, refused ${refused.join(', ')}` : ''),
  )

  const pids = () => ({
    ...Object.fromEntries(
      Object.entries(stack.processes).flatMap(([name, each]) => {
        const pid = each.pid()
        return pid === undefined ? [] : [[name, pid]]
      }),
    ),
    pinger: pinger.pid,
    ...Object.fromEntries(sockets.children.map((child, i) => [`sockets ${i + 1}`, child.pid])),
    bench: process.pid,
  })
  const urls = sockets.children.map((child) => child.url)
  const servers = Object.fromEntries(
    Object.entries(stack.processes).map(([name, each]) => [name, each.url]),
  )
  await Promise.all(urls.map(resetSockets))
  // Node's process metrics start with a process's first scrape: on from here, as Prometheus
  // keeps them on in a cluster, so the warm-up runs with them as the window does.
  await scrapeRuntime(servers)

  const rate = pingRate(options)
  log(
    `${shape}: ${rate} pings/s for ${options.warmupSeconds} s warm-up + ` +
      `${options.seconds} s measured`,
  )
  const pinging = runPings(
    pinger.url,
    {
      origin: stack.endpoints.ingest,
      drivers: ground.fleet.drivers.slice(0, options.drivers),
      rate,
      warmupSeconds: options.warmupSeconds,
      seconds: options.seconds,
    },
    signal,
  )
  // Awaited below; until then a failure must not surface as an unhandled rejection.
  pinging.catch(() => {})
  await delay(options.warmupSeconds * 1000, undefined, { signal })
  const before = { cpu: await sampleCpu(pids()), at: performance.now(), wallMs: wallClockMs() }
  // A loaded server answers a scrape late (14 s once): read while the window runs, not
  // before it, which would push the CPU window past the pings.
  const runtimeBefore = scrapeRuntime(servers)
  await delay(options.seconds * 1000, undefined, { signal })
  const after = { cpu: await sampleCpu(pids()), at: performance.now(), wallMs: wallClockMs() }
  const pauses = pausesOf(await runtimeBefore, await scrapeRuntime(servers))
  const rss = await sampleRss(pids())
  const windowMs = after.at - before.at
  const run = await pinging
  log(`${shape}: ${run.sent} pings sent; waiting up to ${options.drainSeconds} s for stragglers`)
  const everything = { dispatcher: Infinity, tracking: Infinity }
  const drainMs = options.drainSeconds * 1000
  await Promise.all(urls.map((url) => waitForCopies(url, everything, drainMs, signal)))
  const matches = await Promise.all(
    urls.map((url) =>
      matchSockets(url, {
        pings: run.measured,
        startMs: run.startMs,
        bytesFrom: before.wallMs,
        bytesTo: after.wallMs,
      }),
    ),
  )

  const cores = coresUsed(before.cpu, after.cpu, windowMs)
  const loadGenerator = ['pinger', 'bench', ...sockets.children.map((_, i) => `sockets ${i + 1}`)]
  const { measured: _, startMs: __, ...pings } = run
  return {
    shape,
    connected: {
      dispatchers: connected.dispatchers,
      tracking: connected.tracked.length,
      refused: connected.refused,
    },
    connectMs: Math.round(connected.connectMs),
    pings: { ...pings, targetPerSecond: rate, acceptedPerSecond: acceptedPerSecond(run) },
    ...summarizeSockets(matches, connected, windowMs),
    cores,
    loadGeneratorCores: round2(loadGenerator.reduce((sum, name) => sum + (cores[name] ?? 0), 0)),
    rss,
    pauses,
    unscraped: Object.keys(servers).filter((name) => !(name in pauses)),
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}
