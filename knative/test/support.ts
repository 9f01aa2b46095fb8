import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { loadKustomization, podSpec, type Loaded, type Manifest } from '../src/manifests'
import { ROOT } from '../src/sources'

export const OVERLAYS = ['doks', 'self-managed'] as const
export type Overlay = (typeof OVERLAYS)[number]

const cache = new Map<string, Promise<Loaded[]>>()

/** The objects an overlay (or `base`, `cluster`, `monitoring`) builds, read without kubectl. */
export function build(dir: Overlay | 'base' | 'cluster' | 'monitoring'): Promise<Loaded[]> {
  const path = OVERLAYS.includes(dir as Overlay) ? `overlays/${dir}` : dir
  if (!cache.has(path)) cache.set(path, loadKustomization(join(ROOT, 'knative', path)))
  return cache.get(path)!
}

export function isKnativeService(object: Manifest) {
  return object.apiVersion === 'serving.knative.dev/v1' && object.kind === 'Service'
}

export interface Workload {
  object: Manifest
  pod: Manifest
  label: string
}

/** Every object that runs pods, with its pod spec. */
export function workloads(loaded: Loaded[]): Workload[] {
  return loaded.flatMap(({ object }) => {
    const pod = podSpec(object)
    return pod ? [{ object, pod, label: `${object.kind} ${object.metadata.name}` }] : []
  })
}

/** The objects of one kind (and apiVersion, when given). */
export function ofKind(loaded: Loaded[], kind: string, apiVersion?: string): Manifest[] {
  return loaded
    .map(({ object }) => object)
    .filter((object) => object.kind === kind && (!apiVersion || object.apiVersion === apiVersion))
}

/** Whether kubectl is on this machine: the tests that build with `kubectl kustomize` need it. */
export const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
