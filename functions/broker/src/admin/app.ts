import { onError, problem } from '@dropmate/runtime'
import { Hono } from 'hono'
import { brokerAccess, type BrokerAccess } from '@dropmate/events'
import { decodeEvent, toJsonFormat } from '@dropmate/events'
import { ERROR_EXTENSIONS, REPLAY_EXTENSION } from '../delivery'
import type { TriggerStats } from '../dispatcher'
import type { BrokerTransport, DeadLetter } from '@dropmate/events'

export interface BrokerAdminDeps extends BrokerAccess {
  transport: BrokerTransport
  stats: () => Promise<{ triggers: Record<string, TriggerStats>; lag: Record<string, number> }>
}

/**
 * Operations on the broker, for `npm run events`: dead letters to list and replay, and
 * delivery figures. Same access rule as the ingress.
 */
export function brokerAdmin(deps: BrokerAdminDeps) {
  const { transport } = deps
  const app = new Hono()
  app.onError(onError)
  app.use('/broker/*', brokerAccess(deps))

  app.get('/broker/dead-letters', async (c) => {
    const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 50) || 50, 1), 1000)
    const letters = await transport.listDeadLetters(limit)
    return c.json({ items: letters.map(view) })
  })

  app.post('/broker/dead-letters/replay', async (c) => {
    const letters = await transport.listDeadLetters(1000)
    for (const letter of letters) await replay(letter)
    return c.json({ replayed: letters.length })
  })

  app.post('/broker/dead-letters/:id/replay', async (c) => {
    const letter = (await transport.listDeadLetters(1000)).find((l) => l.id === c.req.param('id'))
    if (!letter) return problem(c, 'dead_letter_not_found', 'No dead letter has this id.')
    await replay(letter)
    return c.json({ replayed: 1 })
  })

  app.get('/broker/stats', async (c) => c.json(await deps.stats()))

  /** Back into the log for its Trigger only, without the marks of its failure. */
  async function replay(letter: DeadLetter) {
    const json = toJsonFormat(decodeEvent(letter.event))
    for (const name of ERROR_EXTENSIONS) delete json[name]
    json[REPLAY_EXTENSION] = letter.trigger
    await transport.append([JSON.stringify(json)])
    await transport.removeDeadLetter(letter.id)
  }

  return app
}

function view(letter: DeadLetter) {
  const event = toJsonFormat(decodeEvent(letter.event))
  return { id: letter.id, trigger: letter.trigger, deadAt: letter.deadAt.toISOString(), event }
}
