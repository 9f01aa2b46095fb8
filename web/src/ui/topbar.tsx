import type { ReadonlySignal } from '@preact/signals'
import type { ComponentChildren } from 'preact'
import type { Role } from '@dropmate/core/status-machine'
import type { LinkState } from '../models/live'
import { account, signOut } from '../models/session'
import { navigate, path } from '../router'
import { Logo } from './logo'
import { LinkBadge } from './widgets'

/** Pages beyond a role's home, linked from the bar for the roles that may open them. */
const PAGES: Array<{ href: string; label: string; roles: Role[] }> = [
  { href: '/analytics', label: 'Analytics', roles: ['admin', 'dispatcher'] },
  { href: '/admin/users', label: 'Users', roles: ['admin'] },
  { href: '/settings/webhooks', label: 'Webhooks', roles: ['admin'] },
]

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
      {PAGES.filter((page) => me && page.roles.includes(me.role)).map((page) => (
        <a
          key={page.href}
          class="topbar-link"
          href={page.href}
          aria-current={path.value === page.href ? 'page' : undefined}
        >
          {page.label}
        </a>
      ))}
      <span class="spacer" />
      {link && <LinkBadge state={link} />}
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
