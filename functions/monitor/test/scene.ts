import { startSubscriber } from '@dropmate/broker/testing'
import { loadConfig } from '@dropmate/core'
import { startSendGridReceiver, type SentMail } from '@dropmate/mail/testing'
import type { KubernetesObject } from '@kubernetes/client-node'
import { expect, vi } from 'vitest'
import { createMonitorApp, loadMonitorConfig, monitorHealth, startMonitor } from '../src'
import { startFakeKubeApi } from './fake-kube-api'

export const BROKER_TOKEN = 'scaling-monitor-test-token-0123456789'
export const OPS = 'ops@shop.example'

/** Short windows and waits, so a scenario takes seconds; each test may override them. */
const TEST_ENV = {
  MAIL_FROM: 'alerts@dropmate.example',
  BROKER_TOKEN,
  ALERT_EMAIL_TO: OPS,
  ALERT_DEDUP_WINDOW: '3s',
  ALERT_UNAVAILABLE_GRACE: '300ms',
  ALERT_EMAIL_RETRY_DELAY: '20ms',
  WATCH_RETRY_DELAY: '50ms',
}

/**
 * The monitor against a fake Kubernetes API on loopback, with SendGrid and the broker
 * ingress as loopback receivers. `objects` exist before the monitor starts; `before` runs
 * then too (to make the API refuse, say).
 */
export async function startScene(
  options: {
    objects?: KubernetesObject[]
    env?: Record<string, string>
    before?: (kube: Awaited<ReturnType<typeof startFakeKubeApi>>) => void
  } = {},
) {
  const kube = await startFakeKubeApi()
  const sendgrid = await startSendGridReceiver()
  const broker = await startSubscriber()
  for (const object of options.objects ?? []) kube.apply(object)
  options.before?.(kube)
  const env = {
    ...TEST_ENV,
    SENDGRID_API_KEY: 'SG.test-key',
    SENDGRID_API_URL: sendgrid.url,
    BROKER_URL: broker.url,
    ...options.env,
  }
  const settings = { ...loadConfig(env), ...loadMonitorConfig(env) }
  const monitor = startMonitor({ kubeConfig: kube.kubeConfig(), settings })
  const app = createMonitorApp([monitorHealth(monitor, () => false)])
  let closed: Promise<void> | undefined

  return {
    kube,
    sendgrid,
    broker,
    monitor,
    app,
    /** Resolves once every resource is listed and watched. */
    watching: () =>
      vi.waitFor(() => expect(monitor.notWatching()).toEqual([]), { timeout: 10_000 }),
    /** Waits until `count` emails arrived, and returns them all. */
    async emails(count: number) {
      await vi.waitFor(() => expect(sendgrid.sent.length).toBeGreaterThanOrEqual(count), {
        timeout: 10_000,
        interval: 20,
      })
      return sendgrid.sent.map(readable)
    },
    /** Stops the monitor (sending what its windows hold), then every server; once. */
    close() {
      closed ??= monitor
        .stop()
        .then(() => Promise.all([kube.close(), sendgrid.close(), broker.close()]))
        .then(() => {})
      return closed
    },
  }
}

export type Scene = Awaited<ReturnType<typeof startScene>>

/** An email as a reader sees it. */
export function readable({ body }: SentMail) {
  const part = (type: string) => body.content.find((content) => content.type === type)?.value ?? ''
  return {
    to: body.personalizations.flatMap((p) => p.to.map((to) => to.email)),
    from: body.from.email,
    subject: body.subject,
    text: part('text/plain'),
    html: part('text/html'),
  }
}
