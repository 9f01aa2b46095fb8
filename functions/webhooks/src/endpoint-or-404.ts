import { findWebhookEndpoint, type Queryable, type WebhookEndpointRow } from '@dropmate/db'
import { ProblemError } from '@dropmate/runtime'

/** A catalogued 404 for an endpoint id no row has. */
export const webhookNotFound = () =>
  new ProblemError('webhook_not_found', 'No webhook endpoint has this id.')

/** The endpoint with this id, or the 404 problem. */
export async function endpointOr404(sql: Queryable, id: string): Promise<WebhookEndpointRow> {
  const endpoint = await findWebhookEndpoint(sql, id)
  if (!endpoint) throw webhookNotFound()
  return endpoint
}
