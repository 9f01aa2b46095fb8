import { parseArgs } from 'node:util'

const USAGE = `Usage: npm run events -- <command> [--url URL]

Commands:
  dlq list [--limit N]   dead-lettered events, newest first
  dlq replay <id>        send one back to the Trigger that gave up on it
  dlq replay --all       send them all back
  stats                  deliveries, retries, dead letters and lag per Trigger

--url defaults to DROPMATE_URL or http://localhost:8080; BROKER_TOKEN is sent when set.`

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: process.env.DROPMATE_URL ?? 'http://localhost:8080' },
    limit: { type: 'string', default: '50' },
    all: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from our own server
async function call(method: string, path: string): Promise<any> {
  const headers: Record<string, string> = {}
  if (process.env.BROKER_TOKEN) headers.authorization = `Bearer ${process.env.BROKER_TOKEN}`
  const response = await fetch(new URL(path, values.url), { method, headers })
  const body = (await response.json().catch(() => ({}))) as { detail?: string }
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${body.detail ?? ''}`)
  return body
}

const [command, action, id] = positionals
try {
  if (values.help || !command) {
    console.log(USAGE)
  } else if (command === 'stats') {
    console.log(JSON.stringify(await call('GET', '/broker/stats'), null, 2))
  } else if (command === 'dlq' && action === 'list') {
    const { items } = await call('GET', `/broker/dead-letters?limit=${values.limit}`)
    for (const letter of items) {
      const { event } = letter
      const why = `${event.knativeerrorcode} from ${event.knativeerrordest}`
      console.log(
        `${letter.id}  ${letter.deadAt}  ${letter.trigger}  ${event.type}  ${event.id}  (${why})`,
      )
    }
    console.log(`${items.length} dead letter(s)`)
  } else if (command === 'dlq' && action === 'replay' && (values.all || id)) {
    const path = values.all ? '/broker/dead-letters/replay' : `/broker/dead-letters/${id}/replay`
    const { replayed } = await call('POST', path)
    console.log(`replayed ${replayed}`)
  } else {
    process.stderr.write(`${USAGE}\n`)
    process.exitCode = 2
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`)
  process.exitCode = 1
}
