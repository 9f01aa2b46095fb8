import { KubeConfig, type KubernetesObject } from '@kubernetes/client-node'
import { randomUUID } from 'node:crypto'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The collections the monitor reads, as the API server names their kinds. */
const KINDS: Record<string, string> = {
  pods: 'Pod',
  deployments: 'Deployment',
  podautoscalers: 'PodAutoscaler',
  revisions: 'Revision',
}

const COLLECTION = /^\/(?:api\/v1|apis\/[^/]+\/[^/]+)\/namespaces\/[^/]+\/([a-z]+)$/

const GONE = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'too old resource version',
  reason: 'Expired',
  code: 410,
}
const EXPIRED_EVENT = `${JSON.stringify({ type: 'ERROR', object: GONE })}\n`

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED'

interface Change {
  resourceVersion: number
  collection: string
  type: EventType
  object: KubernetesObject
}

interface OpenWatch {
  collection: string
  selector: Record<string, string>
  response: ServerResponse
}

/** How a watch learns that its resourceVersion is gone, as API servers do it both ways. */
export type ExpiryAnswer = 'event' | 'http'

/**
 * A Kubernetes API server on loopback for the collections the monitor watches, speaking
 * the list/watch protocol: a list answers the items with the collection's resourceVersion;
 * `?watch=true&resourceVersion=N` stays open (chunked) and writes one JSON watch event per
 * line for every change after N; a resourceVersion older than the last compaction gets
 * 410 Gone, as an ERROR event or as the HTTP status. Label selectors of the `k=v` form work.
 */
export async function startFakeKubeApi() {
  const objects = new Map<string, Map<string, KubernetesObject>>()
  const changes: Change[] = []
  const watches = new Set<OpenWatch>()
  const requests: string[] = []
  let resourceVersion = 100
  let compactedBefore = 0
  let expiryAnswer: ExpiryAnswer = 'event'
  let refusing: number | null = null

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://kube')
    requests.push(`${request.method} ${url.pathname}${url.search}`)
    const collection = COLLECTION.exec(url.pathname)?.[1]
    if (refusing !== null) return status(response, refusing, 'ServiceUnavailable')
    if (request.method !== 'GET' || !collection || !KINDS[collection]) {
      return status(response, 404, 'NotFound')
    }
    const selector = parseSelector(url.searchParams.get('labelSelector'))
    const watching = ['true', '1'].includes(url.searchParams.get('watch') ?? '')
    if (!watching) return list(response, url.pathname, collection, selector)
    const from = url.searchParams.get('resourceVersion')
    if (from && Number(from) < compactedBefore) return expired(response)
    watch(response, collection, selector, from ? Number(from) : undefined)
  })

  function list(
    response: ServerResponse,
    path: string,
    collection: string,
    selector: Record<string, string>,
  ) {
    const items = [...(objects.get(collection)?.values() ?? [])].filter((o) => matches(o, selector))
    const apiVersion = path.startsWith('/api/') ? 'v1' : path.split('/').slice(2, 4).join('/')
    json(response, 200, {
      kind: `${KINDS[collection]}List`,
      apiVersion,
      metadata: { resourceVersion: String(resourceVersion) },
      items,
    })
  }

  function watch(
    response: ServerResponse,
    collection: string,
    selector: Record<string, string>,
    from: number | undefined,
  ) {
    openStream(response)
    // No resourceVersion: the server starts with the current state, as ADDED events.
    const replay =
      from === undefined
        ? [...(objects.get(collection)?.values() ?? [])].map((object) => ({
            type: 'ADDED',
            object,
          }))
        : changes.filter((c) => c.collection === collection && c.resourceVersion > from)
    const open: OpenWatch = { collection, selector, response }
    for (const { type, object } of replay) send(open, type, object)
    watches.add(open)
    response.on('close', () => watches.delete(open))
  }

  function expired(response: ServerResponse) {
    if (expiryAnswer === 'http') return json(response, 410, { ...GONE, reason: 'Gone' })
    openStream(response)
    response.end(EXPIRED_EVENT)
  }

  function send(open: OpenWatch, type: string, object: KubernetesObject) {
    if (matches(object, open.selector)) open.response.write(`${JSON.stringify({ type, object })}\n`)
  }

  function record(type: EventType, object: KubernetesObject, missed: boolean) {
    const collection = collectionOf(object)
    const change = { resourceVersion, collection, type, object: structuredClone(object) }
    changes.push(change)
    if (missed) return
    for (const open of watches) {
      if (open.collection === collection) send(open, type, change.object)
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    /** Every request as `GET /path?query`, for asserting relists. */
    requests,
    /** A KubeConfig for this server, as a test builds one in code. */
    kubeConfig() {
      const kubeConfig = new KubeConfig()
      kubeConfig.loadFromOptions({
        clusters: [{ name: 'fake', server: url, skipTLSVerify: true }],
        users: [{ name: 'monitor' }],
        contexts: [{ name: 'fake', cluster: 'fake', user: 'monitor' }],
        currentContext: 'fake',
      })
      return kubeConfig
    },
    /**
     * Creates or replaces an object under a new resourceVersion. `missed`: the change is
     * stored but open watches do not hear of it, as one made while a watch was down.
     */
    apply<T extends KubernetesObject>(object: T, { missed = false } = {}): T {
      const collection = collectionOf(object)
      const stored = objects.get(collection) ?? new Map<string, KubernetesObject>()
      objects.set(collection, stored)
      const name = object.metadata!.name!
      const existed = stored.get(name)
      resourceVersion++
      const applied = structuredClone(object)
      applied.metadata = {
        ...applied.metadata,
        uid: existed?.metadata?.uid ?? randomUUID(),
        resourceVersion: String(resourceVersion),
      }
      stored.set(name, applied)
      record(existed ? 'MODIFIED' : 'ADDED', applied, missed)
      return structuredClone(applied)
    },
    remove(object: KubernetesObject) {
      const stored = objects.get(collectionOf(object))
      const existed = stored?.get(object.metadata!.name!)
      if (!existed) return
      stored!.delete(object.metadata!.name!)
      resourceVersion++
      record(
        'DELETED',
        { ...existed, metadata: { ...existed.metadata, resourceVersion: String(resourceVersion) } },
        false,
      )
    },
    /**
     * Compacts history as etcd does: every watch from an older resourceVersion is gone. Open
     * watches are ended (with an ERROR event when `answer` is 'event'); their next watch
     * gets 410 the same way, and only a new list brings them back.
     */
    expire(answer: ExpiryAnswer) {
      expiryAnswer = answer
      compactedBefore = resourceVersion
      for (const open of watches) {
        open.response.end(answer === 'event' ? EXPIRED_EVENT : undefined)
      }
    },
    /** Answers every request with `status` (503: the API server is away) until null. */
    refuse(next: number | null) {
      refusing = next
      if (next !== null) for (const open of watches) open.response.destroy()
    },
    /** Open watches of a collection: the monitor watches it once this is 1. */
    watching: (collection: string) =>
      [...watches].filter((open) => open.collection === collection).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const open of watches) open.response.end()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type FakeKubeApi = Awaited<ReturnType<typeof startFakeKubeApi>>

function collectionOf(object: KubernetesObject): string {
  const collection = Object.keys(KINDS).find((plural) => KINDS[plural] === object.kind)
  if (!collection) throw new Error(`the fake API does not serve ${object.kind}`)
  return collection
}

function parseSelector(text: string | null): Record<string, string> {
  if (!text) return {}
  return Object.fromEntries(text.split(',').map((term) => term.split('=') as [string, string]))
}

function matches(object: KubernetesObject, selector: Record<string, string>): boolean {
  const labels = object.metadata?.labels ?? {}
  return Object.entries(selector).every(([key, value]) => labels[key] === value)
}

/** A watch's answer: headers now, then one event per line for as long as it is open. */
function openStream(response: ServerResponse) {
  response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' })
  response.flushHeaders()
}

function json(response: ServerResponse, code: number, body: unknown) {
  response.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

function status(response: ServerResponse, code: number, reason: string) {
  json(response, code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code })
}
