import { logger } from '@dropmate/runtime'
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node'
import type { Alert } from './alert'
import type { MonitorConfig } from './config'
import { createDeduplicator } from './dedup'
import { createHold } from './hold'
import { createNotifier, type NotifierConfig } from './notifier'
import { DEPLOYMENTS, PODS, POD_AUTOSCALERS, REVISIONS, type WatchedResource } from './resources'
import { deploymentAlerts } from './rules/deployment'
import { REVISION_LABEL } from './rules/knative'
import { nameOf } from './rules/object'
import { podAlerts } from './rules/pod'
import { maxScaleOf, podAutoscalerAlerts } from './rules/pod-autoscaler'
import { revisionAlerts } from './rules/revision'
import { watchResource } from './watch'

export type MonitorSettings = MonitorConfig & NotifierConfig

export interface Monitor {
  /** The resources not being watched right now: empty once every watch is open. */
  notWatching(): string[]
  /** Stops watching, sends what the dedup windows counted so far, lets sends finish. */
  stop(): Promise<void>
}

/**
 * The scaling monitor: watches DropMate's Knative PodAutoscalers and Revisions, Deployments
 * and pods in one namespace, turns each change into alerts with the rules in `rules/`, and
 * sends them on, repeats folded per window.
 *
 * @example
 * const monitor = startMonitor({ kubeConfig, settings: { ...loadConfig(env), ...loadMonitorConfig(env) } })
 */
export function startMonitor(options: {
  kubeConfig: KubeConfig
  settings: MonitorSettings
}): Monitor {
  const { kubeConfig, settings } = options
  const notifier = createNotifier(settings)
  const dedup = createDeduplicator({
    windowMs: settings.ALERT_DEDUP_WINDOW,
    notify: notifier.notify,
  })
  const hold = createHold(dedup.raise)

  const watch = <T extends KubernetesObject>(
    resource: WatchedResource<T>,
    rule: (previous: T | undefined, current: T) => Alert[],
  ) =>
    watchResource({
      kubeConfig,
      resource,
      namespace: settings.WATCH_NAMESPACE,
      retryDelayMs: settings.WATCH_RETRY_DELAY,
      onChange: (previous, current, name) =>
        hold.evaluate(`${resource.plural}/${name}`, current ? rule(previous, current) : []),
    })

  const revisions = watch(REVISIONS, revisionAlerts)
  const watchers = [
    revisions,
    watch(POD_AUTOSCALERS, (previous, current) => {
      // A PodAutoscaler is named after its Revision, which knows max-scale if it lacks it.
      const revision = revisions.get(current.metadata?.labels?.[REVISION_LABEL] ?? nameOf(current))
      const maxScale = maxScaleOf(current, revision)
      return podAutoscalerAlerts(previous, current, {
        scaleStep: settings.ALERT_SCALE_STEP,
        maxScale,
      })
    }),
    watch(PODS, podAlerts),
    watch(DEPLOYMENTS, (_previous, current) =>
      deploymentAlerts(current, { graceMs: settings.ALERT_UNAVAILABLE_GRACE }),
    ),
  ]
  logger.info(
    {
      namespace: settings.WATCH_NAMESPACE,
      emailRecipients: settings.SENDGRID_API_KEY ? settings.ALERT_EMAIL_TO.length : 0,
      events: settings.BROKER_URL !== undefined,
    },
    'scaling monitor started',
  )

  return {
    notWatching: () => watchers.filter((watcher) => !watcher.isWatching()).map((w) => w.name),
    async stop() {
      await Promise.all(watchers.map((watcher) => watcher.stop()))
      hold.stop()
      dedup.flush()
      await notifier.drain()
    },
  }
}
