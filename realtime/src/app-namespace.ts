import type { ApiDeps } from '@dropmate/kit'
import { findShipmentById } from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import { canSee } from '@dropmate/core/visibility'
import { z } from 'zod'
import { tokenOf } from './handshake'
import type { AppNamespace, AppSocket } from './namespaces'
import { Id } from '@dropmate/contracts/fields'
import type { ConnectRefusal, Reply } from '@dropmate/contracts/sockets'
import { answer, NOT_FOUND, refusal } from './replies'
import { homeRooms, isHomeRoom, shipmentOf, shipmentRoom } from './rooms'
import { expiryOf } from './token-expiry'

const ShipmentRequest = z.object({ shipmentId: Id })
const INVALID = refusal('invalid_request', 'Send { shipmentId } with the id of a shipment.')
// setTimeout's limit; tokens live minutes to an hour.
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * The `/` namespace, for signed-in users. A handshake needs `auth: { token }`, checked as the
 * API checks bearer tokens, again whenever the socket comes back (recovery included). Each
 * socket joins its home room at once and a shipment's room on `subscribe`, if it may see
 * that shipment, which is asked of the database and the current token every time. A change
 * to an account (disabled, role changed) sends its user's sockets away, as expiry does.
 */
export function serveAppNamespace(
  app: AppNamespace,
  deps: Pick<ApiDeps, 'auth' | 'sql' | 'accounts'>,
) {
  const principalOf = (socket: AppSocket) => {
    const token = tokenOf(socket.handshake)
    return token ? deps.auth.principalFor(token) : Promise.resolve(null)
  }

  app.use(async (socket, next) => {
    const token = tokenOf(socket.handshake)
    if (!token) return next(refused('missing_token', 'Connect with auth: { token }.'))
    try {
      const principal = await deps.auth.principalFor(token)
      if (!principal) return next(refused('invalid_token', 'The token is invalid or expired.'))
      const { role, userId, driverId } = principal
      socket.data = { role, userId, driverId }
      next()
    } catch (error) {
      logger.warn({ err: error }, 'socket sign-in failed')
      next(refused('unavailable', 'Signing in is not possible right now; try again shortly.'))
    }
  })

  /** Shipment rooms a recovered socket came back with are checked as a new subscribe is. */
  const recheck = async (socket: AppSocket) => {
    const subscribed = [...socket.rooms].map(shipmentOf).filter((id) => id !== undefined)
    if (subscribed.length === 0) return
    const principal = await principalOf(socket)
    for (const id of subscribed) {
      const shipment = await findShipmentById(deps.sql, id)
      if (!principal || !shipment || !canSee(principal, shipment)) socket.leave(shipmentRoom(id))
    }
  }

  const subscribe = async (socket: AppSocket, request: unknown): Promise<Reply> => {
    const parsed = ShipmentRequest.safeParse(request)
    if (!parsed.success) return INVALID
    const principal = await principalOf(socket)
    if (!principal) return refusal('forbidden', 'The token expired; connect again with a new one.')
    const shipment = await findShipmentById(deps.sql, parsed.data.shipmentId)
    if (!shipment || !canSee(principal, shipment)) return NOT_FOUND
    await socket.join(shipmentRoom(shipment.id))
    return { ok: true }
  }

  // Changes are an admin's clicks: looking through this gateway's sockets for each is cheap.
  deps.accounts.onChange(({ userId }) => {
    for (const socket of app.sockets.values()) {
      if (socket.data.userId === userId) socket.conn.close()
    }
  })

  app.on('connection', (socket) => {
    const home = homeRooms(socket.data)
    // A recovered socket has its old rooms back, and the user's role may have changed since.
    for (const room of socket.rooms)
      if (isHomeRoom(room) && !home.includes(room)) socket.leave(room)
    socket.join(home)
    if (socket.recovered) {
      recheck(socket).catch((error: unknown) => {
        logger.warn({ err: error }, 'recovered subscriptions not checked; dropping them')
        for (const room of socket.rooms) if (shipmentOf(room)) socket.leave(room)
      })
    }
    sendAwayOnExpiry(socket)
    socket.on('subscribe', (request, reply) => answer(reply, () => subscribe(socket, request)))
    socket.on('unsubscribe', (request, reply) =>
      answer(reply, async () => {
        const parsed = ShipmentRequest.safeParse(request)
        if (!parsed.success) return INVALID
        await socket.leave(shipmentRoom(parsed.data.shipmentId))
        return { ok: true }
      }),
    )
  })
}

/**
 * A token stops counting when it expires, and so does the socket that signed in with it: its
 * transport is closed, so the client reconnects (with a fresh token, if `auth` is a function
 * that returns the current one) and recovers what it missed meanwhile. A change to the
 * account sends it away the same way, and the handshake decides again.
 */
function sendAwayOnExpiry(socket: AppSocket) {
  const expiresAt = expiryOf(tokenOf(socket.handshake) ?? '')
  if (expiresAt === undefined) return
  const timer = setTimeout(
    () => socket.conn.close(),
    Math.min(Math.max(expiresAt - Date.now(), 0), MAX_TIMER_MS),
  )
  socket.once('disconnect', () => clearTimeout(timer))
}

function refused(code: ConnectRefusal, message: string) {
  return Object.assign(new Error(message), { data: { code } })
}
