import {
  BEARER,
  IdParam,
  jsonBody,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
  type Principal,
} from '@dropmate/kit'
import type { Role } from '@dropmate/core'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { LABEL_SIZES, MAX_LABELS, type LabelSize } from '@dropmate/contracts/rest/labels'
import { labelContent, renderLabels, type LabelContent } from '../labels'
import { shipmentView } from '../shipment-view'
import { findVisibleShipment } from '../visibility'

// Drivers scan labels, they do not print them; a customer prints their own parcels' labels.
const PRINTERS: Role[] = ['admin', 'dispatcher', 'customer']

const Size = z
  .enum(LABEL_SIZES)
  .default('a4')
  .openapi({ description: 'A4 sheets of four labels, or one 4×6 in label a page' })

const Pdf = {
  description: 'The labels, ready to print',
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
}

export const labelRoute = createRoute({
  method: 'get',
  path: '/api/shipments/{id}/label',
  operationId: 'printLabelsForShipment',
  summary: "A shipment's label as a PDF",
  security: BEARER,
  request: { params: IdParam, query: z.object({ size: Size }) },
  responses: { 200: Pdf, ...problems(400, 401, 403, 404) },
})

const LabelsBody = z
  .strictObject({
    ids: z
      .array(z.uuid({ error: 'must be a UUID' }))
      .min(1)
      .max(MAX_LABELS),
    size: Size,
  })
  .openapi('LabelSelection')

export const sheetRoute = createRoute({
  method: 'post',
  path: '/api/shipments/labels',
  operationId: 'printLabelsForSelection',
  summary: 'Labels for a selection of shipments, in the order given, as one PDF',
  security: BEARER,
  request: { body: jsonBody(LabelsBody) },
  responses: { 200: Pdf, ...problems(400, 401, 403, 404, 413) },
})

export function printLabels(deps: ApiDeps) {
  const settings = { publicUrl: deps.config.PUBLIC_URL, timeZone: deps.config.SHOP_TIME_ZONE }
  // Every shipment, or none: a sheet missing a parcel the dispatcher ticked is worse than a 404.
  const labelsOf = async (ids: string[], actor: Principal) =>
    Promise.all(
      [...new Set(ids)].map(async (id) => {
        const shipment = await findVisibleShipment(deps.sql, id, actor)
        return labelContent(shipmentView(shipment, actor), settings)
      }),
    )
  const pdf = async (c: Context<ApiEnv>, labels: LabelContent[], size: LabelSize, name: string) => {
    const bytes = await renderLabels(labels, size)
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      // A download named after what it holds; inline, so a browser tab can print it at once.
      'content-disposition': `inline; filename="${name}-${size}.pdf"`,
      'cache-control': 'no-store',
    })
  }
  const auth = requireAuth(deps.auth, PRINTERS)
  return createApiApp<ApiEnv>()
    .openapi({ ...labelRoute, middleware: [auth] }, async (c) => {
      const [label] = await labelsOf([c.req.valid('param').id], c.var.actor)
      return pdf(c, [label!], c.req.valid('query').size, `label-${label!.trackingNumber}`)
    })
    .openapi({ ...sheetRoute, middleware: [auth] }, async (c) => {
      const { ids, size } = c.req.valid('json')
      const labels = await labelsOf(ids, c.var.actor)
      return pdf(c, labels, size, `labels-${labels.length}`)
    })
}
