import type { Role } from '@dropmate/core/status-machine'
import { useEffect, useRef, useState } from 'preact/hooks'
import { account } from '../../models/session'
import type { UserAdmin } from '../../models/user-admin'
import { formatDateTime, VEHICLE_LABEL } from '../../ui/format'
import { ErrorNote } from '../../ui/widgets'
import { describeAudit, ROLE_LABEL } from './labels'

// Drivers come with a vehicle and deliveries: the drivers' panel makes them.
const ASSIGNABLE: Exclude<Role, 'driver'>[] = ['admin', 'dispatcher', 'customer']

/** The opened account: details, role, disable or enable, password, and what was changed. */
export function UserPanel({ admin }: { admin: UserAdmin }) {
  const user = admin.selected.value!
  const heading = useRef<HTMLHeadingElement>(null)
  // Opening an account moves the keyboard there, as a screen reader user expects.
  useEffect(() => heading.current?.focus(), [])
  return (
    <section class="card user-panel" aria-labelledby="user-panel-title" data-user-id={user.id}>
      <div class="user-panel-head">
        <h2 id="user-panel-title" tabIndex={-1} ref={heading}>
          {user.name}
        </h2>
        <button type="button" class="button small" onClick={admin.close}>
          Close
        </button>
      </div>
      <dl class="kv">
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Phone</dt>
        <dd>{user.phone ?? 'none'}</dd>
        <dt>Role</dt>
        <dd>{ROLE_LABEL[user.role]}</dd>
        <dt>State</dt>
        <dd>{user.disabled ? 'Disabled: cannot sign in' : 'Enabled'}</dd>
        {user.vehicle && (
          <>
            <dt>Vehicle</dt>
            <dd>
              {VEHICLE_LABEL[user.vehicle.type]}
              {user.vehicle.plate && <span class="mono"> · {user.vehicle.plate}</span>}
            </dd>
          </>
        )}
        <dt>Since</dt>
        <dd>{formatDateTime(user.createdAt)}</dd>
      </dl>
      {admin.panelError.value && <ErrorNote message={admin.panelError.value} />}
      <RoleForm admin={admin} />
      <AccessToggle admin={admin} />
      <PasswordForm admin={admin} />
      <AuditList admin={admin} />
    </section>
  )
}

function RoleForm({ admin }: { admin: UserAdmin }) {
  const user = admin.selected.value!
  const [role, setRole] = useState(user.role)
  if (user.role === 'driver') {
    return <p class="meta">A driver’s role comes with their driver record.</p>
  }
  return (
    <form
      class="inline user-action"
      onSubmit={(e) => {
        e.preventDefault()
        if (role !== user.role) void admin.changeRole(role)
      }}
    >
      <label for="user-role">Role</label>
      <select id="user-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
        {ASSIGNABLE.map((option) => (
          <option value={option}>{ROLE_LABEL[option]}</option>
        ))}
      </select>
      <button type="submit" class="button" disabled={admin.busy.value || role === user.role}>
        Change role
      </button>
    </form>
  )
}

function AccessToggle({ admin }: { admin: UserAdmin }) {
  const user = admin.selected.value!
  const [confirming, setConfirming] = useState(false)
  useEffect(() => setConfirming(false), [user.disabled])
  const self = account.value?.id === user.id
  if (user.disabled) {
    return (
      <div class="user-action">
        <button
          type="button"
          class="button"
          disabled={admin.busy.value}
          onClick={() => void admin.setDisabled(false)}
        >
          Enable account
        </button>
      </div>
    )
  }
  if (!confirming) {
    return (
      <div class="user-action">
        <button type="button" class="button danger" onClick={() => setConfirming(true)}>
          Disable account
        </button>
      </div>
    )
  }
  return (
    <div class="user-action user-confirm" role="group" aria-label="Confirm disabling">
      <p>
        {self
          ? 'Disable your own account? You will be signed out.'
          : `Disable ${user.name}? They are signed out everywhere at once and cannot sign in.`}
      </p>
      <button
        type="button"
        class="button danger"
        disabled={admin.busy.value}
        onClick={() => void admin.setDisabled(true)}
      >
        Yes, disable
      </button>
      <button type="button" class="button" onClick={() => setConfirming(false)}>
        Keep enabled
      </button>
    </div>
  )
}

function PasswordForm({ admin }: { admin: UserAdmin }) {
  const [password, setPassword] = useState('')
  const tooShort = password.length > 0 && password.length < 10
  return (
    <form
      class="user-action"
      onSubmit={(e) => {
        e.preventDefault()
        if (password.length >= 10) void admin.resetPassword(password).then(() => setPassword(''))
      }}
    >
      <div class="field">
        <label for="user-password">New password</label>
        <input
          id="user-password"
          type="password"
          autocomplete="new-password"
          minLength={10}
          aria-invalid={tooShort ? 'true' : undefined}
          aria-describedby="user-password-help"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <p id="user-password-help" class="meta">
          At least 10 characters. Either way, the account’s sessions end.
        </p>
      </div>
      <div class="inline">
        <button type="submit" class="button" disabled={admin.busy.value || password.length < 10}>
          Set password
        </button>
        <button
          type="button"
          class="button"
          disabled={admin.busy.value}
          onClick={() => void admin.resetPassword()}
        >
          Generate a password
        </button>
      </div>
      {admin.generatedPassword.value && (
        <p class="user-generated" role="status">
          New password, shown this once:{' '}
          <strong class="mono">{admin.generatedPassword.value}</strong>
        </p>
      )}
    </form>
  )
}

function AuditList({ admin }: { admin: UserAdmin }) {
  const entries = admin.audit.value
  return (
    <section aria-labelledby="user-audit-title">
      <h3 id="user-audit-title">Changes</h3>
      {entries.length === 0 ? (
        <p class="meta">No changes recorded.</p>
      ) : (
        <ol class="timeline user-audit">
          {entries.map((entry) => (
            <li key={entry.id}>
              <time class="when" dateTime={entry.at}>
                {formatDateTime(entry.at)}
              </time>{' '}
              <strong>{entry.actorName ?? 'A removed account'}</strong> {describeAudit(entry)}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
