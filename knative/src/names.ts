/** Names the manifests share; the generator, the hand-written YAML and the tests agree on these. */
export const NAMESPACE = 'dropmate'
export const CONFIG_MAP = 'dropmate-config'
export const SECRET = 'dropmate-secrets'
/** One image carries every function's bundle, so each node pulls it once (knative/README.md). */
export const FUNCTION_IMAGE = 'dropmate-function'
/** Where that image keeps them: a function's Knative Service runs `node <this>/<name>.mjs`. */
export const FUNCTION_BUNDLES = '/app/functions'
/** The port every DropMate container serves on (Knative passes it as PORT). */
export const HTTP_PORT = 8080
/** The public Gateway, and its HTTPS listener that function routes attach to. */
export const GATEWAY = { name: 'dropmate', listener: 'https' } as const
/**
 * Kourier's cluster-local gateway. The public Gateway sends each function's requests here with
 * the Host rewritten to the function's cluster-local name, which is how Kourier picks it.
 */
export const KOURIER_INTERNAL = { name: 'kourier-internal', namespace: 'kourier-system', port: 80 }
/** The non-root user the images run as (the node user of the official Node images). */
export const RUN_AS_USER = 1000

export const PART_OF = { 'app.kubernetes.io/part-of': 'dropmate' }
