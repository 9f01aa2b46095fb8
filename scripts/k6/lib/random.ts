import { randomBytes } from 'k6/crypto'

/** 128 random bits as 32 hex digits: CloudEvent ids, idempotency keys, references. */
export function randomId(): string {
  const bytes = new Uint8Array(randomBytes(16))
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/** Any one of `items`, each as likely. */
export function pick<T>(items: readonly T[]): T {
  if (items.length === 0) throw new Error('nothing to pick from')
  return items[Math.floor(Math.random() * items.length)]!
}
