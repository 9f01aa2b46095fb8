import { createTestDatabase, createTestRedis, type TestDatabase } from '@dropmate/db/testing'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loggerOptions } from '../src/logger'

const RITA = { name: 'Rita Sousa', email: 'rita.sousa@example.com', phone: '+44 20 7946 0958' }

let db: TestDatabase

beforeAll(async () => {
  db = await createTestDatabase()
  await db.sql`
    create table receivers (
      name text not null,
      email text not null unique,
      phone text not null check (phone like '+351%')
    )
  `
  await db.sql`insert into receivers ${db.sql({ ...RITA, phone: '+351 910 000 020' })}`
}, 60_000)

afterAll(async () => {
  await db?.drop()
})

/** What the log writes for an error, as one line of text. */
function logged(error: unknown): string {
  const lines: string[] = []
  const log = pino({ ...loggerOptions(), level: 'info' }, { write: (line) => lines.push(line) })
  log.error({ err: error }, 'request failed')
  return lines.join('')
}

async function failure(work: () => Promise<unknown>): Promise<unknown> {
  return work().then(
    () => expect.unreachable('the statement succeeded'),
    (error: unknown) => error,
  )
}

describe('a logged database error', () => {
  it('names the check constraint a row broke, and none of the row', async () => {
    const error = await failure(() => db.sql`insert into receivers ${db.sql(RITA)}`)
    const line = logged(error)
    expect(JSON.parse(line).err).toMatchObject({
      type: 'PostgresError',
      code: '23514',
      table_name: 'receivers',
      constraint_name: 'receivers_phone_check',
    })
    for (const value of Object.values(RITA)) expect(line).not.toContain(value)
  })

  it('names the unique key a row broke, and not the value it repeated', async () => {
    const twin = { ...RITA, name: 'Rita S.', phone: '+351 910 000 099' }
    const line = logged(await failure(() => db.sql`insert into receivers ${db.sql(twin)}`))
    expect(JSON.parse(line).err).toMatchObject({ code: '23505' })
    expect(line).not.toContain(RITA.email)
  })

  it('says what kind of value was refused, and not the value', async () => {
    const line = logged(await failure(() => db.sql`select ${RITA.name}::uuid`))
    expect(JSON.parse(line).err).toMatchObject({ code: '22P02' })
    expect(line).toContain('invalid input syntax for type uuid')
    expect(line).not.toContain(RITA.name)
  })

  it('leaves out the statement and its parameters, even with the client debugging', async () => {
    const debugging = db.sql.options.debug
    db.sql.options.debug = true
    try {
      const line = logged(await failure(() => db.sql`insert into receivers ${db.sql(RITA)}`))
      for (const value of Object.values(RITA)) expect(line).not.toContain(value)
      expect(line).not.toContain('insert into')
    } finally {
      db.sql.options.debug = debugging
    }
  })

  it('keeps the values out when the database error is the cause of another', async () => {
    const cause = await failure(() => db.sql`select ${RITA.name}::uuid`)
    const line = logged(new Error('shipment not saved', { cause }))
    expect(line).toContain('shipment not saved')
    expect(line).toContain('invalid input syntax for type uuid')
    expect(line).not.toContain(RITA.name)
  })
})

describe.runIf(process.env.REDIS_URL)('a logged Redis error', () => {
  it('names the command and not its keys and values', async () => {
    const { redis, cleanup } = createTestRedis(process.env.REDIS_URL!)
    try {
      await redis.set('tracking:DMV70692SWY8DB', 'cached')
      const error = await failure(() => redis.hset('tracking:DMV70692SWY8DB', 'name', RITA.name))
      const line = logged(error)
      expect(JSON.parse(line).err).toMatchObject({ command: { name: 'hset' } })
      expect(line).not.toContain('DMV70692SWY8DB')
      expect(line).not.toContain(RITA.name)
    } finally {
      await cleanup()
    }
  })
})
