import type { AlertKind } from '@dropmate/contracts/alert-event'
import type { Alert } from './alert'

interface Held {
  latest: Alert
  /** Running until the hold ends; cleared once the alert was raised. */
  timer?: NodeJS.Timeout
}

export interface Hold {
  /**
   * Takes every alert one object's latest state calls for (`[]` once it is deleted). Alerts
   * without `holdMs` pass at once; the others once their object kept calling for them for
   * that long, and only once until it stops.
   */
  evaluate(object: string, alerts: Alert[]): void
  stop(): void
}

/**
 * Holds back alerts about states that often heal by themselves (a Deployment short of a
 * replica while a pod restarts), so only the ones that last reach people.
 *
 * @example
 * const hold = createHold(dedup.raise)
 * hold.evaluate('dropmate/realtime', deploymentAlerts(deployment, { graceMs: 60_000 }))
 */
export function createHold(raise: (alert: Alert) => void): Hold {
  const held = new Map<string, Map<AlertKind, Held>>()
  return {
    evaluate(object, alerts) {
      const kinds = held.get(object) ?? new Map<AlertKind, Held>()
      for (const alert of alerts) {
        if (alert.holdMs === undefined) raise(alert)
        else if (kinds.has(alert.kind)) kinds.get(alert.kind)!.latest = alert
        else {
          const entry: Held = { latest: alert }
          entry.timer = setTimeout(() => {
            entry.timer = undefined
            raise(entry.latest)
          }, alert.holdMs)
          kinds.set(alert.kind, entry)
        }
      }
      const stillCalled = new Set(alerts.map((alert) => alert.kind))
      for (const [kind, entry] of kinds) {
        if (stillCalled.has(kind)) continue
        clearTimeout(entry.timer)
        kinds.delete(kind)
      }
      if (kinds.size > 0) held.set(object, kinds)
      else held.delete(object)
    },
    stop() {
      for (const kinds of held.values())
        for (const entry of kinds.values()) clearTimeout(entry.timer)
      held.clear()
    },
  }
}
