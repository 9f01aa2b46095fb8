import type { Role } from '@dropmate/core/status-machine'
import type {
  AuditPage,
  ManagedAccount,
  PasswordReset,
  UserDetail,
  UserPage,
  UserSummary,
} from '@dropmate/contracts/rest/accounts'
import { signal } from '@preact/signals'
import { messageOf } from '../api/http'
import { authed } from './session'

export interface UserFilters {
  /** A fragment of a name, email or phone number. */
  q: string
  role: Role | ''
  /** '' for everyone. */
  state: '' | 'enabled' | 'disabled'
}

const PAGE_SIZE = 25

export type UserAdmin = ReturnType<typeof createUserAdmin>

/**
 * The admins' users page: the filtered list a page at a time, and the one account opened in
 * the panel with its audit entries. Every change answers the account as changed, which
 * replaces its row, and reloads its entries.
 */
export function createUserAdmin() {
  const filters = signal<UserFilters>({ q: '', role: '', state: '' })
  const items = signal<UserSummary[]>([])
  const nextCursor = signal<string | null>(null)
  const loading = signal(true)
  const error = signal<string | null>(null)
  const selected = signal<UserDetail | null>(null)
  const audit = signal<AuditPage['items']>([])
  const panelError = signal<string | null>(null)
  const busy = signal(false)
  /** A password the server made up: shown once, gone when another account is opened. */
  const generatedPassword = signal<string | null>(null)
  let generation = 0

  const query = (cursor: string | null) => {
    const { q, role, state } = filters.peek()
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) })
    if (q.trim()) params.set('q', q.trim())
    if (role) params.set('role', role)
    if (state) params.set('disabled', String(state === 'disabled'))
    if (cursor) params.set('cursor', cursor)
    return `/api/users?${params}`
  }

  /** A page for the current filters: the first, or the next; answers to older filters are dropped. */
  const load = async (cursor: string | null = null) => {
    const mine = cursor ? generation : ++generation
    loading.value = true
    error.value = null
    try {
      const page = await authed<UserPage>(query(cursor))
      if (mine !== generation) return
      items.value = cursor ? [...items.peek(), ...page.items] : page.items
      nextCursor.value = page.nextCursor
    } catch (failure) {
      if (mine === generation) error.value = messageOf(failure)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  const loadAudit = async (id: string) => {
    const page = await authed<AuditPage>(`/api/audit?targetId=${id}&limit=50`)
    if (selected.peek()?.id === id) audit.value = page.items
  }

  const open = async (id: string) => {
    generatedPassword.value = null
    panelError.value = null
    audit.value = []
    try {
      selected.value = await authed<UserDetail>(`/api/users/${id}`)
      await loadAudit(id)
    } catch (failure) {
      panelError.value = messageOf(failure)
    }
  }

  /** Runs a change to the open account; its row, panel and entries follow what it answers. */
  const change = async (send: (id: string) => Promise<ManagedAccount>) => {
    const user = selected.peek()
    if (!user || busy.peek()) return
    busy.value = true
    panelError.value = null
    try {
      const changed = await send(user.id)
      selected.value = { ...user, ...changed }
      items.value = items
        .peek()
        .map((row) => (row.id === changed.id ? { ...row, ...changed } : row))
      await loadAudit(user.id)
    } catch (failure) {
      panelError.value = messageOf(failure)
    } finally {
      busy.value = false
    }
  }

  const patch = (body: { role?: Role; disabled?: boolean }) =>
    change((id) => authed<ManagedAccount>(`/api/users/${id}`, { method: 'PATCH', json: body }))

  return {
    filters,
    items,
    nextCursor,
    loading,
    error,
    selected,
    audit,
    panelError,
    busy,
    generatedPassword,
    setFilters(next: Partial<UserFilters>) {
      filters.value = { ...filters.peek(), ...next }
      void load()
    },
    load,
    loadMore: () => nextCursor.peek() && load(nextCursor.peek()),
    open,
    close: () => {
      selected.value = null
      generatedPassword.value = null
    },
    changeRole: (role: Role) => patch({ role }),
    setDisabled: (disabled: boolean) => patch({ disabled }),
    /** Sets `password`, or has the server make one up and shows it once. */
    resetPassword: (password?: string) =>
      change(async (id) => {
        const reset = await authed<PasswordReset>(`/api/users/${id}/password`, {
          method: 'POST',
          json: password ? { password } : { generate: true },
        })
        generatedPassword.value = reset.generatedPassword
        return reset.account
      }),
  }
}
