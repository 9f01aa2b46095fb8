import type { Config } from '@dropmate/core'
import { logger } from '@dropmate/runtime'
import { Hono, type Context } from 'hono'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { extname, join, relative, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import { loadWebConfig, type WebConfig } from './web-config'

// Paths that are never the app's, so they fall through to the API, health and broker routes.
const NOT_APP = /^\/(?:api|socket\.io|health|ready|realtime|broker)(?:\/|$)/
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
}
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.webmanifest', '.txt'])
// The page and the service worker name everything else: a deploy must show at once.
const REVALIDATED = new Set(['/index.html', '/sw.js'])
// Vite names built assets by content hash: a name never changes its bytes.
const IMMUTABLE = 'public, max-age=31536000, immutable'

interface StaticFile {
  body: Uint8Array<ArrayBuffer>
  gzipped: Uint8Array<ArrayBuffer> | null
  type: string
  etag: string
  cacheControl: string
}

/**
 * The web app (web/dist) on the one-process server and the realtime gateway: files from memory with ETags and gzip,
 * hashed assets cached for a year, index.html revalidated every time and returned for every
 * client route (/, /track/…, /driver), with a Content-Security-Policy that allows exactly what
 * the app loads. `/config.json` tells the app the auth mode and map tiles.
 *
 * @example
 * createServer(booted, { web: webApp({ config }) })
 */
export function webApp({
  config,
  env = process.env,
}: {
  config: Pick<Config, 'AUTH_MODE' | 'SHOP_TIME_ZONE' | 'VAPID_PUBLIC_KEY'>
  env?: Record<string, string | undefined>
}) {
  const web = loadWebConfig(config, env)
  const files = loadFiles(web.distDir)
  const index = files.get('/index.html')
  if (!index) logger.warn({ dir: web.distDir }, 'web app not built: run npm run build -w web')

  return new Hono()
    .get('/config.json', (c) => c.json(web.client, 200, { 'cache-control': 'no-cache' }))
    .get('*', async (c, next) => {
      const path = c.req.path
      if (NOT_APP.test(path)) return next()
      const file = files.get(path) ?? (extname(path) === '' ? index : undefined)
      if (file) return send(c, file, web)
      if (!index && extname(path) === '') {
        return c.html('<h1>DropMate</h1><p>The web app is not built yet.</p>', 503)
      }
      return next()
    })
}

function send(c: Context, file: StaticFile, web: WebConfig) {
  const headers: Record<string, string> = {
    'content-type': file.type,
    'cache-control': file.cacheControl,
    etag: file.etag,
    vary: 'accept-encoding',
  }
  if (file.type.startsWith('text/html')) {
    headers['content-security-policy'] = contentSecurityPolicy(web, new URL(c.req.url).host)
  }
  if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers)
  const gzip = file.gzipped && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')
  if (gzip) headers['content-encoding'] = 'gzip'
  return c.body(gzip ? file.gzipped! : file.body, 200, headers)
}

/**
 * Scripts and styles only from this origin; map tiles from the configured tile server; the
 * API and Socket.io on this origin (ws/wss named too: older Safari does not count them as
 * 'self'), plus Firebase Authentication in firebase mode.
 */
function contentSecurityPolicy(web: WebConfig, host: string) {
  const sockets = [`ws://${host}`, `wss://${host}`]
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: ${web.tileSources.join(' ')}`,
    `connect-src 'self' ${[...sockets, ...web.connectSources].join(' ')}`.trim(),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ')
}

function loadFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>()
  if (!existsSync(dir)) return files
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const full = join(entry.parentPath, entry.name)
    const path = `/${relative(dir, full).split(sep).join('/')}`
    const ext = extname(path)
    const body = new Uint8Array(readFileSync(full))
    const gzipped =
      COMPRESSIBLE.has(ext) && body.length > 512 ? new Uint8Array(gzipSync(body)) : null
    files.set(path, {
      body,
      gzipped: gzipped && gzipped.length < body.length ? gzipped : null,
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      cacheControl: path.startsWith('/assets/')
        ? IMMUTABLE
        : REVALIDATED.has(path)
          ? 'no-cache'
          : 'public, max-age=3600',
    })
  }
  return files
}
