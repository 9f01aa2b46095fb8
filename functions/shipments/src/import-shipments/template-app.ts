import { BEARER, problems, requireAuth, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { importTemplate } from './template'

export const templateRoute = createRoute({
  method: 'get',
  path: '/api/shipments/import/template',
  operationId: 'importShipmentsTemplate',
  summary: 'A CSV with the columns the import takes and an example row',
  security: BEARER,
  responses: {
    200: {
      description: 'The template',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...problems(401, 403),
  },
})

export function importTemplateApp(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...templateRoute, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher'])] },
    (c) =>
      c.body(importTemplate(), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="shipments-template.csv"',
      }),
  )
}
