import { runAsWork, startSpan } from '@dropmate/core'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { loggerOptions, REDACTED, requestLine, type RequestLine } from './logger'

function capture() {
  const lines: Array<Record<string, unknown>> = []
  const stream = { write: (line: string) => void lines.push(JSON.parse(line)) }
  return { log: pino({ ...loggerOptions(), level: 'info' }, stream), lines }
}

describe('the log', () => {
  it('censors secrets and personal data wherever a log call puts them', () => {
    const { log, lines } = capture()
    log.info(
      {
        authorization: 'Bearer abc',
        receiver: { email: 'rita@example.com', phone: '+351 912 345 678', city: 'Lisboa' },
        shipment: { receiverName: 'Rita Sousa', receiverAddress: 'Rua A 1' },
        password: 'hunter22',
      },
      'something happened',
    )
    expect(lines[0]).toMatchObject({
      authorization: REDACTED,
      receiver: { email: REDACTED, phone: REDACTED, city: 'Lisboa' },
      shipment: { receiverName: REDACTED, receiverAddress: REDACTED },
      password: REDACTED,
    })
  })

  it('stamps every line with the time it was written, in ISO 8601', () => {
    const { log, lines } = capture()
    const before = Date.now()
    log.info('first')
    log.info('second')
    for (const line of lines) {
      expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
      expect(Date.parse(line.time as string)).toBeGreaterThanOrEqual(before)
      expect(Date.parse(line.time as string)).toBeLessThanOrEqual(Date.now())
    }
  })

  it('stamps every line of a request with its request id, trace and span', () => {
    const { log, lines } = capture()
    const trace = startSpan(undefined)
    runAsWork({ trace, requestId: 'r-1', function: 'track-shipment' }, () => log.info('inside'))
    log.info('outside')
    expect(lines[0]).toMatchObject({
      reqId: 'r-1',
      traceId: trace.traceId,
      spanId: trace.spanId,
      function: 'track-shipment',
    })
    expect(lines[1]).not.toHaveProperty('traceId')
  })

  it('writes the request line as pino would, inside a request and out', () => {
    const { log, lines } = capture()
    const line: RequestLine = {
      method: 'POST',
      route: '/api/shipments/:id/status',
      status: 409,
      ms: 12.3,
      event: { id: 'e-"1"', type: 'com.dropmate.shipment.created.v1', source: '/api' },
    }
    const written: unknown[] = []
    const work = { trace: startSpan(undefined), requestId: 'r-1', function: 'change-status' }
    runAsWork(work, () => {
      log.warn(line, 'request')
      written.push(JSON.parse(requestLine('warn', line)))
    })
    log.info({ ...line, event: undefined }, 'request')
    written.push(JSON.parse(requestLine('info', { ...line, event: undefined })))
    // Written a moment apart: the time may differ, and is checked above.
    const untimed = ({ time: _time, ...rest }: Record<string, unknown>) => rest
    expect(written.map((each) => untimed(each as Record<string, unknown>))).toEqual(
      lines.map(untimed),
    )
  })
})
