/**
 * A Map that forgets its oldest entries beyond `limit`: memory stays bounded however many
 * events pass, and what is forgotten is what is least likely to come back.
 *
 * @example
 * const seen = new BoundedMap<string, true>(10_000)
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super()
  }

  override set(key: K, value: V): this {
    // Re-inserting moves the key to the young end.
    super.delete(key)
    super.set(key, value)
    if (this.size > this.limit) this.delete(this.keys().next().value as K)
    return this
  }
}
