import { startSendGridReceiver } from '@dropmate/mail/testing'
import { failed } from './checks'
import { createDeployments } from './deployments'
import { startEventSink } from './event-sink'
import { runScenario, type Outcome } from './run-scenario'
import { SCENARIOS } from './scenarios'
import { seedEmbedded, startDataStores } from './services'
import { formatFindings, formatTable } from './table'

// SendGrid's API takes a few hundred ms to accept an email, and a subscriber some time to do
// its work: deliveries are in flight that long, as in production.
const SENDGRID_LATENCY_MS = 300
const SUBSCRIBER_LATENCY_MS = 200

/**
 * `npm run chaos [-- <scenario>...]`: each scenario under a bounded mixed load with its fault,
 * then the table, the findings under it, and exit 1 on any loss, duplicate side effect,
 * broken error answer, socket left behind or fatal log. `--list` names the scenarios.
 */
const args = process.argv.slice(2)
if (args.includes('--list')) {
  for (const s of SCENARIOS) console.log(`${s.name.padEnd(24)} ${s.shape}, ${s.stores}: ${s.fault}`)
  process.exit(0)
}
const unknown = args.filter((name) => !SCENARIOS.some((s) => s.name === name))
if (unknown.length) {
  console.error(`unknown scenario ${unknown.join(', ')}; --list names them`)
  process.exit(2)
}
const chosen = args.length ? SCENARIOS.filter((s) => args.includes(s.name)) : SCENARIOS

const started = Date.now()
const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`)
log('starting PostgreSQL and Redis of the suite’s own, seeding the demo shop')
// Seeded beside the services, while the machine waits on initdb: its first PGlite start
// compiles WASM for seconds.
const embedded = chosen.some((s) => s.stores === 'embedded') ? seedEmbedded() : undefined
embedded?.catch(() => {})
const [stores, sink, sendgrid] = await Promise.all([
  startDataStores(),
  startEventSink({ latencyMs: SUBSCRIBER_LATENCY_MS }),
  startSendGridReceiver(),
])
sendgrid.beforeAnswering(() => new Promise((resolve) => setTimeout(resolve, SENDGRID_LATENCY_MS)))
const deployments = createDeployments(
  {
    stores,
    embeddedDataDir: () => embedded!,
    sinkUrl: sink.url,
    sendgridUrl: sendgrid.url,
  },
  chosen,
)
const outcomes: Outcome[] = []
try {
  for (const scenario of chosen) {
    log(`${scenario.name}: starting`)
    const outcome = await deployments
      .use(scenario)
      .then((deployment) => runScenario(scenario, deployment, { stores, sink, sendgrid, log }))
      .catch((error: unknown) => brokenRun(scenario.name, scenario.fault, error))
    outcomes.push(outcome)
    log(`${scenario.name}: ${failed(outcome.verdict) ? 'FAIL' : 'ok'}`)
    await deployments.done(scenario)
  }
} finally {
  await Promise.all([stores.cleanup(), sink.close(), sendgrid.close()])
}

console.log(`\n${formatTable(outcomes)}\n`)
for (const outcome of outcomes.filter((o) => o.failures.length > 0)) {
  console.log(formatFindings(outcome.scenario, outcome.failures))
}
log(`done: ${outcomes.filter((o) => failed(o.verdict)).length} of ${outcomes.length} failed`)
process.exit(outcomes.some((o) => failed(o.verdict)) ? 1 : 0)

/** A scenario that could not run to its checks fails with why. */
function brokenRun(scenario: string, fault: string, error: unknown): Outcome {
  const zero = { writes: 0, events: 0, emails: 0, arrivals: 0, pings: 0 }
  const failures = [`could not run: ${error instanceof Error ? error.message : String(error)}`]
  const verdict = {
    lost: zero,
    duplicated: zero,
    badErrors: 0,
    slowestErrorMs: 0,
    unanswered: 0,
    screensBehind: 0,
    fatal: 0,
    failures,
  }
  return { scenario, load: '-', fault, verdict, recoveryMs: null, failures }
}
