import type { Exchange, Report } from './report'

/** The parts of the API's OpenAPI document (`GET /api/openapi.json`) the judgement reads. */
export interface OpenApi {
  paths: Record<string, Record<string, { security?: unknown[] }>>
}

/** `/api/shipments/{id}/assign` as a pattern for one path segment per placeholder. */
const patternOf = (route: string) =>
  new RegExp(`^${route.replace(/\{\w+\}/g, '[^/]+').replace(/\//g, '\\/')}$`)

/**
 * What is wrong with the requests a script made, against the running API and its OpenAPI
 * document: every request is tagged with an `endpoint` and named by a documented route
 * (`name`), calls that route with a method it has, signs in where the route needs it, says
 * what its body is, and was answered with success (the default of k6's `http_req_failed`).
 */
export function requestProblems({ exchanges }: Report, api: OpenApi): string[] {
  return exchanges.flatMap((exchange) =>
    problemsOf(exchange, api).map((p) => `${said(exchange)}: ${p}`),
  )
}

function said({ method, url }: Exchange): string {
  const { pathname, search } = new URL(url)
  return `${method} ${pathname}${search}`
}

function problemsOf({ method, url, headers, body, status, tags }: Exchange, api: OpenApi) {
  const problems: string[] = []
  if (!tags.endpoint) problems.push('no endpoint tag')
  const route = tags.name ?? ''
  const operations = api.paths[route]
  if (!operations) {
    problems.push(`its name tag ${JSON.stringify(route)} is no route the API documents`)
  } else {
    if (!patternOf(route).test(new URL(url).pathname)) problems.push(`not a path of ${route}`)
    const operation = operations[method.toLowerCase()]
    if (!operation) problems.push(`${route} takes no ${method}`)
    else if (operation.security?.length && !/^Bearer \S+$/.test(headers.authorization ?? '')) {
      problems.push('no bearer token, which the route needs')
    }
  }
  if (body !== null) {
    const type = headers['content-type']
    if (!type) problems.push('a body without a content type')
    else if (/json/.test(type) && !isJson(body)) problems.push(`a ${type} body that is not JSON`)
  }
  if (status < 200 || status >= 400) problems.push(`answered ${status}`)
  return problems
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
