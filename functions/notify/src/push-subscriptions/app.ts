import { BEARER, jsonBody, problems, requireAuth, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { deletePushSubscription, savePushSubscription } from '@dropmate/db'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { endpointProblem, isP256PublicKey } from './subscription-checks'

const base64url = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url')
    .refine((text) => Buffer.from(text, 'base64url').length === bytes, {
      error: `must encode ${bytes} bytes`,
    })

const Endpoint = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2_000)
  .openapi({ description: "This browser's URL at its push service (FCM, Mozilla, WNS, Apple)" })

/** A browser's PushSubscription, as its toJSON() gives it. */
const Subscription = z
  .object({
    endpoint: Endpoint,
    expirationTime: z.number().nullable().optional(),
    keys: z.strictObject({
      p256dh: base64url(65).openapi({ description: "The browser's P-256 public key" }),
      auth: base64url(16).openapi({ description: 'The authentication secret' }),
    }),
  })
  .openapi('PushSubscription')

export const route = createRoute({
  method: 'put',
  path: '/api/push-subscriptions',
  operationId: 'subscribeToPushes',
  summary: "Drivers: this phone's installed app takes a push for each new delivery",
  description:
    'Saving the same endpoint again keeps one subscription with its current keys. Pushes are ' +
    'signed with the VAPID key /config.json names; without one, 503 push_unavailable.',
  security: BEARER,
  request: { body: jsonBody(Subscription) },
  responses: {
    204: { description: 'Saved' },
    ...problems(400, 401, 403, 413, 415, 503),
  },
})

export const unsubscribeRoute = createRoute({
  method: 'delete',
  path: route.path,
  operationId: 'unsubscribeFromPushes',
  summary: "Drivers: no more pushes to this phone's app",
  security: BEARER,
  request: { body: jsonBody(z.strictObject({ endpoint: Endpoint })) },
  responses: {
    204: { description: 'Forgotten, or never saved' },
    ...problems(400, 401, 403, 413, 415),
  },
})

/** `PUT` and `DELETE /api/push-subscriptions`: a driver's app asks for pushes, or stops. */
export function pushSubscriptions(deps: ApiDeps) {
  const { config } = deps
  return createApiApp<ApiEnv>()
    .openapi({ ...route, middleware: [requireAuth(deps.auth, ['driver'])] }, async (c) => {
      if (!config.VAPID_PUBLIC_KEY || !config.VAPID_PRIVATE_KEY) {
        throw new ProblemError('push_unavailable', 'This shop has not set up notifications.')
      }
      const { endpoint, keys } = c.req.valid('json')
      const problem = endpointProblem(endpoint, config.WEB_PUSH_ANY_SERVICE)
      if (problem) throw invalid('body.endpoint', problem)
      if (!isP256PublicKey(keys.p256dh)) {
        throw invalid('body.keys.p256dh', 'must be a public key on the P-256 curve')
      }
      await savePushSubscription(deps.sql, c.var.actor.userId, { endpoint, ...keys })
      return c.body(null, 204)
    })
    .openapi(
      { ...unsubscribeRoute, middleware: [requireAuth(deps.auth, ['driver'])] },
      async (c) => {
        await deletePushSubscription(deps.sql, c.var.actor.userId, c.req.valid('json').endpoint)
        return c.body(null, 204)
      },
    )
}

function invalid(field: string, message: string) {
  return new ProblemError('invalid_request', `${field}: ${message}`, {
    errors: [{ field, message }],
  })
}
