import { signal } from '@preact/signals'

/** The address bar as signals; pages read them, links and `navigate` change them. */
export const path = signal(location.pathname)
export const search = signal(location.search)

/**
 * Goes to another page of the app without reloading.
 *
 * @example
 * navigate(`/login?next=${encodeURIComponent(location.pathname)}`, { replace: true })
 */
export function navigate(to: string, { replace = false } = {}) {
  if (to === location.pathname + location.search) return
  history[replace ? 'replaceState' : 'pushState'](null, '', to)
  sync()
}

function sync() {
  path.value = location.pathname
  search.value = location.search
}

addEventListener('popstate', sync)

// Plain <a href="/..."> links stay links (open in a new tab, copy, keyboard) but navigate
// inside the app on an ordinary click.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0) return
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  const link = (event.target as Element | null)?.closest?.('a')
  if (!link || link.target || link.hasAttribute('download')) return
  const url = new URL(link.href, location.href)
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return
  event.preventDefault()
  navigate(url.pathname + url.search)
})

/** A query parameter of the current address. */
export function queryParam(name: string): string | null {
  return new URLSearchParams(search.value).get(name)
}
