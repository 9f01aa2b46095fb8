import { BEARER, json, problems, requireAuth, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { DriverPosition } from '@dropmate/contracts/rest/drivers'
import { listDriverViews } from '@dropmate/db'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'

const DriverPositions = z.object({ items: z.array(DriverPosition) }).openapi('DriverPositions')

export const route = createRoute({
  method: 'get',
  path: '/api/drivers/positions',
  operationId: 'driverPositions',
  summary: 'Where every driver on duty is now, for the live map (staff)',
  description:
    'Busy drivers included; drivers off duty or not heard from for ten minutes are left out.',
  security: BEARER,
  responses: { 200: json(DriverPositions, 'One position per driver'), ...problems(401, 403) },
})

/**
 * The fleet's latest positions, so a dashboard opened mid-shift shows every driver at once
 * instead of waiting for each one's next ping.
 */
export function driverPositions(deps: ApiDeps) {
  const { store } = deps.locations
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher'])] },
    async (c) => {
      const onDuty = (await listDriverViews(deps.sql)).filter((d) => d.dutyStatus !== 'offline')
      const fixes = await store.latestOf(onDuty.map((driver) => driver.id))
      const items = fixes.map(({ driverId, lat, lng, accuracyM, headingDeg, recordedAt }) => ({
        driverId,
        lat,
        lng,
        accuracyM,
        headingDeg,
        recordedAt: recordedAt.toISOString(),
      }))
      return c.json({ items }, 200)
    },
  )
}
