import { createShell, runHttpProcess } from '@dropmate/kit'
import { realtimeApps } from './app'
import { createRealtimeGateway } from './gateway'

// The realtime gateway alone, as a Deployment (Knative would cut its WebSockets): Socket.io
// and the broker's deliveries on PORT; several replicas share rooms through Redis.
runHttpProcess(async ({ api, isDraining }) => {
  const gateway = await createRealtimeGateway({ deps: api })
  return {
    fetch: createShell(api, realtimeApps(gateway, api.config, isDraining)).fetch,
    attach: gateway.attach,
    onDraining: gateway.drain,
  }
})
