import { describe, expect, it } from 'vitest'
import { FUNCTIONS } from './functions'
import { openApiDocument, operationsOf } from './openapi-document'

const camelCase = (name: string) =>
  name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())

describe('the OpenAPI document', () => {
  it('names every operation, once, and declares who may call it', async () => {
    const operations = operationsOf(await openApiDocument())
    expect(operations.length).toBeGreaterThan(20)
    for (const { method, path, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`
      expect(operation.operationId, `${where} has no operationId`).toMatch(/^[a-z][A-Za-z]+$/)
      // [] for public routes: said outright, so a forgotten requirement is not read as public.
      expect(operation.security, `${where} does not declare its security`).toBeInstanceOf(Array)
    }
    const ids = operations.map(({ operation }) => operation.operationId)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('names each operation after the function that serves it', async () => {
    for (const { name } of FUNCTIONS) {
      for (const { operation } of operationsOf(await openApiDocument(name))) {
        expect(operation.operationId).toMatch(new RegExp(`^${camelCase(name)}`))
      }
    }
  })

  it('is served from where it was fetched, whatever the host and port', async () => {
    expect((await openApiDocument()).servers).toEqual([expect.objectContaining({ url: '/' })])
  })
})
