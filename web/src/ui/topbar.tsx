import type { ReadonlySignal } from '@preact/signals'
import type { ComponentChildren } from 'preact'
import type { LinkState } from '../models/live'
import { account, signOut } from '../models/session'
import { navigate } from '../router'
import { Logo } from './logo'
import { LinkBadge } from './widgets'

/** The bar on top of every signed-in page: who is signed in, the live link, sign out. */
export function Topbar({
  link,
  children,
}: {
  link?: ReadonlySignal<LinkState>
  children?: ComponentChildren
}) {
  const me = account.value
  return (
    <header class="topbar">
      <a class="brand" href="/">
        <Logo /> DropMate
      </a>
      {children}
      <span class="spacer" />
      {(me?.role === 'admin' || me?.role === 'dispatcher') && (
        <a class="button" href="/analytics">
          Analytics
        </a>
      )}
      {link && <LinkBadge state={link} />}
      {me?.role === 'admin' && (
        <a class="topbar-link" href="/settings/webhooks">
          Webhooks
        </a>
      )}
      {me && (
        <span class="who" title={me.email}>
          {me.name}
        </span>
      )}
      <button
        class="button"
        type="button"
        onClick={async () => {
          await signOut()
          navigate('/login', { replace: true })
        }}
      >
        Sign out
      </button>
    </header>
  )
}
