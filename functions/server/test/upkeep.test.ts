import { insertDeliveryProof } from '@dropmate/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startShipmentsApi } from '@dropmate/shipments/testing'
import { startUpkeep, UPKEEP_LOCK } from '../src/upkeep'

/**
 * The upkeep the long-lived processes run: in the cluster the dispatcher's replicas each run
 * it, and one at a time does the work. Two connections are needed to hold the lock while
 * another asks: PostgreSQL's, not the single connection of embedded PGlite.
 */
describe.runIf(process.env.DATABASE_URL)('upkeep, one replica at a time', () => {
  let stack: Awaited<ReturnType<typeof startShipmentsApi>>

  beforeAll(async () => {
    stack = await startShipmentsApi()
  }, 60_000)
  afterAll(() => stack?.api.close())

  /** A proof recorded longer ago than PROOF_RETENTION_DAYS. */
  async function expiredProof() {
    const { sql, deps } = { sql: stack.api.db.sql, deps: stack.api.deps }
    const shipment = await stack.shipmentIn('delivered')
    const proof = await insertDeliveryProof(sql, {
      shipmentId: shipment.id,
      outcome: 'delivered',
      photoKeys: [],
      signatureKey: null,
      recipientName: 'Rita Sousa',
      leftAtDoor: false,
      recordedBy: null,
    })
    const days = deps.config.PROOF_RETENTION_DAYS + 1
    await sql`
      update delivery_proofs set recorded_at = now() - make_interval(days => ${days})
      where id = ${proof.id}
    `
    return proof.id
  }

  const kept = async (id: string) =>
    (await stack.api.db.sql`select 1 from delivery_proofs where id = ${id}`).length === 1

  it('skips its round while another replica holds the upkeep, and does it once that one is done', async () => {
    const id = await expiredProof()
    let release = () => {}
    let holding = () => {}
    const held = new Promise<void>((resolve) => (holding = resolve))
    const otherReplica = stack.api.db.sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${UPKEEP_LOCK})`
      holding()
      await new Promise<void>((resolve) => (release = resolve))
    })
    await held

    const skipped = startUpkeep(stack.api.deps, { oneReplicaAtATime: true })
    await skipped.firstRound
    skipped.stop()
    expect(await kept(id)).toBe(true)

    release()
    await otherReplica
    const upkeep = startUpkeep(stack.api.deps, { oneReplicaAtATime: true })
    await upkeep.firstRound
    upkeep.stop()
    expect(await kept(id)).toBe(false)
  })
})
