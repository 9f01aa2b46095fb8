import type { Namespace, Server, Socket } from 'socket.io'
import type {
  AppClientEvents,
  AppServerEvents,
  AppSocketData,
  TrackingClientEvents,
  TrackingServerEvents,
} from '@dropmate/contracts/sockets'
import type { ActiveShipment } from './registry'

/** What gateways tell each other (Socket.io server-side events, through Redis). */
export interface PeerEvents {
  /** A shipment event one gateway received: the others update their registries. */
  shipment_changed: (shipment: ActiveShipment) => void
}

export type AppServer = Server<AppClientEvents, AppServerEvents, PeerEvents, AppSocketData>
export type AppNamespace = Namespace<AppClientEvents, AppServerEvents, PeerEvents, AppSocketData>
export type AppSocket = Socket<AppClientEvents, AppServerEvents, PeerEvents, AppSocketData>

/** What the gateway keeps on each socket of `/track`; it survives connection recovery. */
export interface TrackingSocketData {
  /** Tracking numbers followed, with their shipment ids. */
  tracked: Record<string, string>
  /** Lookups in the current minute. */
  lookups: { since: number; count: number }
}

export type TrackingNamespace = Namespace<
  TrackingClientEvents,
  TrackingServerEvents,
  PeerEvents,
  TrackingSocketData
>
export type TrackingSocket = Socket<
  TrackingClientEvents,
  TrackingServerEvents,
  PeerEvents,
  TrackingSocketData
>
