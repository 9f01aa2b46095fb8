import type { Trigger } from './trigger'

/** Event members that are not context attributes: filters never look at the payload. */
const PAYLOAD = new Set(['data', 'data_base64'])

/**
 * Whether an event passes the Trigger's `filter.attributes`, as Knative's attributes filter
 * (knative/eventing pkg/eventfilter/attributes/filter.go) decides it:
 *
 * - every filter key must be an attribute or extension of the event with exactly that value;
 *   an attribute the event does not carry never matches;
 * - an empty filter value matches any value, but the attribute must be present and non-empty
 *   ("You can use the value '' to indicate all strings match", TriggerFilterAttributes; the
 *   presence rule is how eventing#4847 settled optional attributes and extensions);
 * - no filter at all matches every event.
 *
 * `attributes` is the event's attributes and extensions, e.g. a `CloudEvent`. Extension
 * values of other CloudEvents types (Integer, Boolean) compare by their canonical string form.
 */
export function matches(trigger: Trigger, attributes: Record<string, unknown>): boolean {
  return Object.entries(trigger.filter).every(([name, expected]) => {
    const actual = attributeValue(attributes, name)
    if (actual === undefined || actual === '') return false
    return expected === '' || actual === expected
  })
}

function attributeValue(attributes: Record<string, unknown>, name: string): string | undefined {
  if (PAYLOAD.has(name) || !Object.hasOwn(attributes, name)) return undefined
  const value = attributes[name]
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString()
  return undefined
}
