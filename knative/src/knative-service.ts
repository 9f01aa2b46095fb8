import type { FunctionDeployment } from '@dropmate/runtime'
import {
  CONFIG_MAP,
  FUNCTION_BUNDLES,
  FUNCTION_IMAGE,
  HTTP_PORT,
  PART_OF,
  RUN_AS_USER,
  SECRET,
} from './names'

/**
 * The Knative Service of one function. Every Service is cluster-local: the public Gateway
 * routes the function's paths to it (see http-route.ts), so nothing else is exposed.
 */
export function knativeService(deployment: FunctionDeployment) {
  const { name, scaling, resources } = deployment
  const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': 'function' }
  const annotations: Record<string, string> = {
    'autoscaling.knative.dev/min-scale': String(scaling.minScale),
    'autoscaling.knative.dev/max-scale': String(scaling.maxScale),
    'autoscaling.knative.dev/target': String(scaling.target),
  }
  if (scaling.metric) annotations['autoscaling.knative.dev/metric'] = scaling.metric
  if (scaling.retentionPeriod) {
    annotations['autoscaling.knative.dev/scale-to-zero-pod-retention-period'] =
      scaling.retentionPeriod
  }
  const probe = { httpGet: { path: '/health', port: HTTP_PORT } }
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: {
      name,
      labels: {
        ...labels,
        ...PART_OF,
        'networking.knative.dev/visibility': 'cluster-local',
      },
    },
    spec: {
      template: {
        metadata: { labels: { ...labels, ...PART_OF }, annotations },
        spec: {
          containerConcurrency: scaling.containerConcurrency,
          timeoutSeconds: deployment.timeoutSeconds,
          enableServiceLinks: false,
          containers: [
            {
              name: 'function',
              image: FUNCTION_IMAGE,
              // The image's entrypoint is node; this is the function's own bundle in it.
              args: [`${FUNCTION_BUNDLES}/${name}.mjs`],
              ports: [{ name: 'http1', containerPort: HTTP_PORT }],
              env: Object.entries(deployment.env).map(([key, value]) => ({ name: key, value })),
              envFrom: [{ configMapRef: { name: CONFIG_MAP } }, { secretRef: { name: SECRET } }],
              // No initial delay: it would add to every cold start (REFERENCE.md).
              readinessProbe: probe,
              livenessProbe: { ...probe, periodSeconds: 10, failureThreshold: 3 },
              resources: {
                requests: { cpu: resources.cpu, memory: resources.memory },
                limits: { cpu: resources.cpuLimit, memory: resources.memoryLimit },
              },
              securityContext: {
                runAsNonRoot: true,
                runAsUser: RUN_AS_USER,
                runAsGroup: RUN_AS_USER,
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
            },
          ],
        },
      },
    },
  }
}
