import { randomBytes as nodeRandomBytes } from 'node:crypto'

/** The `k6/crypto` module, as far as the scenarios use it. */

export function randomBytes(size: number): ArrayBuffer {
  const bytes = nodeRandomBytes(size)
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
}

export default { randomBytes }
