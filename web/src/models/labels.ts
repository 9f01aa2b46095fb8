import type { LabelSize } from '@dropmate/contracts/rest/labels'
import { signal } from '@preact/signals'
import { messageOf } from '../api/http'
import { authed } from './session'

export type LabelPrinting = ReturnType<typeof createLabelPrinting>

/**
 * Printing labels: fetches the PDF with the session's token (a plain link would carry none)
 * and hands it to the browser as a file to open and print.
 */
export function createLabelPrinting() {
  const size = signal<LabelSize>('a4')
  const busy = signal(false)
  const error = signal<string | null>(null)
  /** The shipments ticked in the list, in the order they were ticked. */
  const ticked = signal<string[]>([])

  const print = async (path: string, name: string, json?: unknown) => {
    busy.value = true
    error.value = null
    try {
      const method = json === undefined ? 'GET' : 'POST'
      const pdf = await authed<Blob>(path, { method, json, file: 'application/pdf' })
      save(pdf, `${name}-${size.peek()}.pdf`)
    } catch (failure) {
      error.value = messageOf(failure)
    } finally {
      busy.value = false
    }
  }

  return {
    size,
    busy,
    error,
    ticked,
    tick(id: string, on: boolean) {
      const others = ticked.peek().filter((other) => other !== id)
      ticked.value = on ? [...others, id] : others
    },
    /** One shipment's label. */
    one: (shipment: { id: string; trackingNumber: string }) =>
      print(
        `/api/shipments/${shipment.id}/label?size=${size.peek()}`,
        `label-${shipment.trackingNumber}`,
      ),
    /** Labels for the ticked shipments, in the order ticked. */
    printTicked: () => {
      const ids = ticked.peek()
      return print('/api/shipments/labels', `labels-${ids.length}`, { ids, size: size.peek() })
    },
  }
}

function save(file: Blob, name: string) {
  const url = URL.createObjectURL(file)
  const link = Object.assign(document.createElement('a'), { href: url, download: name })
  link.click()
  // The download has its own copy once it started; a minute is ample for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
