import { useEffect } from 'preact/hooks'
import { account } from '../models/session'
import { navigate } from '../router'
import { lazyComponent } from '../ui/lazy'

const Dashboard = lazyComponent(() => import('./dashboard'))
const Customer = lazyComponent(() => import('./customer'))

/**
 * `/` and `/shipments/:id`: the role decides. Staff get the dashboard, customers their
 * parcels, drivers go to their own view, and anyone signed out to the sign-in page.
 */
export default function Home({ params }: { params: string[] }) {
  const me = account.value
  useEffect(() => {
    if (!me) navigate(`/login?next=${encodeURIComponent(location.pathname)}`, { replace: true })
    else if (me.role === 'driver') navigate('/driver', { replace: true })
  }, [me])
  if (!me || me.role === 'driver') return null
  const shipmentId = params[0] || null
  return me.role === 'customer' ? (
    <Customer shipmentId={shipmentId} />
  ) : (
    <Dashboard shipmentId={shipmentId} />
  )
}
