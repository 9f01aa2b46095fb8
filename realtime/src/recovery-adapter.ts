import { Adapter, SessionAwareAdapter, type BroadcastOptions } from 'socket.io-adapter'

type Packet = Parameters<Adapter['broadcast']>[0]

/**
 * The in-memory adapter (one gateway, no Redis) with connection state recovery, keeping for
 * a recovering socket what was broadcast to everyone, as Socket.io's does, but not positions.
 * They go out `local` (see position-frames.ts), recovery never sends them again (only the
 * newest counts, and staff are greeted with it), and kept they were every frame and position
 * of the last two minutes in memory. The Redis adapter keeps no `local` broadcast either.
 */
export class PositionlessRecoveryAdapter extends SessionAwareAdapter {
  override broadcast(packet: Packet, opts: BroadcastOptions): void {
    if (opts.flags?.local) return Adapter.prototype.broadcast.call(this, packet, opts)
    super.broadcast(packet, opts)
  }
}
