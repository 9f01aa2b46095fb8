import type { KubernetesObject } from '@kubernetes/client-node'

/** Every object the monitor watches is namespaced; the fallback only keeps types honest. */
export function namespaceOf(object: KubernetesObject): string {
  return object.metadata?.namespace ?? 'default'
}

export function nameOf(object: KubernetesObject): string {
  return object.metadata?.name ?? 'unknown'
}
