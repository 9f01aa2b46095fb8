import { computed, effect, signal } from '@preact/signals'
import { render } from 'preact'
import { path } from './router'
import { ROUTES, type Page, type Route } from './routes'
import './ui/app.css'

const match = computed(() => {
  for (const route of ROUTES) {
    const found = route.pattern.exec(path.value)
    if (found) return { route, params: found.slice(1).map((p) => decodeURIComponent(p ?? '')) }
  }
  return null
})

const loaded = signal<{ route: Route; page: Page } | null>(null)
const failed = signal<Route | null>(null)

// Loads the page of the current address; a page that fails to load says so.
effect(() => {
  const route = match.value?.route
  if (!route || loaded.peek()?.route === route) return
  route.load().then(
    (module) => {
      failed.value = null
      loaded.value = { route, page: module.default }
    },
    () => (failed.value = route),
  )
})

function App() {
  const current = match.value
  if (!current) return <NotFound />
  if (failed.value === current.route) {
    return (
      <main class="page-message">
        <div role="alert">
          <h1>This page could not be loaded</h1>
          <p>The connection may have dropped, or DropMate was just updated.</p>
        </div>
        <button class="button primary" onClick={() => location.reload()}>
          Reload
        </button>
      </main>
    )
  }
  if (loaded.value?.route !== current.route) {
    return <div class="page-loading" aria-busy="true" aria-label="Loading" />
  }
  const Page = loaded.value.page
  return <Page params={current.params} />
}

function NotFound() {
  return (
    <main class="page-message">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <a class="button primary" href="/">
        Go to DropMate
      </a>
    </main>
  )
}

render(<App />, document.getElementById('app')!)
