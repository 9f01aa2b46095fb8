import { rm } from 'node:fs/promises'
import { freePort } from '../bench/child'
import { supervise, type Supervised } from './supervisor'
import { writeTriggers } from './triggers'

export interface Stack {
  /** By role: `server` alone, or `api`, `ingest`, `dispatcher` and `gateway`. */
  processes: Record<string, Supervised>
  endpoints: { api: string; ingest: string; gateway: string }
  /** Whether every process answers /ready now (waiting up to `timeoutMs`). */
  ready(timeoutMs: number): Promise<boolean>
  stop(): Promise<void>
}

export type ShapeName = 'one-process' | 'cluster'

const urlOf = (port: number) => `http://127.0.0.1:${port}`

/**
 * The processes of a shape, started on ports fixed for the scenario, with Triggers that name
 * them: the one-process server (`npm start`), or the cluster's processes as their
 * Deployments and Knative Services run them.
 */
export async function startShape(
  shape: ShapeName,
  env: Record<string, string | undefined>,
  sinkUrl: string,
  onLine?: (role: string, line: string) => void,
): Promise<Stack> {
  const tell = (role: string) => onLine && ((line: string) => onLine(role, line))
  if (shape === 'one-process') {
    const port = await freePort()
    const triggers = await writeTriggers(
      { 'notify-receiver': urlOf(port), 'webhooks-receiver': urlOf(port), realtime: urlOf(port) },
      sinkUrl,
    )
    const server = supervise({
      name: 'server',
      script: 'functions/server/src/main.ts',
      env: { ...env, TRIGGERS_DIR: triggers },
      port,
      onLine: tell('server'),
    })
    const url = server.url
    return stackOf({ server }, { api: url, ingest: url, gateway: url }, triggers)
  }
  const [api, ingest, dispatcher, gateway] = await Promise.all([1, 2, 3, 4].map(() => freePort()))
  const triggers = await writeTriggers(
    { 'notify-receiver': urlOf(api!), 'webhooks-receiver': urlOf(api!), realtime: urlOf(gateway!) },
    sinkUrl,
  )
  const shared = { ...env, TRIGGERS_DIR: triggers, MIGRATE_ON_START: 'false' }
  const processes = {
    api: supervise({
      name: 'api',
      script: 'scripts/chaos/api-main.ts',
      env: shared,
      port: api!,
      onLine: tell('api'),
    }),
    ingest: supervise({
      name: 'ingest',
      script: 'functions/server/src/function-main.ts',
      env: { ...shared, FUNCTION: 'ingest-locations' },
      port: ingest!,
      onLine: tell('ingest'),
    }),
    dispatcher: supervise({
      name: 'dispatcher',
      script: 'functions/server/src/dispatcher-main.ts',
      env: shared,
      port: dispatcher!,
      onLine: tell('dispatcher'),
    }),
    gateway: supervise({
      name: 'gateway',
      script: 'realtime/src/main.ts',
      env: shared,
      port: gateway!,
      onLine: tell('gateway'),
    }),
  }
  const endpoints = {
    api: processes.api.url,
    ingest: processes.ingest.url,
    gateway: processes.gateway.url,
  }
  return stackOf(processes, endpoints, triggers)
}

function stackOf(
  processes: Record<string, Supervised>,
  endpoints: Stack['endpoints'],
  triggersDir: string,
): Stack {
  return {
    processes,
    endpoints,
    async ready(timeoutMs) {
      const answers = await Promise.all(
        Object.values(processes).map((each) => each.answers('/ready', timeoutMs)),
      )
      return answers.every(Boolean)
    },
    async stop() {
      await Promise.all(Object.values(processes).map((each) => each.stop()))
      await rm(triggersDir, { recursive: true, force: true })
    },
  }
}
