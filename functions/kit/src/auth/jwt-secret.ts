import { keptSecret } from '../kept-secret'

/**
 * The key that signs access tokens: JWT_SECRET when set (every replica must share it), else
 * one generated on first start and kept in the data directory, readable by its owner only,
 * so tokens survive restarts of a laptop install.
 */
export async function loadJwtSecret(jwtSecret: string | undefined, dataDir: string) {
  return jwtSecret ?? keptSecret(dataDir, 'jwt-secret')
}
