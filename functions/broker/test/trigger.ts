import { parseTriggers, type Trigger } from '../src/triggers'

/** A Trigger as its YAML would declare it, sending to `subscriber`, with `spec` lines added. */
export function trigger(name: string, subscriber: string, spec: string = ''): Trigger {
  const [parsed] = parseTriggers(
    `apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: ${name}
spec:
  broker: default
  subscriber:
    uri: ${subscriber}
${spec}`,
    'test.yaml',
  )
  return parsed!
}
