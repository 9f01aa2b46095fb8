import { PHONE_CONNECTIONS, sendAtRate } from '../broker/paced'
import { percentile } from '../broker/stats'
import { startChild } from '../child'
import type { Cleanups } from '../cleanups'
import type { Measured } from '../report'
import type { Stack } from '../stack'
import { REALTIME_TARGET } from '../targets'
import { waitUntilBrokerIdle } from './broker-idle'
import { coresUsed, machineLoad, sampleCpu } from './cpu'
import type { Copies, RealtimeDetails, RealtimeShape } from './details'
import type { MatchedCopies } from './arrivals'
import { copiesIn } from './histogram'
import { deliveredRow, extraCopies, p50BySecond } from './latency'
import { pingLog } from './pings'
import { connectSockets, matchSockets, resetSockets, socketStats, waitForCopies } from './sockets'

/**
 * Ping-to-socket latency with the server's gateway holding dispatcher and tracking sockets:
 * the fleet's drivers ping in turn at a fixed rate, and each copy of a position a socket
 * receives is matched to the ping it came from. One row per kind of socket.
 */
export async function benchRealtime(
  cleanups: Cleanups,
  options: { stack: Stack; shape: RealtimeShape },
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<{ measured: Measured[]; details: RealtimeDetails }> {
  const { stack, shape } = options
  const { apiOrigin } = stack.targets
  const sockets = await startChild(
    {
      name: 'sockets',
      script: 'scripts/bench/realtime/sockets-child.ts',
      env: {},
      readyPath: '/ready',
    },
    cleanups,
  )
  try {
    const brokerIdleAfterMs = await waitUntilBrokerIdle(apiOrigin, signal)
    log(`realtime: the server's broker was idle after ${(brokerIdleAfterMs / 1000).toFixed(1)} s`)
    const connected = await connectSockets(sockets.url, {
      origin: apiOrigin,
      token: stack.targets.token,
      dispatchers: shape.dispatcherSockets,
      tracked: stack.fleet.parcels.slice(0, shape.trackingSockets),
    })
    const refused = Object.entries(connected.refused).map(([code, n]) => `${code}×${n}`)
    log(
      `realtime: ${connected.dispatchers} dispatcher and ${connected.tracked.length} tracking ` +
        `sockets open in ${(connected.connectMs / 1000).toFixed(1)} s` +
        (refused.length ? `, refused ${refused.join(', ')}` : ''),
    )

    const pings = pingLog({
      drivers: stack.fleet.drivers.slice(0, shape.drivers),
      tracked: new Set(connected.tracked),
      measuredFrom: shape.warmupSeconds * shape.pingsPerSecond,
    })
    await resetSockets(sockets.url)
    const pids = {
      server: stack.pidAt[apiOrigin]!,
      'ingest-locations': stack.pidAt[stack.targets.ingestOrigin]!,
      sockets: sockets.pid,
      bench: process.pid,
    }
    const before = {
      cpu: await sampleCpu(pids),
      load: machineLoad(),
      at: performance.now(),
    }
    log(
      `realtime: ${shape.pingsPerSecond} pings/s for ${shape.warmupSeconds} s warm-up + ` +
        `${shape.seconds} s measured`,
    )
    const sent = await sendAtRate(
      {
        origin: stack.redis ? stack.targets.ingestOrigin : apiOrigin,
        rate: shape.pingsPerSecond,
        seconds: shape.warmupSeconds + shape.seconds,
        build: pings.build,
        connections: PHONE_CONNECTIONS,
      },
      signal,
    )
    const cores = coresUsed(before.cpu, await sampleCpu(pids), performance.now() - before.at)
    const load = { before: before.load, after: machineLoad() }
    const built = pings.built()
    const expected = { dispatcher: built.all * connected.dispatchers, tracking: built.tracked }
    await waitForCopies(sockets.url, expected, shape.drainTimeoutMs, signal)
    const windowMs = shape.seconds * 1000
    const startMs = pings.measured[0]?.recordedAtMs ?? 0
    const matched = await matchSockets(sockets.url, {
      pings: pings.measured,
      startMs,
      bytesFrom: startMs,
      bytesTo: startMs + windowMs,
    })
    const received = await socketStats(sockets.url)

    const socketCount = shape.dispatcherSockets + shape.trackingSockets
    const name = (kind: string) =>
      `ping → ${kind} socket, ${socketCount} sockets, ${shape.pingsPerSecond} pings/s`
    const { drainTimeoutMs: _, ...settings } = shape
    return {
      measured: [
        {
          name: name('dispatcher'),
          unit: 'events',
          target: REALTIME_TARGET,
          measurement: deliveredRow(matched.dispatcher, windowMs, sent),
        },
        {
          name: name('tracking'),
          unit: 'events',
          measurement: deliveredRow(matched.tracking, windowMs, sent),
        },
      ],
      details: {
        ...settings,
        pingsTo: stack.redis ? 'ingest-locations' : 'server',
        dispatcherAccount: stack.dispatcherEmail,
        connected: {
          dispatchers: connected.dispatchers,
          tracking: connected.tracked.length,
          refused: connected.refused,
          connectMs: Math.round(connected.connectMs),
        },
        brokerIdleAfterMs: Math.round(brokerIdleAfterMs),
        pings: {
          sent: sent.sent,
          statusCodes: sent.statusCodes,
          errors: sent.errors,
          answerP50Ms: percentile(sent.latenciesMs, 50),
          answerP99Ms: percentile(sent.latenciesMs, 99),
        },
        dispatcher: copiesOf(
          matched.dispatcher,
          extraCopies(pings.toDispatchers, received.dispatcher, connected.dispatchers),
        ),
        tracking: copiesOf(matched.tracking, extraCopies(pings.toTracking, received.tracking, 1)),
        dispatcherP50BySecond: p50BySecond(matched.dispatcher),
        disconnects: matched.disconnects,
        cores,
        load,
      },
    }
  } finally {
    // 1,000 open sockets would weigh on the server through the scenarios that follow.
    await sockets.stop()
  }
}

/** Copies one kind of socket was due, had (latest wins) and had too many. */
function copiesOf({ total }: MatchedCopies, extra: number): Copies {
  const expected = copiesIn(total)
  return { expected, delivered: expected - total.missing, extra }
}
