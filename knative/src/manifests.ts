import { readFile, stat } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import { parse, parseAllDocuments } from 'yaml'
import { ROOT } from './sources'

// Kubernetes objects are open-ended JSON; checks read them field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = Record<string, any>

export interface Loaded {
  object: Manifest
  /** The file it came from, relative to the repository root. */
  file: string
}

/** Every document of a YAML file; throws on invalid YAML, naming the file. */
export async function readDocuments(path: string): Promise<Manifest[]> {
  const documents = parseAllDocuments(await readFile(path, 'utf8'))
  return documents.map((document) => {
    const [error] = document.errors
    if (error) throw new Error(`${relative(ROOT, path)}: ${error.message}`)
    return document.toJS() as Manifest
  })
}

/**
 * The objects a kustomization builds, without kubectl: its resources (files, and folders
 * with their own kustomization), its ConfigMap generators (without name hashes), the patches
 * of its components, and its strategic-merge patches by file, applied as a deep merge of
 * maps. That is all our kustomizations use; kubectl kustomize checks the real build where
 * kubectl is present.
 */
export async function loadKustomization(dir: string): Promise<Loaded[]> {
  const kustomization = parse(await readFile(join(dir, 'kustomization.yaml'), 'utf8')) as Manifest
  const loaded: Loaded[] = []
  for (const resource of kustomization.resources ?? []) {
    const path = join(dir, resource)
    if ((await stat(path)).isDirectory()) loaded.push(...(await loadKustomization(path)))
    else {
      const file = relative(ROOT, path)
      for (const object of await readDocuments(path)) if (object) loaded.push({ object, file })
    }
  }
  for (const generator of kustomization.configMapGenerator ?? []) {
    const data: Record<string, string> = {}
    for (const file of generator.files ?? []) {
      data[basename(file)] = await readFile(join(dir, file), 'utf8')
    }
    loaded.push({
      file: relative(ROOT, join(dir, 'kustomization.yaml')),
      object: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: generator.name, labels: generator.options?.labels ?? {} },
        data,
      },
    })
  }
  // A component (kind: Component) patches what the kustomization that lists it builds.
  for (const component of kustomization.components ?? []) {
    const path = join(dir, component)
    const parsed = parse(await readFile(join(path, 'kustomization.yaml'), 'utf8')) as Manifest
    if (parsed.kind !== 'Component') throw new Error(`${path}: not a kustomize Component`)
    await applyPatches(path, parsed.patches ?? [], loaded)
  }
  await applyPatches(dir, kustomization.patches ?? [], loaded)
  if (kustomization.namespace) {
    for (const { object } of loaded) {
      if (!CLUSTER_SCOPED.has(object.kind)) {
        object.metadata = { ...object.metadata, namespace: kustomization.namespace }
      }
    }
  }
  return loaded
}

async function applyPatches(dir: string, patches: Manifest[], loaded: Loaded[]) {
  for (const patch of patches) {
    if (!patch.path) throw new Error(`${dir}: only patches by path are understood here`)
    for (const change of await readDocuments(join(dir, patch.path))) {
      const target = loaded.find(
        ({ object }) =>
          object.kind === change.kind && object.metadata?.name === change.metadata?.name,
      )
      if (!target)
        throw new Error(`${dir}/${patch.path}: no ${change.kind} ${change.metadata?.name}`)
      target.object = merge(target.object, change)
    }
  }
}

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterIssuer', 'ClusterRole', 'ClusterRoleBinding'])

function merge(base: Manifest, change: Manifest): Manifest {
  const result: Manifest = { ...base }
  for (const [key, value] of Object.entries(change)) {
    const current = result[key]
    result[key] = isMap(current) && isMap(value) ? merge(current, value) : value
  }
  return result
}

function isMap(value: unknown): value is Manifest {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The pod template of a workload object, whatever its kind. */
export function podSpec(object: Manifest): Manifest | undefined {
  if (object.kind === 'Service' && object.apiVersion === 'serving.knative.dev/v1') {
    return object.spec?.template?.spec
  }
  if (['Deployment', 'StatefulSet', 'Job', 'DaemonSet'].includes(object.kind)) {
    return object.spec?.template?.spec
  }
  return undefined
}
