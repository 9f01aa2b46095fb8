import { Driver, Shipment, TimelineEvent, Tokens, TrackingView } from '@dropmate/contracts/rest'
import { z } from 'zod'

/** What this script keeps of a sign-in. */
export type Session = Pick<Tokens, 'accessToken' | 'account'>

/**
 * DropMate's replies are checked against the API's own contract before they are trusted;
 * the error names the reply and the field.
 */
function read<T>(what: string, schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const field = issue.path.map((key) => `.${String(key)}`).join('')
  throw new Error(`${what}${field}: ${issue.message}`)
}

const SessionReply = Tokens.pick({ accessToken: true, account: true })
const TimelineReply = z.object({ items: z.array(TimelineEvent) })

export const readSession = (body: unknown): Session => read('login reply', SessionReply, body)
export const readShipment = (body: unknown) => read('shipment', Shipment, body)
export const readDriver = (body: unknown) => read('driver', Driver, body)
export const readTrackingView = (body: unknown) => read('tracking view', TrackingView, body)
export const readTimeline = (body: unknown) => read('timeline reply', TimelineReply, body).items
