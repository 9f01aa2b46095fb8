import type { Shipment } from '@dropmate/contracts/rest'

const PREFIX = 'dropmate.deliveries.'

/** A driver's open deliveries as last known, and when they were. */
export interface KeptDeliveries {
  items: Shipment[]
  at: string
}

/**
 * The driver's open deliveries kept on the phone, so the installed app opens with them when
 * there is no connection. Only the signed-in driver's own, and forgotten at sign-out.
 */
export function keptDeliveries(driverId: string, storage: Storage = localStorage) {
  const key = PREFIX + driverId
  return {
    read(): KeptDeliveries | null {
      try {
        return JSON.parse(storage.getItem(key) ?? 'null') as KeptDeliveries | null
      } catch {
        return null
      }
    },
    keep(items: Shipment[], at = new Date()) {
      try {
        storage.setItem(key, JSON.stringify({ items, at: at.toISOString() }))
      } catch {
        // A full storage costs the offline copy only; the app works on without it.
      }
    },
  }
}

/** Forgets every driver's kept deliveries: nobody signed in after may see them. */
export function forgetKeptDeliveries(storage: Storage = localStorage) {
  for (const key of Object.keys(storage)) if (key.startsWith(PREFIX)) storage.removeItem(key)
}
