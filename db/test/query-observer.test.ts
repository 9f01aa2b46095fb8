import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { observeQueries, summarize, type QuerySummary } from '../src/query-observer'
import { createTestDatabase, type TestDatabase } from '../src/testing'

let db: TestDatabase
const told: Array<{ query: QuerySummary; error?: unknown; ended: boolean }> = []

beforeAll(async () => {
  db = await createTestDatabase()
  // postgres.js reads the server's types with the first query: not the tests' own.
  await db.sql`select 1`
  observeQueries(db.sql, (query) => {
    const entry = { query, ended: false, error: undefined as unknown }
    told.push(entry)
    return (error) => Object.assign(entry, { ended: true, error })
  })
})

afterAll(async () => {
  observeQueries(db.sql, undefined)
  await db?.drop()
})

describe('observeQueries', () => {
  it('tells of each query once, when it ends, without its values', async () => {
    told.length = 0
    const secret = 'rita@example.com'
    const [row] = await db.sql<Array<{ echoed: string }>>`select ${secret}::text as echoed`
    expect(row!.echoed).toBe(secret)
    expect(told).toEqual([
      { query: { operation: 'SELECT', summary: 'SELECT' }, ended: true, error: undefined },
    ])
    expect(JSON.stringify(told)).not.toContain(secret)
  })

  it('tells of a failed query with its error, and of queries in a transaction', async () => {
    told.length = 0
    await expect(db.sql`select * from no_such_table`).rejects.toThrow(/no_such_table/)
    expect(told[0]!.query.summary).toBe('SELECT no_such_table')
    expect(told[0]!.error).toBeInstanceOf(Error)

    told.length = 0
    await db.sql.begin(async (tx) => {
      await tx`create table if not exists observed (id int)`
      await tx`insert into observed ${tx({ id: 1 })}`
    })
    const summaries = told.map((each) => each.query.summary)
    expect(summaries).toContain('CREATE observed')
    expect(summaries).toContain('INSERT observed')
    expect(told.every((each) => each.ended)).toBe(true)
  })

  it('leaves fragments untold: only what is sent is a query', async () => {
    told.length = 0
    const where = db.sql`where id = ${1}`
    await db.sql`select id from observed ${where}`
    expect(told.map((each) => each.query.summary)).toEqual(['SELECT observed'])
  })
})

describe('summarize', () => {
  it('names the operation and the first table, never a value', () => {
    expect(summarize(['update shipments set status = ', ' where id = ', ''] as never)).toEqual({
      operation: 'UPDATE',
      collection: 'shipments',
      summary: 'UPDATE shipments',
    })
    expect(summarize('\n  delete from only "outbox" where id = 7').summary).toBe('DELETE outbox')
    expect(summarize('begin').summary).toBe('BEGIN')
  })
})
