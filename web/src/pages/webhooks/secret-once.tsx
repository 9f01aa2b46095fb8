import type { WebhookSettings } from '../../models/webhook-settings'

/** The secret just issued, with the warning that this is the only time it shows. */
export function SecretOnce({ settings }: { settings: WebhookSettings }) {
  const issued = settings.issued.value
  if (!issued) return null
  return (
    <section class="card webhook-secret" role="status" aria-labelledby="secret-title">
      <h2 id="secret-title">Signing secret for {issued.url}</h2>
      <p>
        Copy it into the receiving system now: it is not shown again. A lost secret is replaced with{' '}
        <em>Rotate secret</em>.
      </p>
      <code class="secret-value" aria-label="Signing secret">
        {issued.secret}
      </code>
      <p class="webhook-actions">
        <button
          type="button"
          class="button"
          onClick={() => void navigator.clipboard?.writeText(issued.secret)}
        >
          Copy
        </button>
        <button type="button" class="button primary" onClick={settings.forgetSecret}>
          I have kept it
        </button>
      </p>
    </section>
  )
}
