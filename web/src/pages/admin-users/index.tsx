import { ROLES, type Role } from '@dropmate/core/status-machine'
import { useEffect, useState } from 'preact/hooks'
import { account } from '../../models/session'
import { createUserAdmin, type UserAdmin, type UserFilters } from '../../models/user-admin'
import { navigate } from '../../router'
import { Topbar } from '../../ui/topbar'
import { Empty, ErrorNote, Spinner } from '../../ui/widgets'
import { ROLE_LABEL } from './labels'
import { UserPanel } from './user-panel'
import './admin-users.css'

// Typing pauses this long before the list asks again: one request per word, not per key.
const SEARCH_DELAY_MS = 250

/** `/admin/users`: admins find accounts, open one, change its role, disable it, reset its password. */
export default function AdminUsersPage() {
  const me = account.value
  const [admin] = useState(createUserAdmin)
  const isAdmin = me?.role === 'admin'
  useEffect(() => {
    document.title = 'Users · DropMate'
    if (!me) navigate(`/login?next=${encodeURIComponent('/admin/users')}`, { replace: true })
    else if (!isAdmin) navigate('/', { replace: true })
    else void admin.load()
  }, [me])
  if (!isAdmin) return null
  return (
    <div class="users-page">
      <Topbar />
      <main class="users-main">
        <section class="card users-list" aria-labelledby="users-title">
          <h1 id="users-title">Users</h1>
          <Filters admin={admin} />
          <UserTable admin={admin} />
        </section>
        {/* Keyed by account: its forms start from the opened account's values at once. */}
        {admin.selected.value && <UserPanel key={admin.selected.value.id} admin={admin} />}
        {!admin.selected.value && admin.panelError.value && (
          <ErrorNote message={admin.panelError.value} />
        )}
      </main>
    </div>
  )
}

function Filters({ admin }: { admin: UserAdmin }) {
  const [typed, setTyped] = useState(admin.filters.value.q)
  useEffect(() => {
    if (typed === admin.filters.peek().q) return
    const timer = setTimeout(() => admin.setFilters({ q: typed }), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [typed])
  return (
    <form class="users-filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <div class="field">
        <label for="users-q">Search</label>
        <input
          id="users-q"
          type="search"
          placeholder="Name, email or phone"
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="users-role">Role</label>
        <select
          id="users-role"
          value={admin.filters.value.role}
          onChange={(e) => admin.setFilters({ role: e.currentTarget.value as Role | '' })}
        >
          <option value="">All roles</option>
          {ROLES.map((role) => (
            <option value={role}>{ROLE_LABEL[role]}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="users-state">State</label>
        <select
          id="users-state"
          value={admin.filters.value.state}
          onChange={(e) =>
            admin.setFilters({ state: e.currentTarget.value as UserFilters['state'] })
          }
        >
          <option value="">Any state</option>
          <option value="enabled">Enabled</option>
          <option value="disabled">Disabled</option>
        </select>
      </div>
    </form>
  )
}

function UserTable({ admin }: { admin: UserAdmin }) {
  const rows = admin.items.value
  if (admin.error.value) return <ErrorNote message={admin.error.value} onRetry={admin.load} />
  if (admin.loading.value && rows.length === 0) return <Spinner label="Loading users" />
  if (rows.length === 0) return <Empty>No account matches.</Empty>
  return (
    <>
      <table class="users-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((user) => (
            <tr
              key={user.id}
              data-user-id={user.id}
              aria-current={admin.selected.value?.id === user.id ? 'true' : undefined}
            >
              <td>
                <button type="button" class="link-button" onClick={() => admin.open(user.id)}>
                  {user.name}
                </button>
              </td>
              <td class="users-email">{user.email}</td>
              <td>{ROLE_LABEL[user.role]}</td>
              <td>
                <span class={`chip ${user.disabled ? 'user-disabled' : 'user-enabled'}`}>
                  {user.disabled ? 'Disabled' : 'Enabled'}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {admin.nextCursor.value && (
        <button
          type="button"
          class="button"
          disabled={admin.loading.value}
          onClick={() => void admin.loadMore()}
        >
          {admin.loading.value ? 'Loading…' : 'Show more'}
        </button>
      )}
    </>
  )
}
