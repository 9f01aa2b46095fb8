import { logger } from '@dropmate/runtime'
import { makeInformer, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node'
import { cappedBackoff } from './backoff'
import { collectionPath, resourceName, type WatchedResource } from './resources'
import { nameOf } from './rules/object'

export interface WatchOptions<T extends KubernetesObject> {
  kubeConfig: KubeConfig
  resource: WatchedResource<T>
  namespace: string
  /** The first wait before watching again after a failure; it doubles up to a minute. */
  retryDelayMs: number
  /** Every change: `previous` undefined when first seen, `current` undefined once deleted. */
  onChange(previous: T | undefined, current: T | undefined, name: string): void
}

export interface Watcher<T> {
  /** `pods`, `podautoscalers.autoscaling.internal.knative.dev` */
  name: string
  /** The object as last seen. */
  get(name: string): T | undefined
  /** True once listed and watching; false while a failed watch waits to start again. */
  isWatching(): boolean
  stop(): Promise<void>
}

/**
 * Lists and watches one resource in a namespace with client-node's informer, which resumes
 * from the last resourceVersion and lists again after 410 Gone, and hands each change on
 * with the object as it was before. The informer stops at any other error (a lost
 * connection, a 5xx, a refused list): this starts it again with a growing wait, so a
 * troubled API server never ends the process.
 *
 * @example
 * watchResource({ kubeConfig, resource: PODS, namespace: 'dropmate', retryDelayMs: 1_000,
 *   onChange: (before, after) => console.log(before, after) })
 */
export function watchResource<T extends KubernetesObject>(options: WatchOptions<T>): Watcher<T> {
  const { kubeConfig, resource, namespace, retryDelayMs, onChange } = options
  const name = resourceName(resource)
  const informer = makeInformer<T>(
    kubeConfig,
    collectionPath(resource, namespace),
    () => resource.list(kubeConfig, namespace),
    resource.labelSelector,
  )
  // The informer's own cache already holds the new object when it calls back.
  const seen = new Map<string, T>()
  let watching = false
  let stopped = false
  let failures = 0
  let errors = 0
  let restart: NodeJS.Timeout | undefined

  const hand = (key: string, current: T | undefined) => {
    const previous = seen.get(key)
    if (current) seen.set(key, current)
    else seen.delete(key)
    try {
      onChange(previous, current, key)
    } catch (error) {
      // Thrown inside the informer, it would be swallowed or end the watch: log it here.
      logger.error({ err: error, resource: name, object: key }, 'handling a change failed')
    }
  }
  informer.on('add', (object) => hand(nameOf(object), object))
  informer.on('update', (object) => hand(nameOf(object), object))
  informer.on('delete', (object) => hand(nameOf(object), undefined))

  const failed = (error: unknown) => {
    errors++
    watching = false
    // Stopping aborts the open watch, which the informer reports as one more error.
    if (stopped) return
    failures++
    const retryInMs = cappedBackoff(retryDelayMs, failures)
    logger.warn({ err: error, resource: name, retryInMs }, 'watch failed, watching again soon')
    clearTimeout(restart)
    restart = setTimeout(start, retryInMs)
  }
  informer.on('error', failed)

  async function start() {
    const errorsBefore = errors
    try {
      await informer.start()
    } catch (error) {
      failed(error)
    }
    // Stopped while listing: the informer opened its watch after stop() and must close it.
    if (stopped) return informer.stop()
    if (errors !== errorsBefore) return
    watching = true
    if (failures > 0) logger.info({ resource: name, failures }, 'watching again')
    failures = 0
  }
  void start()

  return {
    name,
    get: (key) => seen.get(key),
    isWatching: () => watching,
    async stop() {
      stopped = true
      watching = false
      clearTimeout(restart)
      await informer.stop()
    },
  }
}
