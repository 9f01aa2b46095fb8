import { ConfigError, loadConfig } from '@dropmate/core'
import { logger, metricsApp, serve, shutdownOnSignals } from '@dropmate/runtime'
import { KubeConfig } from '@kubernetes/client-node'
import { createMonitorApp, monitorHealth } from './app'
import { loadMonitorConfig } from './config'
import { startMonitor } from './monitor'

// The scaling monitor as a Deployment of its own: one replica (two would send every alert
// twice), no database, watching the Kubernetes API of its own namespace.
async function main() {
  const config = loadConfig(process.env)
  const settings = { ...config, ...loadMonitorConfig(process.env) }
  const kubeConfig = new KubeConfig()
  // In the pod: its service account's token and the cluster's CA; elsewhere ~/.kube/config.
  kubeConfig.loadFromDefault()
  const monitor = startMonitor({ kubeConfig, settings })
  let draining = false
  const app = createMonitorApp([
    monitorHealth(monitor, () => draining),
    metricsApp({ token: config.METRICS_TOKEN }),
  ])
  const running = await serve({
    fetch: app.fetch,
    port: config.PORT,
    hostname: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    onDraining: async () => {
      draining = true
      await monitor.stop()
    },
  })
  shutdownOnSignals(running.shutdown)
}

main().catch((error: unknown) => {
  // An operator's mistake reads best as one plain line, as every DropMate process prints it.
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`)
  else logger.fatal({ err: error }, 'start-up failed')
  process.exit(1)
})
