import type { ShipmentStatus } from '@dropmate/core/status-machine'
import type { ReadonlySignal } from '@preact/signals'
import type { ComponentChildren } from 'preact'
import type { LinkState } from '../models/live'
import { STATUS_LABEL } from './format'

export function StatusChip({ status, label }: { status: ShipmentStatus; label?: string }) {
  return <span class={`chip status-${status}`}>{label ?? STATUS_LABEL[status]}</span>
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div class="spinner" role="status">
      <span class="spinner-dot" aria-hidden="true" />
      <span>{label}…</span>
    </div>
  )
}

export function ErrorNote({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div class="error-note" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button class="button" type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>
}

const LINK_TEXT: Record<LinkState, [short: string, long?: string]> = {
  connecting: ['Connecting…'],
  live: ['Live'],
  reconnecting: ['Reconnecting…', 'Connection lost. '],
}

/** The live connection's state; losing it is announced, and so is getting it back. */
export function LinkBadge({ state }: { state: ReadonlySignal<LinkState> }) {
  return (
    <span class={`link-badge link-${state.value}`} role="status" aria-live="polite">
      <span class="link-dot" aria-hidden="true" />
      {LINK_TEXT[state.value][1] && <span class="link-long">{LINK_TEXT[state.value][1]}</span>}
      {LINK_TEXT[state.value][0]}
    </span>
  )
}
