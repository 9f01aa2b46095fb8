import { WebSocket as Socket } from 'ws'
import { callback, emit, hold, recordFrame } from '../recorder'

/**
 * The `k6/websockets` module, as far as the scenarios use it: a WebSocket with event
 * listeners, `send` and `close`, on the `ws` package, with k6's ws_* metrics. An open socket
 * keeps the iteration open, as in k6.
 */

type EventName = 'open' | 'message' | 'error' | 'close'
type Listener = (event: object) => void

interface Params {
  tags?: Record<string, string>
}

export class WebSocket {
  private readonly listeners: Partial<Record<EventName, Listener[]>> = {}
  private readonly socket: Socket
  private readonly tags: Record<string, string>

  constructor(url: string, _protocols: null = null, params: Params = {}) {
    for (const key of Object.keys(params)) {
      if (key !== 'tags') throw new Error(`the contract shim has no WebSocket ${key}`)
    }
    const release = hold()
    const started = performance.now()
    let opened = started
    this.tags = { url, ...params.tags }
    this.socket = new Socket(url)
    this.socket.on('open', () => {
      opened = performance.now()
      emit('ws_connecting', 'trend', opened - started, { ...this.tags, status: '101' })
      emit('ws_sessions', 'counter', 1, { ...this.tags, status: '101' })
      this.dispatch('open', {})
    })
    this.socket.on('message', (data) => {
      const text = String(data)
      recordFrame(text)
      emit('ws_msgs_received', 'counter', 1, this.tags)
      this.dispatch('message', { data: text })
    })
    this.socket.on('error', (error) => this.dispatch('error', { error: error.message }))
    this.socket.on('close', () => {
      emit('ws_session_duration', 'trend', performance.now() - opened, this.tags)
      this.dispatch('close', {})
      release()
    })
  }

  send(data: string) {
    this.socket.send(data)
    emit('ws_msgs_sent', 'counter', 1, this.tags)
  }

  close(code?: number, reason?: string) {
    this.socket.close(code, reason)
  }

  addEventListener(type: EventName, listener: Listener) {
    ;(this.listeners[type] ??= []).push(listener)
  }

  private dispatch(type: EventName, fields: object) {
    const event = { ...fields, type, timestamp: Date.now() }
    for (const listener of this.listeners[type] ?? []) {
      callback(`WebSocket ${type}`, () => listener(event))
    }
  }
}

export default { WebSocket }
