import { createShell, runHttpProcess } from '@dropmate/kit'
import { webApp } from '@dropmate/web-host'
import { realtimeApps } from './app'
import { createRealtimeGateway } from './gateway'

// The realtime gateway alone, as a Deployment (Knative would cut its WebSockets): Socket.io
// and the broker's deliveries on PORT; several replicas share rooms through Redis. It also
// serves the web app's pages, always warm (knative/README.md says why).
runHttpProcess(async ({ api, isDraining }) => {
  const gateway = await createRealtimeGateway({ deps: api })
  const apps = { ...realtimeApps(gateway, api.config, isDraining), web: webApp(api) }
  return {
    fetch: createShell(api, apps).fetch,
    attach: gateway.attach,
    onDraining: gateway.drain,
  }
}, 'realtime-gateway')
