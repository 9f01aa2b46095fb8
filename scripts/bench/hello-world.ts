import { serve } from '@hono/node-server'
import { Hono } from 'hono'

// The baseline: the same framework and HTTP server as the API, doing no work per request,
// whatever the method and path.
const app = new Hono().all('*', (c) => c.text('ok'))
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' })

// Nothing to drain or release.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0))
