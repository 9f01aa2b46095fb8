import { emit, recordCheck } from '../recorder'

/** The `k6` module, as far as the scenarios use it: checks and failures. */

type Checkers<T> = Record<string, (value: T) => unknown>

export function check<T>(value: T, sets: Checkers<T>, tags: Record<string, string> = {}): boolean {
  let all = true
  for (const [name, checker] of Object.entries(sets)) {
    const ok = Boolean(checker(value))
    recordCheck({ name, ok })
    emit('checks', 'rate', ok ? 1 : 0, { ...tags, check: name })
    all &&= ok
  }
  return all
}

export function fail(message = ''): never {
  throw new Error(message)
}

export default { check, fail }
