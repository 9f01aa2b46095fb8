import { loadTriggers } from '@dropmate/broker/triggers'
import { WEBHOOK_EVENT_TYPES } from '@dropmate/contracts/rest/webhooks'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const TRIGGERS = fileURLToPath(new URL('../../../knative/triggers', import.meta.url))

describe('the webhooks Triggers', () => {
  it('bring the receiver exactly the event types an endpoint may ask for', async () => {
    const triggers = (await loadTriggers(TRIGGERS)).filter((t) =>
      t.subscriber.uri?.startsWith('/webhooks/'),
    )
    const types = triggers.map((t) => t.filter.type)
    expect(types.toSorted()).toEqual([...WEBHOOK_EVENT_TYPES].toSorted())
    for (const trigger of triggers) {
      expect(trigger.subscriber.ref).toMatchObject({ name: 'webhooks-receiver' })
    }
  })
})
