import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { notFound, onError, ProblemError } from './problem'

function appThatThrows(error: Error) {
  const app = new Hono().get('/boom', () => {
    throw error
  })
  app.onError(onError)
  app.notFound(notFound)
  return app
}

describe('problem responses', () => {
  it('keep the status and stable code of a known error', async () => {
    const app = appThatThrows(new ProblemError('invalid_transition', 'Moved.'))
    const response = await app.request('/boom')
    expect(response.status).toBe(409)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'invalid_transition',
      detail: 'Moved.',
    })
  })

  it('never leak the internals of an unexpected error', async () => {
    const app = appThatThrows(new Error('relation "shipments" does not exist at /srv/app.ts:12'))
    const response = await app.request('/boom')
    expect(response.status).toBe(500)
    const body = await response.text()
    expect(body).toContain('internal_error')
    expect(body).not.toContain('shipments')
  })

  it('tell the client to come back when the database connection went away', async () => {
    const lost = Object.assign(new Error('write CONNECTION_CLOSED 10.0.0.5:25060'), {
      code: 'CONNECTION_CLOSED',
    })
    const response = await appThatThrows(lost).request('/boom')
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('1')
    const body = await response.json()
    expect(body).toMatchObject({ code: 'database_unavailable' })
    expect(JSON.stringify(body)).not.toContain('10.0.0.5')
  })

  it('answer unknown routes with a 404 problem', async () => {
    const response = await appThatThrows(new Error()).request('/nowhere')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ code: 'route_not_found' })
  })
})
