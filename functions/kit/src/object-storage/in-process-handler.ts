import type { AnyApp } from '@dropmate/runtime'
import { HttpResponse, type HttpHandler, type HttpRequest } from '@smithy/protocol-http'
import { Readable } from 'node:stream'

/**
 * The SDK's HTTP handler for an endpoint served by this very process: each signed request is
 * handed to `app` as the Request it would have sent, so the SDK, the signing and the
 * endpoint's checks are the ones a network round trip would use.
 */
export function inProcessHandler(app: AnyApp): HttpHandler {
  return {
    async handle(request: HttpRequest) {
      const url = new URL(`${request.protocol}//${request.hostname}${request.path}`)
      if (request.port) url.port = String(request.port)
      for (const [name, value] of Object.entries(request.query)) {
        for (const one of [value ?? ''].flat()) url.searchParams.append(name, one)
      }
      const answer = await app.fetch(
        new Request(url, {
          method: request.method,
          headers: request.headers,
          body: request.body as RequestInit['body'],
        }),
      )
      const body = Buffer.from(await answer.arrayBuffer())
      return {
        response: new HttpResponse({
          statusCode: answer.status,
          reason: answer.statusText,
          headers: Object.fromEntries(answer.headers),
          body: Readable.from(body.length > 0 ? [body] : []),
        }),
      }
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  }
}
