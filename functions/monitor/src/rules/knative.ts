import type { KubernetesObject } from '@kubernetes/client-node'

/** Knative's labels and annotations that the rules read. */
export const SERVICE_LABEL = 'serving.knative.dev/service'
export const REVISION_LABEL = 'serving.knative.dev/revision'
export const MAX_SCALE_ANNOTATION = 'autoscaling.knative.dev/max-scale'

/** A Knative Condition (knative.dev/pkg apis): status is 'True', 'False' or 'Unknown'. */
export interface Condition {
  type: string
  status: string
  reason?: string
  message?: string
}

/**
 * autoscaling.internal.knative.dev/v1alpha1 PodAutoscaler, one per Revision and named like
 * it. Its annotations are the Revision's, max-scale among them.
 */
export interface PodAutoscaler extends KubernetesObject {
  status?: {
    /** What the autoscaler asks for; absent or -1 while it does not know yet. */
    desiredScale?: number
    /** Pods that are ready. */
    actualScale?: number
    conditions?: Condition[]
  }
}

/** serving.knative.dev/v1 Revision: an immutable snapshot of a Knative Service's template. */
export interface Revision extends KubernetesObject {
  status?: { conditions?: Condition[] }
}

/** The Knative Service an object belongs to, or its own name when it has none. */
export function serviceOf(object: KubernetesObject): string {
  return object.metadata?.labels?.[SERVICE_LABEL] ?? object.metadata?.name ?? 'unknown'
}

export function readyCondition(revision: Revision | undefined): Condition | undefined {
  return revision?.status?.conditions?.find((condition) => condition.type === 'Ready')
}
