import { describe, expect, it } from 'vitest'
import { realtimeNotes } from './notes'
import type { RealtimeDetails } from './details'

const details: RealtimeDetails = {
  dispatcherSockets: 20,
  trackingSockets: 980,
  drivers: 1_000,
  pingsPerSecond: 1_000,
  warmupSeconds: 2,
  seconds: 10,
  pingsTo: 'ingest-locations',
  dispatcherAccount: 'rui.carvalho@estrela.example',
  connected: { dispatchers: 20, tracking: 978, refused: { not_found: 2 }, connectMs: 900 },
  brokerIdleAfterMs: 1_200,
  pings: {
    sent: 12_000,
    statusCodes: { 202: 12_000 },
    errors: 0,
    answerP50Ms: 6.42,
    answerP99Ms: 40,
  },
  dispatcher: { expected: 200_000, delivered: 199_000, extra: 0 },
  tracking: { expected: 9_780, delivered: 9_780, extra: 3 },
  dispatcherP50BySecond: [12, 14, 13],
  disconnects: { 'transport close': 1 },
  cores: { server: 0.95, 'ingest-locations': 0.5, machine: 1.9 },
  load: { before: { cores: 2, loadAverage1m: 0.5 }, after: { cores: 2, loadAverage1m: 1.7 } },
}

describe('realtimeNotes', () => {
  it('names the account the dispatcher sockets share and what was refused', () => {
    const notes = realtimeNotes(details)
    expect(notes).toContain('signed in as the seeded dispatcher rui.carvalho@estrela.example')
    expect(notes).toContain('978 /track sockets')
    expect(notes).toContain('refused not_found×2')
  })

  it('says what share of the copies arrived, and how fast the pings were answered', () => {
    const notes = realtimeNotes(details)
    expect(notes).toContain('dispatcher sockets 199000 of 200000 copies (99.50%)')
    expect(notes).toContain('3 extra copies; 1 sockets dropped')
    expect(notes).toContain('Pings answered p50 6.4 ms, p99 40.0 ms.')
    expect(notes).toContain('Dispatcher p50 by measured second: 12, 14, 13 ms.')
  })

  it('says which processes were busy, and how loaded the machine was', () => {
    expect(realtimeNotes(details)).toContain(
      'Cores busy while pinging (of 2; 1-min load 0.5 → 1.7): server 0.95, ingest-locations 0.5, machine 1.9.',
    )
  })
})
