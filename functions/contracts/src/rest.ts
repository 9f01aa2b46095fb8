/**
 * What the REST API answers and takes, as its OpenAPI document (/api/openapi.json) says. The
 * routes name these schemas with zod's own `.meta({ id })`, not `.openapi(id)`: that method
 * exists only on schemas made after @hono/zod-openapi extended zod, and these may be made
 * before (runtime's problem catalogue imports contracts first).
 */
export * from './rest/accounts'
export * from './rest/drivers'
export * from './rest/labels'
export * from './rest/shipments'
export * from './rest/routes'
export * from './rest/shipment-import'
export * from './rest/tracking'
export * from './rest/places'
export * from './rest/analytics'
