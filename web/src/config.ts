import { signal } from '@preact/signals'

/** What the server says about this deployment (GET /config.json), with the defaults of a static one. */
export interface AppConfig {
  authMode: 'local' | 'firebase'
  tiles: { url: string; attribution: string; maxZoom: number }
  /** Where maps open before they have anything to show. */
  mapCenter: { lat: number; lng: number; zoom: number }
  /** Firebase Authentication's REST endpoints, in firebase mode. */
  firebase: { apiKey: string; identityUrl: string; tokenUrl: string } | null
  /** The shop's IANA time zone: delivery slots are shown and promised by its clock. */
  timeZone: string
  /** The VAPID public key the driver app subscribes to pushes with; null: no pushes. */
  pushKey: string | null
}

export const DEFAULT_CONFIG: AppConfig = {
  authMode: 'local',
  tiles: {
    url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    attribution: '&copy; OpenStreetMap contributors',
    maxZoom: 19,
  },
  mapCenter: { lat: 38.7223, lng: -9.1393, zoom: 13 },
  firebase: null,
  timeZone: 'UTC',
  pushKey: null,
}

let loading: Promise<AppConfig> | undefined

/** Fetched once per page load; a deployment without /config.json gets the defaults. */
export function appConfig(): Promise<AppConfig> {
  loading ??= fetch('/config.json', { headers: { accept: 'application/json' } })
    .then((response) => (response.ok ? (response.json() as Promise<Partial<AppConfig>>) : {}))
    .then((config) => ({ ...DEFAULT_CONFIG, ...config }))
    .catch(() => DEFAULT_CONFIG)
  return loading
}

const timeZone = signal<string | null>(null)

/**
 * The shop's time zone for a component that shows slots: null until /config.json has
 * answered, and the component shows it once it has (reading this subscribes it).
 */
export function shopTimeZone(): string | null {
  if (timeZone.peek() === null)
    void appConfig().then((config) => (timeZone.value = config.timeZone))
  return timeZone.value
}
