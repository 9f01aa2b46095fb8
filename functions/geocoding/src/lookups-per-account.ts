import { createRateLimit, type ApiDeps } from '@dropmate/kit'

// Far above anyone typing addresses (a lookup at each pause), and low enough that one account
// cannot spend the geocoder's one request a second for everyone else.
const LOOKUPS_PER_MINUTE = 60

/** A budget of lookups per account and minute for `endpoint`, shared by replicas via Redis. */
export function lookupsPerAccount(deps: ApiDeps, endpoint: 'search' | 'reverse') {
  return createRateLimit({
    name: `geocode-${endpoint}`,
    points: LOOKUPS_PER_MINUTE,
    durationSeconds: 60,
    redis: deps.redis,
  })
}
