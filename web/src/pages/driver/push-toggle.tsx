import type { createPushNotifications } from '../../models/push-notifications'

type PushNotifications = ReturnType<typeof createPushNotifications>

/** Pushes for new deliveries on this phone, where the browser and the shop offer them. */
export function PushToggle({ push }: { push: PushNotifications }) {
  const state = push.state.value
  if (state === 'unavailable') return null
  return (
    <div class="share-row">
      <button
        type="button"
        class="button share-button"
        aria-pressed={state === 'on'}
        disabled={state === 'blocked'}
        onClick={() => void (state === 'on' ? push.disable() : push.enable())}
      >
        {state === 'on' ? 'Notifying new deliveries' : 'Notify me of new deliveries'}
      </button>
      {state === 'blocked' && (
        <span class="meta">Notifications are blocked for this site in the browser settings.</span>
      )}
      {push.error.value && <p class="field-error">{push.error.value}</p>}
    </div>
  )
}
