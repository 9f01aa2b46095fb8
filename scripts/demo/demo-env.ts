/**
 * The demo's environment: the caller's, with the demo shop kept apart from a shop's own
 * data. Without DATABASE_URL the embedded database lives in `.dropmate-demo` unless DATA_DIR
 * says otherwise, so trying the demo never mixes its people and parcels into `.dropmate`.
 *
 * @example
 * demoEnv({}).DATA_DIR // '.dropmate-demo'
 */
export function demoEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.DATABASE_URL || env.DATA_DIR) return { ...env }
  return { ...env, DATA_DIR: '.dropmate-demo' }
}
