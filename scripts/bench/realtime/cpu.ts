import { readFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'

// /proc counts in USER_HZ, which Linux fixes at 100 for user space whatever the kernel's HZ.
const TICKS_PER_SECOND = 100

/** CPU time in seconds: each named process's (user + system), and the whole machine's busy time. */
export type CpuSample = Record<string, number>

/**
 * The CPU seconds each process in `pids` and the machine (`machine`: every core's non-idle
 * time) have used so far, from /proc; empty where there is no /proc (macOS), so the bench
 * still runs there, only without these figures.
 */
export async function sampleCpu(pids: Record<string, number>): Promise<CpuSample> {
  const sample: CpuSample = {}
  try {
    for (const [name, pid] of Object.entries(pids)) {
      sample[name] = processSeconds(await readFile(`/proc/${pid}/stat`, 'utf8'))
    }
    sample.machine = machineBusySeconds(await readFile('/proc/stat', 'utf8'))
  } catch {
    return {}
  }
  return sample
}

/** How many cores each process (and the machine) kept busy between two samples. */
export function coresUsed(before: CpuSample, after: CpuSample, elapsedMs: number) {
  return Object.fromEntries(
    Object.entries(after)
      .filter(([name]) => before[name] !== undefined)
      .map(([name, seconds]) => [name, round2((seconds - before[name]!) / (elapsedMs / 1000))]),
  )
}

/** utime + stime of a /proc/<pid>/stat line (proc(5) fields 14 and 15). */
export function processSeconds(stat: string): number {
  // The command name in parentheses may hold spaces; the fields after it start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}

/** Every core's time running anything (not idle, waiting for I/O or stolen), from /proc/stat. */
export function machineBusySeconds(stat: string): number {
  const [, ...ticks] = stat.split('\n')[0]!.trim().split(/\s+/)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = ticks.map(Number)
  return (user + nice + system + irq + softirq) / TICKS_PER_SECOND
}

/** The machine's load: its cores and the 1-minute load average, rounded. */
export function machineLoad() {
  return { cores: cpus().length, loadAverage1m: round2(loadavg()[0]!) }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}
