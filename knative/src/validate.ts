import type { Manifest } from './manifests'

type Models = Record<string, unknown>

/** The model packages by apiVersion: every object we write must be of one of these. */
const MODELS: Record<string, () => Promise<Models>> = {
  v1: () => import('kubernetes-models/v1'),
  'apps/v1': () => import('kubernetes-models/apps/v1'),
  'batch/v1': () => import('kubernetes-models/batch/v1'),
  'policy/v1': () => import('kubernetes-models/policy/v1'),
  'rbac.authorization.k8s.io/v1': () => import('kubernetes-models/rbac.authorization.k8s.io/v1'),
  'serving.knative.dev/v1': () => import('@kubernetes-models/knative/serving.knative.dev/v1'),
  'eventing.knative.dev/v1': () => import('@kubernetes-models/knative/eventing.knative.dev/v1'),
  'gateway.networking.k8s.io/v1': () =>
    import('@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1'),
  'gateway.networking.k8s.io/v1beta1': () =>
    import('@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1'),
  'cert-manager.io/v1': () => import('@kubernetes-models/cert-manager/cert-manager.io/v1'),
  'monitoring.coreos.com/v1': () =>
    import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1'),
}

/**
 * Validates one object against the Kubernetes, Knative, Gateway API, cert-manager or
 * Prometheus Operator schema of its kind: returns what is wrong (wrong types, missing
 * required fields, with paths), or nothing. The schemas accept unknown fields; the consistency tests look at those.
 */
export async function validateObject(object: Manifest): Promise<string | undefined> {
  const load = MODELS[object.apiVersion]
  if (!load) return `no schema known for apiVersion ${object.apiVersion}`
  const Model = (await load())[object.kind] as
    (new (data: Manifest) => { validate(): void }) | undefined
  if (!Model) return `no schema known for ${object.apiVersion} ${object.kind}`
  try {
    new Model(object).validate()
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}
