import { SERVICES_DIR } from './generate'
import { readDocuments } from './manifests'
import { ROOT } from './sources'

/**
 * The settings a function's container gets in the base manifests, Secrets aside: the shared
 * ConfigMap, then its own env from its generated Knative Service. The cold-start bench
 * starts bundles with them, so they start as they do in the cluster (LOG_LEVEL, time zone).
 */
export async function functionEnvironment(name: string): Promise<Record<string, string>> {
  const [configMap] = await readDocuments(`${ROOT}knative/base/config.yaml`)
  const [service] = await readDocuments(`${ROOT}${SERVICES_DIR}/${name}.yaml`)
  const [container] = service!.spec.template.spec.containers
  const own = (container.env ?? []) as Array<{ name: string; value: string }>
  return { ...configMap!.data, ...Object.fromEntries(own.map((env) => [env.name, env.value])) }
}
