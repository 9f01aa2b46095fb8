import { WebhookEndpoint, WebhookEndpointWithSecret } from '@dropmate/contracts/rest/webhooks'
import { BEARER, IdParam, json, jsonBody, problems } from '@dropmate/kit'
import { createRoute, z } from '@hono/zod-openapi'
import { EndpointPatch, NewEndpoint } from './schemas'

const Endpoint = WebhookEndpoint.meta({ id: 'WebhookEndpoint' })
const WithSecret = WebhookEndpointWithSecret.meta({ id: 'WebhookEndpointWithSecret' })

export const listRoute = createRoute({
  method: 'get',
  path: '/api/webhooks',
  operationId: 'listWebhooks',
  summary: 'The registered webhook endpoints, without their secrets (admins)',
  security: BEARER,
  responses: {
    200: json(z.object({ items: z.array(Endpoint) }), 'Every endpoint, oldest first'),
    ...problems(401, 403),
  },
})

export const createEndpointRoute = createRoute({
  method: 'post',
  path: '/api/webhooks',
  operationId: 'createWebhook',
  summary: 'Register a webhook endpoint; its signing secret is shown once, now (admins)',
  description:
    'The URL must be https (http only with WEBHOOKS_ALLOW_HTTP) and on the public internet: ' +
    'private, loopback, link-local, CGNAT, multicast and unspecified addresses are refused ' +
    'unless WEBHOOKS_ALLOW_PRIVATE (422 webhook_url_refused).',
  security: BEARER,
  request: { body: jsonBody(NewEndpoint) },
  responses: {
    201: json(WithSecret, 'The endpoint, with its secret'),
    ...problems(400, 401, 403, 413, 415, 422),
  },
})

export const getRoute = createRoute({
  method: 'get',
  path: '/api/webhooks/{id}',
  operationId: 'getWebhook',
  summary: 'One webhook endpoint, without its secret (admins)',
  security: BEARER,
  request: { params: IdParam },
  responses: { 200: json(Endpoint, 'The endpoint'), ...problems(400, 401, 403, 404) },
})

export const updateRoute = createRoute({
  method: 'patch',
  path: '/api/webhooks/{id}',
  operationId: 'updateWebhook',
  summary: "Change an endpoint's URL, event types, description, or turn it on or off (admins)",
  security: BEARER,
  request: { params: IdParam, body: jsonBody(EndpointPatch) },
  responses: {
    200: json(Endpoint, 'The endpoint as changed'),
    ...problems(400, 401, 403, 404, 413, 415, 422),
  },
})

export const deleteRoute = createRoute({
  method: 'delete',
  path: '/api/webhooks/{id}',
  operationId: 'deleteWebhook',
  summary: 'Remove an endpoint with its delivery log (admins)',
  security: BEARER,
  request: { params: IdParam },
  responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404) },
})

export const rotateRoute = createRoute({
  method: 'post',
  path: '/api/webhooks/{id}/secret',
  operationId: 'rotateWebhookSecret',
  summary: 'Give an endpoint a new signing secret, shown once, now; the old one stops (admins)',
  security: BEARER,
  request: { params: IdParam },
  responses: {
    200: json(WithSecret, 'The endpoint, with its new secret'),
    ...problems(400, 401, 403, 404),
  },
})
