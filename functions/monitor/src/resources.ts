import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  type V1Deployment,
  type V1Pod,
} from '@kubernetes/client-node'
import type { PodAutoscaler, Revision } from './rules/knative'

/** A kind of object the monitor lists and watches in its namespace. */
export interface WatchedResource<T extends KubernetesObject> {
  /** The API group as RBAC names it: '' for the core group. */
  group: string
  version: string
  /** The resource as RBAC and URLs name it. */
  plural: string
  labelSelector?: string
  list(kubeConfig: KubeConfig, namespace: string): Promise<KubernetesListObject<T>>
}

// Every workload the manifests deploy carries it, Knative's function pods included (from
// their template): a pod someone runs by hand to debug is not ours to alert about.
const PART_OF_DROPMATE = 'app.kubernetes.io/part-of=dropmate'

export const PODS: WatchedResource<V1Pod> = {
  group: '',
  version: 'v1',
  plural: 'pods',
  labelSelector: PART_OF_DROPMATE,
  list: (kubeConfig, namespace) =>
    kubeConfig
      .makeApiClient(CoreV1Api)
      .listNamespacedPod({ namespace, labelSelector: PART_OF_DROPMATE }),
}

export const DEPLOYMENTS: WatchedResource<V1Deployment> = {
  group: 'apps',
  version: 'v1',
  plural: 'deployments',
  labelSelector: PART_OF_DROPMATE,
  list: (kubeConfig, namespace) =>
    kubeConfig
      .makeApiClient(AppsV1Api)
      .listNamespacedDeployment({ namespace, labelSelector: PART_OF_DROPMATE }),
}

/** Knative makes these for every function; the namespace holds only DropMate's. */
export const POD_AUTOSCALERS = customResource<PodAutoscaler>(
  'autoscaling.internal.knative.dev',
  'v1alpha1',
  'podautoscalers',
)

export const REVISIONS = customResource<Revision>('serving.knative.dev', 'v1', 'revisions')

/** What the monitor reads, and so all its Role may grant (knative/base/scaling-monitor.yaml). */
export const WATCHED_RESOURCES: ReadonlyArray<WatchedResource<KubernetesObject>> = [
  PODS,
  DEPLOYMENTS,
  POD_AUTOSCALERS,
  REVISIONS,
]

/** The collection's URL path, which the informer lists and watches. */
export function collectionPath(resource: WatchedResource<KubernetesObject>, namespace: string) {
  const api = resource.group ? `/apis/${resource.group}/${resource.version}` : '/api/v1'
  return `${api}/namespaces/${namespace}/${resource.plural}`
}

/** `pods`, `deployments.apps`: how kubectl and logs name a resource. */
export function resourceName(resource: WatchedResource<KubernetesObject>): string {
  return resource.group ? `${resource.plural}.${resource.group}` : resource.plural
}

function customResource<T extends KubernetesObject>(
  group: string,
  version: string,
  plural: string,
): WatchedResource<T> {
  return {
    group,
    version,
    plural,
    list: (kubeConfig, namespace) =>
      kubeConfig
        .makeApiClient(CustomObjectsApi)
        .listNamespacedCustomObject({ group, version, namespace, plural }),
  }
}
