import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node'
import type { AlertKind } from '@dropmate/contracts/alert-event'
import { kubectl, type Alert } from '../alert'
import { nameOf, namespaceOf } from './object'

/**
 * What a pod's change says about each of its containers, the most telling alert only: it
 * was killed for memory, it is crash looping, or it restarted. A pod seen for the first time
 * alerts only if it is crash looping now: its past restarts happened before we watched.
 *
 * @example
 * podAlerts(running(0), crashLooping(1))
 * // [{ kind: 'crash_loop', subject: 'pod/realtime-7c9f-x2', numbers: { restartCount: 1, … } }]
 */
export function podAlerts(previous: V1Pod | undefined, current: V1Pod): Alert[] {
  const before = new Map(
    (previous?.status?.containerStatuses ?? []).map((status) => [status.name, status]),
  )
  return (current.status?.containerStatuses ?? []).flatMap((status) => {
    const alert = containerAlert(current, before.get(status.name), status)
    return alert ? [alert] : []
  })
}

function containerAlert(
  pod: V1Pod,
  before: V1ContainerStatus | undefined,
  now: V1ContainerStatus,
): Alert | undefined {
  const restarted = before !== undefined && now.restartCount > before.restartCount
  const crashLooping = isCrashLooping(now) && (restarted || !isCrashLooping(before))
  const last = now.lastState?.terminated
  const name = nameOf(pod)
  const what = `${name}: container ${now.name}`
  const about = (kind: AlertKind, summary: string): Alert => ({
    subject: `pod/${name}`,
    kind,
    severity: kind === 'container_restarted' ? 'warning' : 'critical',
    summary,
    numbers: {
      container: now.name,
      restartCount: now.restartCount,
      ...(now.state?.waiting?.reason ? { waitingReason: now.state.waiting.reason } : {}),
      ...(last?.reason ? { lastExitReason: last.reason } : {}),
      ...(last ? { lastExitCode: last.exitCode } : {}),
      ...memoryLimit(pod, now.name),
    },
    commands: commandsFor(pod, now.name),
  })

  // Every DropMate pod restarts its containers (restartPolicy Always), so a kill shows as a
  // restart whose last state says why; the migration Job's failures are deploy.sh's to show.
  if (restarted && last?.reason === 'OOMKilled') {
    return about('oom_killed', `${what} was killed for running out of memory`)
  }
  if (crashLooping) {
    return about('crash_loop', `${what} is crash looping (${restarts(now.restartCount)})`)
  }
  if (restarted)
    return about('container_restarted', `${what} restarted (${restarts(now.restartCount)})`)
  return undefined
}

function isCrashLooping(status: V1ContainerStatus | undefined): boolean {
  return status?.state?.waiting?.reason === 'CrashLoopBackOff'
}

/** The limit an OOM kill ran into: the first thing to raise, or to question. */
function memoryLimit(pod: V1Pod, container: string): Alert['numbers'] {
  const spec = pod.spec?.containers.find((candidate) => candidate.name === container)
  const limit = spec?.resources?.limits?.memory
  return limit ? { memoryLimit: limit } : {}
}

function commandsFor(pod: V1Pod, container: string): string[] {
  const namespace = namespaceOf(pod)
  const name = nameOf(pod)
  return [
    kubectl(namespace, `describe pod ${name}`),
    kubectl(namespace, `logs ${name} -c ${container} --previous`),
    kubectl(namespace, `get events --field-selector involvedObject.name=${name}`),
  ]
}

function restarts(count: number): string {
  return count === 1 ? '1 restart' : `${count} restarts`
}
