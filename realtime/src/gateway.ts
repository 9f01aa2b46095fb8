import { redisAnswers, type ApiDeps } from '@dropmate/kit'
import { listActiveShipments } from '@dropmate/db'
import { logger, type ReadinessCheck } from '@dropmate/runtime'
import type { Server as HttpServer } from 'node:http'
import { Server, type Namespace } from 'socket.io'
import { serveAppNamespace } from './app-namespace'
import { admission } from './handshake'
import { realtimeIngress } from './ingress'
import { eventsCarried, reportSockets } from './metrics'
import type { AppServer, TrackingNamespace } from './namespaces'
import {
  NAMESPACES,
  SOCKET_PATH,
  toFleetRow,
  type DriverDutyChange,
} from '@dropmate/contracts/sockets'
import { followPositions } from './position-feed'
import { createPositionFrames } from './position-frames'
import { driverRoom, FLEET, homeRooms } from './rooms'
import { shareRooms } from './redis-adapter'
import { PositionlessRecoveryAdapter } from './recovery-adapter'
import { createShipmentRegistry } from './registry'
import { createShipmentFanOut } from './shipment-fan-out'
import { emitSpan } from './emit-span'
import { serveTrackNamespace } from './track-namespace'

export interface GatewayOptions {
  deps: ApiDeps
  /** How long positions gather before they go out as one frame. */
  frameMs?: number
  /** How far back in the positions feed a starting gateway reads (what came while it was away). */
  replayMs?: number
  /** How long a dropped client may come back and be sent what it missed. */
  recoveryMs?: number
  /** How often the registry of active shipments is checked against the database. */
  reconcileMs?: number
}

export interface RealtimeGateway {
  /**
   * `POST /realtime/events`, where the broker delivers business events; mount it beside the
   * other apps. Positions come from `deps.positions`, which the gateway follows itself.
   */
  app: ReturnType<typeof realtimeIngress>
  /** For `/ready`: the database, and with Redis, Redis and the adapter's connections. */
  checks: Record<string, ReadinessCheck>
  isDraining(): boolean
  /** Serves Socket.io on the process's HTTP server, under /socket.io. */
  attach(server: HttpServer): void
  /**
   * Lets no new client in and closes every connection, so clients reconnect to another
   * gateway (recovering what they missed there, with Redis); events are still carried.
   */
  drain(): void
  /** After the HTTP server closed: stops the timers and the Redis adapter. */
  close(): Promise<void>
}

/**
 * The realtime gateway: Socket.io for the dashboard (`/`) and the tracking page (`/track`),
 * fed by the broker's deliveries and by the positions feed, which every replica reads whole.
 * It closes with `deps`, before their Redis connection goes.
 *
 * @example
 * const gateway = await createRealtimeGateway({ deps })
 * const app = createShell(deps, { realtime: gateway.app })
 * serve({ fetch: app.fetch, onServer: gateway.attach, onDraining: gateway.drain, ... })
 */
export async function createRealtimeGateway({
  deps,
  // Waiting for the frame is most of a position's way to a screen: half a window on average,
  // so 20 ms keeps ping → screen p50 within 25 ms, at 50 frames a second per dispatcher.
  frameMs = 20,
  // A restart or a rollout: long enough to come back; the feed keeps about a minute.
  replayMs = 30_000,
  // A tunnel, a lift, a switch between Wi-Fi and mobile data.
  recoveryMs = 2 * 60_000,
  reconcileMs = 60_000,
}: GatewayOptions): Promise<RealtimeGateway> {
  const { config, sql, redis } = deps
  // Loaded before anything is opened: a database that does not answer fails the start cleanly.
  const registry = createShipmentRegistry()
  const reconcile = async () => {
    const since = registry.stamp()
    registry.reconcile(await listActiveShipments(sql), since)
  }
  await reconcile()

  let draining = false
  let attached = false
  const shared = redis && shareRooms(redis, config.REDIS_KEY_PREFIX)
  const io: AppServer = new Server({
    path: SOCKET_PATH,
    // The dashboard bundles its client.
    serveClient: false,
    cors: { origin: config.CORS_ORIGINS, credentials: true },
    allowRequest: admission({ origins: config.CORS_ORIGINS, isDraining: () => draining }),
    // Re-check the token of a recovered connection too: it may have expired meanwhile.
    connectionStateRecovery: { maxDisconnectionDuration: recoveryMs, skipMiddlewares: false },
    // Clients send small requests only; the default would take a megabyte from anyone.
    maxHttpBufferSize: 16 * 1024,
    adapter: shared ? shared.adapter : PositionlessRecoveryAdapter,
  })
  const app = io.of(NAMESPACES.app)
  // One server, two namespaces with event maps of their own.
  const tracking = io.of(NAMESPACES.tracking) as unknown as TrackingNamespace

  const stopReporting = reportSockets({
    [NAMESPACES.app]: app,
    [NAMESPACES.tracking]: tracking as unknown as Namespace,
  })

  const reconciling = setInterval(() => {
    reconcile().catch((error: unknown) => logger.warn({ err: error }, 'registry check failed'))
  }, reconcileMs)
  if (shared) app.on('shipment_changed', (shipment) => registry.apply(shipment))

  const shipmentChanged = createShipmentFanOut({
    app,
    tracking,
    registry,
    share: (shipment) => {
      if (shared) app.serverSideEmit('shipment_changed', shipment)
    },
  })
  const frames = createPositionFrames({ app, tracking, registry, windowMs: frameMs })
  // Positions sent while a socket was away are not kept for its recovery: staff get the
  // newest of every driver instead, as they (re)connect.
  app.on('connection', (socket) => {
    if (!homeRooms(socket.data).includes(FLEET)) return
    const positions = frames.newest(replayMs)
    if (positions.length) socket.emit('fleet_positions', { positions: positions.map(toFleetRow) })
  })
  const dutyChanged = (change: DriverDutyChange) => {
    const rooms = [FLEET, driverRoom(change.driverId)]
    app.to(rooms).emit('driver_status_changed', change)
    emitSpan('driver_status_changed', rooms)
  }
  serveAppNamespace(app, deps)
  serveTrackNamespace(tracking, deps)
  // Not waited for: with Redis away at start it comes once Redis does, replaying what it missed.
  const following = followPositions(deps.positions, frames.offer, replayMs)

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      clearInterval(reconciling)
      stopReporting()
      await following.close()
      frames.close()
      // io.close() would also close the HTTP server it is attached to: by now it is closed.
      if (attached) await io.close()
      else await Promise.all([app, tracking].map((namespace) => namespace.adapter.close()))
      shared?.close()
    })()
    return closing
  }
  deps.defer(close)

  return {
    app: realtimeIngress({
      config,
      carry: (event) => {
        eventsCarried.inc({ kind: event.kind })
        if (event.kind === 'duty') return dutyChanged(event.change)
        return shipmentChanged(event.update, event.assignment)
      },
    }),
    checks: {
      database: async () => {
        await sql`select 1`
      },
      ...(redis && { redis: redisAnswers(redis) }),
      ...(shared && { 'socket.io adapter': shared.check }),
    },
    isDraining: () => draining,
    attach(server) {
      io.attach(server)
      attached = true
    },
    drain() {
      draining = true
      // Transports close, not the namespaces: clients take it as a dropped line and reconnect.
      if (attached) io.engine.close()
    },
    close,
  }
}
