import { signal } from '@preact/signals'
import type { ComponentType } from 'preact'

/**
 * A component whose code loads on first use, in its own chunk: the tracking page's map, the
 * dashboard behind the role check. Shows `fallback` meanwhile and a reload offer on failure.
 *
 * @example
 * const TrackMap = lazyComponent(() => import('./track-map'), () => <div class="map-box" />)
 */
export function lazyComponent<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  Fallback: ComponentType = () => (
    <div class="page-loading" aria-busy="true" aria-label="Loading" />
  ),
): ComponentType<P> {
  const loaded = signal<ComponentType<P> | null>(null)
  const failed = signal(false)
  let started = false
  return function Lazy(props: P) {
    if (!started) {
      started = true
      load().then(
        (module) => (loaded.value = module.default),
        () => (failed.value = true),
      )
    }
    const Loaded = loaded.value
    if (Loaded) return <Loaded {...props} />
    if (failed.value) {
      return (
        <div class="error-note" role="alert">
          <p>This part of the page could not be loaded.</p>
          <button class="button" type="button" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
      )
    }
    return <Fallback />
  }
}
