import { Server } from 'socket.io'
import type { BroadcastOptions } from 'socket.io-adapter'
import { describe, expect, it } from 'vitest'
import { PositionlessRecoveryAdapter } from './recovery-adapter'

// Not attached to an HTTP server: nothing to close.
const io = new Server({
  connectionStateRecovery: { maxDisconnectionDuration: 60_000 },
  adapter: PositionlessRecoveryAdapter,
})
const adapter = io.of('/').adapter as PositionlessRecoveryAdapter

function broadcast(data: unknown[], flags: BroadcastOptions['flags'] = {}) {
  const packet = { type: 2, nsp: '/', data }
  adapter.broadcast(packet, { rooms: new Set(['fleet']), except: new Set(), flags })
  return data
}

describe('a dashboard recovering its connection', () => {
  it('is sent the updates it missed, but none of the positions', async () => {
    // Each kept broadcast carries its offset last: where a recovering client resumes.
    const seen = broadcast(['shipment_updated', { shipmentId: 'a' }]).at(-1) as string
    broadcast(['fleet_positions', { positions: [] }], { local: true })
    broadcast(['shipment_updated', { shipmentId: 'b' }])
    broadcast(['fleet_positions', { positions: [] }], { local: true })
    adapter.persistSession({ sid: 's1', pid: 'p1', rooms: ['fleet'], data: {} })

    const restored = await adapter.restoreSession('p1', seen)
    expect(restored!.missedPackets.map(([event]) => event)).toEqual(['shipment_updated'])
  })
})
