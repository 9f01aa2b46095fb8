import {
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookEndpoints,
  updateWebhookEndpoint,
} from '@dropmate/db'
import { requireAuth, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { checkEndpointUrl } from '../endpoint-url'
import { newWebhookSecret, sealWebhookSecret } from '../secret'
import { endpointView } from '../views'
import {
  createEndpointRoute,
  deleteRoute,
  getRoute,
  listRoute,
  rotateRoute,
  updateRoute,
} from './routes'

export const routes = [listRoute, createEndpointRoute, getRoute, updateRoute, deleteRoute, rotateRoute]

const notFound = () => new ProblemError('webhook_not_found', 'No webhook endpoint has this id.')

/** The admins' webhook settings: register, list, change, remove endpoints, rotate secrets. */
export function manageWebhooks(deps: ApiDeps) {
  const admins = { middleware: [requireAuth(deps.auth, ['admin'])] }
  const { sql, config } = deps
  const seal = (secret: string) => sealWebhookSecret(secret, config.WEBHOOKS_SECRET_KEY)
  return createApiApp<ApiEnv>()
    .openapi({ ...listRoute, ...admins }, async (c) => {
      const rows = await listWebhookEndpoints(sql)
      return c.json({ items: rows.map(endpointView) }, 200)
    })
    .openapi({ ...createEndpointRoute, ...admins }, async (c) => {
      const body = c.req.valid('json')
      const secret = newWebhookSecret()
      const row = await insertWebhookEndpoint(sql, {
        url: await checkEndpointUrl(body.url, config),
        eventTypes: body.eventTypes,
        description: body.description ?? '',
        enabled: body.enabled ?? true,
        secret: seal(secret),
      })
      return c.json({ ...endpointView(row), secret }, 201)
    })
    .openapi({ ...getRoute, ...admins }, async (c) => {
      const row = await findWebhookEndpoint(sql, c.req.valid('param').id)
      if (!row) throw notFound()
      return c.json(endpointView(row), 200)
    })
    .openapi({ ...updateRoute, ...admins }, async (c) => {
      const { url, ...rest } = c.req.valid('json')
      const change = { ...rest, ...(url !== undefined && { url: await checkEndpointUrl(url, config) }) }
      const row = await updateWebhookEndpoint(sql, c.req.valid('param').id, change)
      if (!row) throw notFound()
      return c.json(endpointView(row), 200)
    })
    .openapi({ ...deleteRoute, ...admins }, async (c) => {
      if (!(await deleteWebhookEndpoint(sql, c.req.valid('param').id))) throw notFound()
      return c.body(null, 204)
    })
    .openapi({ ...rotateRoute, ...admins }, async (c) => {
      const secret = newWebhookSecret()
      const row = await updateWebhookEndpoint(sql, c.req.valid('param').id, {
        secret: seal(secret),
      })
      if (!row) throw notFound()
      return c.json({ ...endpointView(row), secret }, 200)
    })
}
