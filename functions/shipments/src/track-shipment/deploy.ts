import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The track-shipment Knative Service (knative/base/services/track-shipment.yaml is generated from this). */
export const deployment = defineFunction({
  name: 'track-shipment',
  routes: [route],
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
