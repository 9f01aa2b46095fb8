import { defineFunction } from '@dropmate/runtime'
import { trackShipment as app, route } from './app'

/** The track-shipment function: its app and how it deploys (knative:generate writes its YAML from this). */
export const trackShipment = defineFunction({
  name: 'track-shipment',
  routes: [route],
  app,
  scaling: {
    maxScale: 20,
    retentionPeriod: '15m',
    why:
      'Customers open the public tracking page while a parcel is on its way and come back ' +
      'minutes later: the last pod stays 15 minutes after the last lookup, so a day of ' +
      'deliveries keeps it warm and the night scales it to zero. For a known rush, ' +
      'scripts/knative/scale-up.sh raises min-scale instead.',
  },
})
