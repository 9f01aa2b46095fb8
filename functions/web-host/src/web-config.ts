import { ConfigError, type Config } from '@dropmate/core'
import { fileURLToPath } from 'node:url'

/** What the browser app is told at /config.json (web/src/config.ts reads it). */
export interface ClientConfig {
  authMode: 'local' | 'firebase'
  tiles: { url: string; attribution: string; maxZoom: number }
  mapCenter: { lat: number; lng: number; zoom: number }
  firebase: { apiKey: string; identityUrl: string; tokenUrl: string } | null
  /** SHOP_TIME_ZONE: delivery slots are shown and promised by the shop's clock. */
  timeZone: string
  /** The VAPID public key drivers' apps subscribe to pushes with; null: no pushes. */
  pushKey: string | null
}

export interface WebConfig {
  distDir: string
  client: ClientConfig
  /** Origins the pages load map tiles from, for the CSP's img-src. */
  tileSources: string[]
  /** Origins the pages call besides their own (Firebase Authentication), for connect-src. */
  connectSources: string[]
}

/** Every variable the web app's settings read; a cluster's ConfigMap sets them (knative/). */
export const WEB_VARIABLES = [
  'MAP_TILE_URL',
  'MAP_TILE_ATTRIBUTION',
  'MAP_MAX_ZOOM',
  'MAP_CENTER',
  'WEB_DIST_DIR',
  'FIREBASE_API_KEY',
  'FIREBASE_AUTH_EMULATOR_HOST',
] as const

const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
const OSM_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
// The demo shop's city (npm run db:seed); maps fit their markers as soon as there are some.
const DEMO_CENTER = '38.7223,-9.1393,13'

/** Where `npm run build -w web` writes: web/dist beside this workspace. */
export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url))

/**
 * Reads the browser app's settings from the environment, once, at start-up: a bad value
 * stops the server with a message naming the variable, like the rest of the config.
 */
export function loadWebConfig(
  config: Pick<Config, 'AUTH_MODE' | 'SHOP_TIME_ZONE' | 'VAPID_PUBLIC_KEY'>,
  env: Record<string, string | undefined>,
): WebConfig {
  const value = (name: (typeof WEB_VARIABLES)[number]) => (env[name] === '' ? undefined : env[name])
  const tileUrl = value('MAP_TILE_URL') ?? OSM_TILES
  if (!/^https?:\/\/[^/]+\//.test(tileUrl) || !/\{z\}.*\{x\}.*\{y\}/.test(tileUrl)) {
    throw new ConfigError(
      `Invalid configuration:\n  MAP_TILE_URL must be an http(s) URL with {z}, {x} and {y} (got ${JSON.stringify(tileUrl)})`,
    )
  }
  const maxZoom = Number(value('MAP_MAX_ZOOM') ?? 19)
  if (!Number.isInteger(maxZoom) || maxZoom < 1 || maxZoom > 22) {
    throw new ConfigError(
      'Invalid configuration:\n  MAP_MAX_ZOOM must be a whole number from 1 to 22',
    )
  }
  const center = (value('MAP_CENTER') ?? DEMO_CENTER).split(',').map(Number)
  const [lat, lng, zoom = 13] = center
  if (
    center.length < 2 ||
    center.length > 3 ||
    !(Math.abs(lat!) <= 90 && Math.abs(lng!) <= 180 && zoom >= 1 && zoom <= 22)
  ) {
    throw new ConfigError(
      'Invalid configuration:\n  MAP_CENTER must be "lat,lng" or "lat,lng,zoom"',
    )
  }
  const firebase = firebaseEndpoints(config, env)
  return {
    distDir: value('WEB_DIST_DIR') ?? DEFAULT_DIST_DIR,
    client: {
      authMode: config.AUTH_MODE,
      tiles: {
        url: tileUrl,
        attribution:
          value('MAP_TILE_ATTRIBUTION') ?? (tileUrl === OSM_TILES ? OSM_ATTRIBUTION : ''),
        maxZoom,
      },
      mapCenter: { lat: lat!, lng: lng!, zoom },
      firebase,
      timeZone: config.SHOP_TIME_ZONE,
      pushKey: config.VAPID_PUBLIC_KEY ?? null,
    },
    tileSources: [tileSource(tileUrl)],
    connectSources: firebase
      ? [...new Set([new URL(firebase.identityUrl).origin, new URL(firebase.tokenUrl).origin])]
      : [],
  }
}

/** The tile server's origin as a CSP source; `{s}` subdomains become a wildcard. */
function tileSource(template: string): string {
  const [, scheme, host] = /^(https?):\/\/([^/]+)\//.exec(template)!
  return `${scheme}://${host!.replace(/\{s\}/, '*').replace(/\{[^}]+\}/g, '*')}`
}

/**
 * Firebase Authentication's REST endpoints (the emulator's, when FIREBASE_AUTH_EMULATOR_HOST
 * is set). The web API key is public by design: it names the project, it grants nothing.
 */
function firebaseEndpoints(
  config: Pick<Config, 'AUTH_MODE'>,
  env: Record<string, string | undefined>,
): ClientConfig['firebase'] {
  const apiKey = env.FIREBASE_API_KEY
  if (config.AUTH_MODE !== 'firebase' || !apiKey) return null
  const emulator = env.FIREBASE_AUTH_EMULATOR_HOST
  return emulator
    ? {
        apiKey,
        identityUrl: `http://${emulator}/identitytoolkit.googleapis.com`,
        tokenUrl: `http://${emulator}/securetoken.googleapis.com`,
      }
    : {
        apiKey,
        identityUrl: 'https://identitytoolkit.googleapis.com',
        tokenUrl: 'https://securetoken.googleapis.com',
      }
}
