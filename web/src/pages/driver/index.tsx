import { useEffect } from 'preact/hooks'
import { installDriverApp } from '../../models/driver-app'
import { account } from '../../models/session'
import { navigate } from '../../router'
import { DriverView } from './driver-view'
import './driver.css'

/** `/driver`, for a phone: duty, location sharing, and the deliveries to do, in order. */
export default function DriverPage() {
  const me = account.value
  useEffect(installDriverApp, [])
  useEffect(() => {
    document.title = 'My deliveries · DropMate'
    if (!me) navigate(`/login?next=/driver`, { replace: true })
    else if (me.role !== 'driver') navigate('/', { replace: true })
  }, [me])
  if (!me || me.role !== 'driver' || !me.driverId) return null
  return <DriverView key={me.driverId} driverId={me.driverId} />
}
