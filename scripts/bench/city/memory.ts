import { readFile } from 'node:fs/promises'

/** Resident memory in MiB: now, and the most the process ever held (its high-water mark). */
export interface Rss {
  mb: number
  peakMb: number
}

/**
 * Each process's resident memory from /proc/<pid>/status; a process that is gone (or a
 * system without /proc) is left out.
 */
export async function sampleRss(pids: Record<string, number>): Promise<Record<string, Rss>> {
  const sampled: Record<string, Rss> = {}
  for (const [name, pid] of Object.entries(pids)) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined)
    const rss = status === undefined ? undefined : rssOf(status)
    if (rss) sampled[name] = rss
  }
  return sampled
}

/** VmRSS and VmHWM of a /proc/<pid>/status text (proc(5)), which the kernel gives in kB. */
export function rssOf(status: string): Rss | undefined {
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1])
  const [now, peak] = [kb('VmRSS'), kb('VmHWM')]
  if (!Number.isFinite(now) || !Number.isFinite(peak)) return undefined
  return { mb: Math.round(now / 1024), peakMb: Math.round(peak / 1024) }
}
