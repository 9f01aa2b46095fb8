import type { VehicleType } from '@dropmate/core'

/** A parcel in transit that a new user can open and watch move. */
export interface ParcelOnItsWay {
  trackingNumber: string
  driverName: string
  vehicleType: VehicleType
}

/**
 * Where a browser opens the server: PUBLIC_URL when set, else `fallback` (the address a
 * script talks to), else localhost on PORT as `npm start` listens (8080 by default).
 *
 * @example
 * publicBaseUrl({ PORT: '3000' }) // 'http://localhost:3000'
 */
export function publicBaseUrl(env: Record<string, string | undefined>, fallback?: string): string {
  const port = env.PORT && env.PORT !== '0' ? env.PORT : '8080'
  const base = env.PUBLIC_URL || fallback || `http://localhost:${port}`
  return base.replace(/\/+$/, '')
}

export const dashboardLink = (base: string) => `${base}/`

export const trackingLink = (base: string, trackingNumber: string) =>
  `${base}/track/${encodeURIComponent(trackingNumber)}`

/** `Ana Rodrigues (cargo bike)` */
export const carrier = (parcel: ParcelOnItsWay) =>
  `${parcel.driverName} (${parcel.vehicleType.replace('_', ' ')})`
