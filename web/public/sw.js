// The driver app's service worker: it lets /driver open with no connection and keeps what it
// needed. Nothing here is signed in: API answers and sockets go to the network untouched, so
// a phone never shows one driver's data to another from a cache. What the app itself keeps
// (queued pings, the last known deliveries) it keeps in its own storage.
//
// - Pages (navigations, not the API's own pages): the network first, so a deploy shows at once; offline, the app's
//   index.html, which every page path answers with.
// - /assets/: named by content hash, so a copy never goes stale: the cache first.
// - /config.json, the manifest and icons: the cached copy at once, refreshed behind it.
const CACHE = 'dropmate-app-v1'
const SHELL = ['/index.html', '/config.json', '/manifest.webmanifest', '/icons/icon-192.png']

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('fetch', (event) => {
  const { request } = event
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== self.location.origin) return
  if (request.mode === 'navigate') {
    if (!url.pathname.startsWith('/api/')) event.respondWith(networkFirst(request))
  } else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request))
  else if (SHELL.includes(url.pathname) || url.pathname.startsWith('/icons/')) {
    event.respondWith(staleWhileRevalidate(request, event))
  }
})

async function networkFirst(request) {
  try {
    const response = await fetch(request)
    if (response.ok) await (await caches.open(CACHE)).put('/index.html', response.clone())
    return response
  } catch {
    return (await caches.match('/index.html')) ?? Response.error()
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await (await caches.open(CACHE)).put(request, response.clone())
  return response
}

async function staleWhileRevalidate(request, event) {
  const cached = await caches.match(request)
  const fresh = fetch(request).then(async (response) => {
    if (response.ok) await (await caches.open(CACHE)).put(request, response.clone())
    return response
  })
  if (!cached) return fresh
  event.waitUntil(fresh.catch(() => undefined))
  return cached
}

// A push (notify-receiver's, for a driver's new delivery): shown as it says; a tap opens the
// page it names, in the app's window when one is open.
self.addEventListener('push', (event) => {
  const message = event.data?.json() ?? {}
  event.waitUntil(
    self.registration.showNotification(message.title ?? 'DropMate', {
      body: message.body,
      tag: message.tag,
      icon: '/icons/icon-192.png',
      data: { url: message.url ?? '/driver' },
    }),
  )
})

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const url = new URL(event.notification.data?.url ?? '/driver', self.location.origin).href
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === url)
      return open ? open.focus() : self.clients.openWindow(url)
    }),
  )
})
