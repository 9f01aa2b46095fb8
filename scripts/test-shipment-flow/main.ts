import { parseArgs } from 'node:util'
import { runFlow, type FlowOptions } from './flow'
import { formatSummary } from './print'
import { FlowError } from './steps'

// The logins `npm run db:seed` creates (scripts/seed/demo-data.ts).
const DEMO_PASSWORD = 'dropmate-demo'
const DEMO_DISPATCHER = 'rui.carvalho@estrela.example'
const DEMO_DRIVER = 'joao.silva@estrela.example'

const USAGE = `Usage: npm run test:flow -- [--base-url URL] [--email E --password P]
                         [--driver-email E --driver-password P]

Walks one new shipment from creation to delivery against a running DropMate server and
checks the public tracking view and the timeline. It writes: the shipment stays, delivered,
with a reference starting "flow-".

  --base-url         server to test (default: $DROPMATE_URL or http://localhost:8080)
  --email            dispatcher or admin login (default: ${DEMO_DISPATCHER})
  --password         (default: ${DEMO_PASSWORD})
  --driver-email     driver login (default: ${DEMO_DRIVER})
  --driver-password  (default: ${DEMO_PASSWORD})

Exits 0 when every step passes, 1 when one fails, 2 on bad arguments.`

function readOptions(): FlowOptions | 'help' {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string', default: process.env.DROPMATE_URL || 'http://localhost:8080' },
      email: { type: 'string', default: DEMO_DISPATCHER },
      password: { type: 'string', default: DEMO_PASSWORD },
      'driver-email': { type: 'string', default: DEMO_DRIVER },
      'driver-password': { type: 'string', default: DEMO_PASSWORD },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return 'help'
  return {
    baseUrl: baseUrlOf(values['base-url']),
    dispatcher: { email: values.email, password: values.password },
    driver: { email: values['driver-email'], password: values['driver-password'] },
  }
}

/** `http://host:8080/` → `http://host:8080`; a path prefix (behind a proxy) is kept. */
function baseUrlOf(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new TypeError(`--base-url ${value} is not an http(s) URL`)
  }
  return url.origin + url.pathname.replace(/\/+$/, '')
}

let options: FlowOptions | 'help'
try {
  options = readOptions()
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`)
  process.exit(2)
}

if (options === 'help') {
  console.log(USAGE)
} else {
  try {
    console.log(`Testing the shipment flow on ${options.baseUrl}`)
    console.log(formatSummary(await runFlow(options, console.log)))
  } catch (error) {
    if (!(error instanceof FlowError)) throw error
    console.error(`FAIL shipment flow, step "${error.step}": ${error.message}`)
    process.exitCode = 1
  }
}
