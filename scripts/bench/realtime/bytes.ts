// Fine enough that a window's edges cut at most a tenth of a second either side.
const BUCKET_MS = 100

/**
 * Message bytes a process took, by when (wall clock), so the bytes of a window can be read
 * after it ended: asking for them at its edges would wait behind the very copies a busy
 * process is still working through.
 */
export class BytesOverTime {
  private readonly buckets = new Map<number, number>()

  add(atMs: number, bytes: number): void {
    const bucket = Math.floor(atMs / BUCKET_MS)
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + bytes)
  }

  /** The bytes taken from `fromMs` (included) to `toMs` (excluded), to the nearest bucket. */
  between(fromMs: number, toMs: number): number {
    const [from, to] = [Math.round(fromMs / BUCKET_MS), Math.round(toMs / BUCKET_MS)]
    let sum = 0
    for (const [bucket, bytes] of this.buckets) if (bucket >= from && bucket < to) sum += bytes
    return sum
  }

  clear(): void {
    this.buckets.clear()
  }
}
