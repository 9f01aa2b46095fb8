import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { ApiError, messageOf } from '../../api/http'
import { account, homeOf, signedOutBecause, signIn } from '../../models/session'
import { navigate, queryParam } from '../../router'
import { Logo } from '../../ui/logo'

/** Where to go after signing in: the page that sent us here, if it is one of ours. */
function nextPage(role: Parameters<typeof homeOf>[0]) {
  const next = queryParam('next')
  return next && next.startsWith('/') && !next.startsWith('//') ? next : homeOf(role)
}

export default function LoginPage() {
  const email = useSignal('')
  const password = useSignal('')
  const busy = useSignal(false)
  const error = useSignal<string | null>(null)

  useEffect(() => {
    document.title = 'Sign in · DropMate'
    if (account.value) navigate(nextPage(account.value.role), { replace: true })
  }, [])

  const submit = async (event: Event) => {
    event.preventDefault()
    if (busy.value) return
    busy.value = true
    error.value = null
    try {
      const me = await signIn(email.value.trim(), password.value)
      navigate(nextPage(me.role), { replace: true })
    } catch (failure) {
      error.value =
        failure instanceof ApiError && failure.status === 401
          ? 'The email or password is not right.'
          : messageOf(failure)
    } finally {
      busy.value = false
    }
  }

  return (
    <main class="login">
      <form class="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <div class="brand-mark">
          <Logo size={30} /> DropMate
        </div>
        <h1 id="login-title">Sign in</h1>
        {signedOutBecause.value && (
          <div class="error-note login-notice" role="alert">
            <p>You were signed out. {signedOutBecause.value}</p>
          </div>
        )}
        <div class="field">
          <label for="login-email">Email</label>
          <input
            id="login-email"
            type="email"
            autocomplete="username"
            required
            value={email.value}
            onInput={(e) => (email.value = e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="login-password">Password</label>
          <input
            id="login-password"
            type="password"
            autocomplete="current-password"
            required
            value={password.value}
            onInput={(e) => (password.value = e.currentTarget.value)}
          />
        </div>
        {error.value && (
          <p class="field-error" role="alert">
            {error.value}
          </p>
        )}
        <button class="button primary" type="submit" disabled={busy.value}>
          {busy.value ? 'Signing in…' : 'Sign in'}
        </button>
        <p class="aside">
          Waiting for a parcel? <a href="/track">Track it with its number</a>
        </p>
      </form>
    </main>
  )
}
