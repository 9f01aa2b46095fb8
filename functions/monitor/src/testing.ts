import type { V1Deployment, V1Pod } from '@kubernetes/client-node'
import type { Condition, PodAutoscaler, Revision } from './rules/knative'

// Objects as the API server returns them, trimmed to what the rules read; for tests.

const NAMESPACE = 'dropmate'
const PART_OF = { 'app.kubernetes.io/part-of': 'dropmate' }

/** The PodAutoscaler of a function's first Revision, as Knative names it. */
export function podAutoscaler(
  service: string,
  scale: { desiredScale?: number; actualScale?: number },
  { maxScale }: { maxScale?: number } = {},
): PodAutoscaler {
  const revision = `${service}-00001`
  return {
    apiVersion: 'autoscaling.internal.knative.dev/v1alpha1',
    kind: 'PodAutoscaler',
    metadata: {
      name: revision,
      namespace: NAMESPACE,
      labels: {
        ...PART_OF,
        'serving.knative.dev/service': service,
        'serving.knative.dev/revision': revision,
      },
      annotations:
        maxScale === undefined ? {} : { 'autoscaling.knative.dev/max-scale': String(maxScale) },
    },
    status: scale,
  }
}

export function revision(
  service: string,
  ready: Condition['status'],
  { reason, message, maxScale }: { reason?: string; message?: string; maxScale?: number } = {},
): Revision {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Revision',
    metadata: {
      name: `${service}-00001`,
      namespace: NAMESPACE,
      labels: { ...PART_OF, 'serving.knative.dev/service': service },
      annotations:
        maxScale === undefined ? {} : { 'autoscaling.knative.dev/max-scale': String(maxScale) },
    },
    status: { conditions: [{ type: 'Ready', status: ready, reason, message }] },
  }
}

export interface ContainerState {
  name?: string
  restartCount: number
  /** The waiting reason, as kubelet reports it: CrashLoopBackOff, ContainerCreating… */
  waiting?: string
  /** How the container's previous run ended. */
  lastExit?: { reason: string; exitCode: number }
  memoryLimit?: string
}

/** A pod with one container per state, named `app` unless given a name. */
export function pod(name: string, ...containers: ContainerState[]): V1Pod {
  const named = containers.map((state) => ({ ...state, name: state.name ?? 'app' }))
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NAMESPACE, labels: { ...PART_OF } },
    spec: {
      containers: named.map((state) => ({
        name: state.name,
        image: 'dropmate-realtime',
        resources: state.memoryLimit ? { limits: { memory: state.memoryLimit } } : {},
      })),
    },
    status: {
      containerStatuses: named.map((state) => ({
        name: state.name,
        image: 'dropmate-realtime',
        imageID: '',
        ready: state.waiting === undefined,
        restartCount: state.restartCount,
        state: state.waiting ? { waiting: { reason: state.waiting } } : { running: {} },
        lastState: state.lastExit ? { terminated: state.lastExit } : {},
      })),
    },
  }
}

export function deployment(
  name: string,
  { replicas, available }: { replicas: number; available: number },
  labels: Record<string, string> = {},
): V1Deployment {
  const selector = { 'app.kubernetes.io/name': name }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NAMESPACE, labels: { ...PART_OF, ...selector, ...labels } },
    spec: {
      replicas,
      selector: { matchLabels: selector },
      template: { metadata: { labels: selector } },
    },
    status: {
      replicas,
      availableReplicas: available,
      readyReplicas: available,
      updatedReplicas: replicas,
    },
  }
}
