import type { DriverDutyChange, DriverLocation } from '@dropmate/contracts/sockets'
import { computed, signal } from '@preact/signals'
import { messageOf } from '../api/http'
import type { Driver, DriverPosition, NearbyDriver } from '@dropmate/contracts/rest'
import type { DutyStatus } from '@dropmate/core/fleet'
import { authed } from './session'

export type Position = Pick<DriverPosition, 'lat' | 'lng' | 'recordedAt'>

export type Fleet = ReturnType<typeof createFleet>

/**
 * The drivers and where they are. Positions start from where every driver on duty is now
 * (`/api/drivers/positions`) and then follow the gateway's `fleet_positions` frames.
 */
export function createFleet() {
  const drivers = signal<Driver[]>([])
  const loading = signal(true)
  const error = signal<string | null>(null)
  const positions = signal<ReadonlyMap<string, Position>>(new Map())
  const byId = computed(() => new Map(drivers.value.map((d) => [d.id, d])))
  const onDuty = computed(() => drivers.value.filter((d) => d.dutyStatus !== 'offline'))

  const load = async () => {
    error.value = null
    try {
      drivers.value = (await authed<{ items: Driver[] }>('/api/drivers')).items
    } catch (failure) {
      error.value = messageOf(failure)
    } finally {
      loading.value = false
    }
  }

  /** Moves the drivers given to where they are now; a position older than one shown is not. */
  const place = (moved: Array<Position & { driverId: string }>) => {
    let next: Map<string, Position> | undefined
    for (const { driverId, lat, lng, recordedAt } of moved) {
      const known = (next ?? positions.peek()).get(driverId)
      if (known && Date.parse(known.recordedAt) >= Date.parse(recordedAt)) continue
      next ??= new Map(positions.peek())
      next.set(driverId, { lat, lng, recordedAt })
    }
    // One update per frame, however many drivers it moved: the map redraws once.
    if (next) positions.value = next
  }

  const loadPositions = async () => {
    try {
      const { items } = await authed<{ items: DriverPosition[] }>('/api/drivers/positions')
      place(items)
    } catch {
      // Positions arrive with the next pings anyway.
    }
  }

  let reloadTimer: ReturnType<typeof setTimeout> | undefined
  /** Duty and workload change with assignments and deliveries: reread them, once per burst. */
  const reloadSoon = () => {
    clearTimeout(reloadTimer)
    reloadTimer = setTimeout(load, 1_000)
  }

  /** A frame of the drivers that moved in the gateway's last window. */
  const applyPositions = (moved: DriverLocation[]) => {
    place(moved)
    const known = byId.peek()
    // A driver not listed, or listed off duty, went on duty: the list is behind.
    const behind = moved.some(({ driverId }) => {
      const driver = known.get(driverId)
      return !driver || driver.dutyStatus === 'offline'
    })
    if (behind) reloadSoon()
  }

  /** Off duty is off the map at once, not when the last position goes stale. */
  const offTheMap = (driverId: string) => {
    const next = new Map(positions.peek())
    next.delete(driverId)
    positions.value = next
  }

  const setDuty = async (driverId: string, dutyStatus: DutyStatus) => {
    const changed = await authed<Driver>(`/api/drivers/${driverId}`, {
      method: 'PATCH',
      json: { dutyStatus },
    })
    drivers.value = drivers.peek().map((d) => (d.id === driverId ? changed : d))
    if (dutyStatus === 'offline') offTheMap(driverId)
  }

  /** A driver's own phone, or another dispatcher, changed their duty. */
  const applyDutyChange = ({ driverId, to, changedAt }: DriverDutyChange) => {
    const driver = byId.peek().get(driverId)
    if (!driver) return reloadSoon()
    if (Date.parse(driver.dutyChangedAt) > Date.parse(changedAt)) return
    drivers.value = drivers
      .peek()
      .map((d) => (d.id === driverId ? { ...d, dutyStatus: to, dutyChangedAt: changedAt } : d))
    if (to === 'offline') offTheMap(driverId)
  }

  return {
    drivers,
    byId,
    onDuty,
    loading,
    error,
    positions,
    load,
    loadPositions,
    applyPositions,
    applyDutyChange,
    reloadSoon,
    setDuty,
    dispose: () => clearTimeout(reloadTimer),
  }
}

/** Available drivers nearest a point, nearest first: the suggestions for an assignment. */
export function nearby(
  point: { lat: number; lng: number },
  { radius = 10_000, limit = 5 } = {},
): Promise<NearbyDriver[]> {
  const params = new URLSearchParams({
    lat: String(point.lat),
    lng: String(point.lng),
    radius: String(radius),
    limit: String(limit),
  })
  return authed<{ items: NearbyDriver[] }>(`/api/drivers/nearby?${params}`).then((r) => r.items)
}
