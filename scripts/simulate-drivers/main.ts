import { NetworkError } from '../lib/api-client'
import { parseOptions, USAGE, type CliOptions } from './options'
import { startSimulation } from './simulation'
import { formatSummary } from './stats'

const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)}  ${line}`)

async function main(options: CliOptions) {
  const { url, drivers, intervalMs, durationMs } = options
  log(`signing in ${drivers} drivers at ${url}`)
  const simulation = await startSimulation({ ...options, log })
  const until = durationMs ? `for ${durationMs / 1000} s` : 'until Ctrl-C'
  log(
    `${drivers} drivers on duty, a ping each every ${intervalMs} ms, ${until} ` +
      `(seed ${simulation.seed})`,
  )

  await stopRequested(durationMs)
  // A second Ctrl-C means now: skip the last pings and going off duty.
  process.once('SIGINT', () => process.exit(130))
  log('stopping: sending the last pings, going off duty')
  log(`final: ${formatSummary(await simulation.stop())}`)
}

/** Resolves on Ctrl-C, SIGTERM, or once `durationMs` has passed. */
function stopRequested(durationMs: number | undefined) {
  return new Promise<void>((resolve) => {
    const timer = durationMs ? setTimeout(done, durationMs) : undefined
    process.once('SIGINT', done).once('SIGTERM', done)
    function done() {
      clearTimeout(timer)
      process.off('SIGINT', done).off('SIGTERM', done)
      resolve()
    }
  })
}

let options: CliOptions | 'help'
try {
  options = parseOptions(process.argv.slice(2))
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`)
  process.exit(2)
}

if (options === 'help') {
  console.log(USAGE)
} else {
  const { url } = options
  await main(options).catch((error: unknown) => {
    const cannotReach = error instanceof NetworkError
    const hint = cannotReach ? ` (is the server at ${url} running? npm start)` : ''
    console.error(`simulate-drivers: ${(error as Error).message}${hint}`)
    process.exitCode = 1
  })
}
