import { useEffect, useState } from 'preact/hooks'
import { account } from '../../models/session'
import { createWebhookSettings } from '../../models/webhook-settings'
import { navigate } from '../../router'
import { Topbar } from '../../ui/topbar'
import { ErrorNote } from '../../ui/widgets'
import { DeliveryLog } from './delivery-log'
import { EndpointList } from './endpoint-list'
import { NewEndpointForm } from './new-endpoint-form'
import { SecretOnce } from './secret-once'
import './webhooks.css'

const PATH = '/settings/webhooks'

/** `/settings/webhooks`: admins register signed webhook endpoints and read their deliveries. */
export default function WebhooksPage() {
  const me = account.value
  const [settings] = useState(createWebhookSettings)
  const admin = me?.role === 'admin'
  useEffect(() => {
    document.title = 'Webhooks · DropMate'
    if (!me) navigate(`/login?next=${encodeURIComponent(PATH)}`, { replace: true })
    else if (!admin) navigate('/', { replace: true })
    else void settings.load()
  }, [me])
  if (!admin) return null
  return (
    <div class="webhooks-page">
      {/* The top bar's link to this page, marked current, names it. */}
      <Topbar />
      <main class="webhooks-main">
        <section class="card" aria-labelledby="webhooks-title">
          <a href="/">← Back to dispatch</a>
          <h1 id="webhooks-title">Webhooks</h1>
          <p>
            DropMate tells other systems what happens to parcels and drivers by POSTing signed
            events to their endpoints, as the{' '}
            <a href="https://www.standardwebhooks.com">Standard Webhooks</a> specification
            describes: check <code>webhook-signature</code> with the endpoint’s secret before
            trusting a message.
          </p>
        </section>
        {settings.error.value && <ErrorNote message={settings.error.value} />}
        <SecretOnce settings={settings} />
        <NewEndpointForm settings={settings} />
        <EndpointList settings={settings} />
        <DeliveryLog settings={settings} />
      </main>
    </div>
  )
}
