/**
 * Makes /driver an app a phone can install and open offline: the web app manifest (named on
 * this page only, so the tracking page a customer opens offers no driver app) and the
 * service worker (web/public/sw.js) that keeps the app's files.
 */
export function installDriverApp() {
  if (!document.querySelector('link[rel="manifest"]')) {
    const link = document.createElement('link')
    link.rel = 'manifest'
    link.href = '/manifest.webmanifest'
    document.head.append(link)
  }
  // Service workers need a secure context (https, or localhost while developing).
  if ('serviceWorker' in navigator && isSecureContext) {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without it the app still works online; only opening offline is lost.
    })
  }
}
