import { describe, expect, it } from 'vitest'
import { createPingQueue, encodePings, MAX_BATCH, pingEvent } from './ping-queue'

const DRIVER = '0f8fad5b-d9cb-469f-a165-70867728950e'
const at = new Date('2026-11-26T10:00:00.000Z')

function memory() {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

const fix = (n: number) => pingEvent(DRIVER, { latitude: 38.7 + n / 1e4, longitude: -9.1 }, at)

describe('pingEvent', () => {
  it('makes a location CloudEvent about the driver at the device time', () => {
    const event = pingEvent(DRIVER, { latitude: 38.71, longitude: -9.14, accuracy: 8 }, at, 'p1')
    expect(event).toEqual({
      specversion: '1.0',
      type: 'com.dropmate.driver.location.v1',
      source: '/web/driver',
      id: 'p1',
      subject: DRIVER,
      time: '2026-11-26T10:00:00.000Z',
      datacontenttype: 'application/json',
      data: { lat: 38.71, lng: -9.14, accuracyM: 8 },
    })
  })

  it('leaves out readings the API would refuse instead of sending them', () => {
    const event = pingEvent(DRIVER, { latitude: 1, longitude: 2, speed: -1, heading: NaN }, at)
    expect(event.data).toEqual({ lat: 1, lng: 2 })
  })
})

describe('encodePings', () => {
  it('sends one ping in structured mode and several as a batch', () => {
    expect(encodePings([fix(1)]).contentType).toBe('application/cloudevents+json')
    const batch = encodePings([fix(1), fix(2)])
    expect(batch.contentType).toBe('application/cloudevents-batch+json')
    expect(JSON.parse(batch.body)).toHaveLength(2)
  })
})

describe('createPingQueue', () => {
  it('keeps pings across a reload until the API has taken them', () => {
    const storage = memory()
    const queue = createPingQueue(storage, 'q')
    const [a, b] = [fix(1), fix(2)]
    queue.add(a)
    queue.add(b)
    const reloaded = createPingQueue(storage, 'q')
    expect(reloaded.next()).toEqual([a, b])
    reloaded.remove([a])
    expect(createPingQueue(storage, 'q').next()).toEqual([b])
  })

  it('hands out at most one batch at a time, oldest first', () => {
    const queue = createPingQueue(memory(), 'q')
    for (let n = 0; n < MAX_BATCH + 3; n++) queue.add(fix(n))
    expect(queue.next()).toHaveLength(MAX_BATCH)
    expect(queue.next()[0]!.data.lat).toBe(38.7)
  })

  it('drops the oldest pings beyond its bound', () => {
    const queue = createPingQueue(memory(), 'q', 10)
    for (let n = 0; n < 12; n++) queue.add(fix(n))
    expect(queue.size).toBe(10)
    expect(queue.next()[0]!.data.lat).toBe(fix(2).data.lat)
  })

  it('starts empty from unreadable storage', () => {
    const storage = memory()
    storage.setItem('q', '{not json')
    expect(createPingQueue(storage, 'q').size).toBe(0)
  })
})
