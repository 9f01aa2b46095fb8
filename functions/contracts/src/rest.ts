/** What the REST API answers and takes, as its OpenAPI document (/api/openapi.json) says. */
export * from './rest/accounts'
export * from './rest/drivers'
export * from './rest/shipments'
export * from './rest/tracking'
