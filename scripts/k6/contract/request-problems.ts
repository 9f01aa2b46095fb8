import type { Sample } from './k6-output'

/** The parts of the API's OpenAPI document (`GET /api/openapi.json`) the judgement reads. */
export interface OpenApi {
  paths: Record<string, Record<string, unknown>>
}

/**
 * What is wrong with the HTTP requests a k6 run made (its `http_reqs` samples), against the
 * API's OpenAPI document: every request is tagged with an `endpoint`, named by a documented
 * route (`name`; k6 then reports it as the `url` too, so the path itself is not in the
 * output), calls that route with a method it has, and was answered with success (the default of k6's `http_req_failed`). A check that
 * failed is named too: k6 counts it but goes on.
 */
export function requestProblems(samples: Sample[], api: OpenApi): string[] {
  const problems = samples
    .filter((sample) => sample.metric === 'http_reqs')
    .flatMap(({ tags }) => problemsOf(tags, api).map((p) => `${tags.method} ${tags.name}: ${p}`))
  const failedChecks = samples
    .filter((sample) => sample.metric === 'checks' && sample.value === 0)
    .map((sample) => `check "${sample.tags.check}" failed`)
  return [...new Set([...problems, ...failedChecks])]
}

function problemsOf(tags: Record<string, string>, api: OpenApi): string[] {
  const problems: string[] = []
  if (!tags.endpoint) problems.push('no endpoint tag')
  const route = tags.name ?? ''
  const operations = api.paths[route]
  if (!operations) {
    problems.push(`its name tag ${JSON.stringify(route)} is no route the API documents`)
  } else if (!operations[(tags.method ?? '').toLowerCase()]) {
    problems.push(`${route} takes no ${tags.method}`)
  }
  const status = Number(tags.status)
  if (!(status >= 200 && status < 400)) problems.push(`answered ${tags.status}`)
  return problems
}
