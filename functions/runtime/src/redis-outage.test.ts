import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { onError } from './problem'

function appThatThrows(error: Error) {
  const app = new Hono().get('/boom', () => {
    throw error
  })
  app.onError(onError)
  return app
}

/** Shaped as ioredis rejects a command: its own error classes, or Redis's reply. */
function redisError(name: string, message: string) {
  return Object.assign(new Error(message), { name })
}

describe('a request that needed an unreachable Redis', () => {
  it.each([
    redisError('MaxRetriesPerRequestError', 'Reached the max retries per request limit'),
    new Error('Connection is closed.'),
    new Error("Stream isn't writeable and enableOfflineQueue options is false"),
    new Error('Command timed out'),
    redisError('ReplyError', 'LOADING Redis is loading the dataset in memory'),
    redisError('ReplyError', "READONLY You can't write against a read only replica."),
    new Error('nearby drivers failed', { cause: new Error('Connection is closed.') }),
  ])('answers 503 with Retry-After: $message', async (error) => {
    const response = await appThatThrows(error).request('/boom')
    expect(response.status).toBe(503)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(response.headers.get('retry-after')).toBe('1')
    expect(await response.json()).toMatchObject({ status: 503, code: 'redis_unavailable' })
  })

  it('is still a 500 when Redis answered that the command was wrong', async () => {
    const wrong = redisError(
      'ReplyError',
      'WRONGTYPE Operation against a key holding the wrong kind',
    )
    const response = await appThatThrows(wrong).request('/boom')
    expect(response.status).toBe(500)
  })
})
