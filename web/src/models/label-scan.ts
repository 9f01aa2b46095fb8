import { signal } from '@preact/signals'
import type { Shipment } from '@dropmate/contracts/rest'
import type { DecodeHintType } from '@zxing/library'
import type { DriverWork } from './driver-work'

/** What reading a label came to, as the driver is told. */
export interface ScanOutcome {
  ok: boolean
  message: string
  shipmentId?: string
}

/** A running camera scan, to stop when the driver closes it or a label is read. */
export interface CameraScan {
  stop(): void
}

/**
 * The tracking number a label's symbol holds: the QR code carries the tracking page's link
 * (`…/track/DM…`), the barcode the number itself.
 *
 * @example
 * trackingNumberOn('https://shop.example/track/DM7K3QX9B2MTP4') // 'DM7K3QX9B2MTP4'
 */
export function trackingNumberOn(text: string): string {
  const linked = /\/track\/([^/?#]+)/.exec(text)?.[1]
  const number = linked ? decodeURIComponent(linked) : text
  return number.toUpperCase().replace(/[\s-]/g, '')
}

/**
 * Scanning labels in the driver view: a label read by the camera or from a photo opens that
 * delivery and marks it picked up, when it is the driver's own and waiting to be picked up.
 * The decoder (ZXing) loads only when a scan starts: the driver page stays light.
 */
export function createLabelScan(work: DriverWork) {
  const outcome = signal<ScanOutcome | null>(null)
  const scanning = signal(false)

  const pickUp = async (text: string): Promise<ScanOutcome> => {
    const number = trackingNumberOn(text)
    const shipment = work.deliveries.peek().find((s) => s.trackingNumber === number)
    if (!shipment) return { ok: false, message: `${number} is not one of your deliveries.` }
    if (shipment.status !== 'assigned') {
      return { ok: false, message: notPickable(shipment), shipmentId: shipment.id }
    }
    const moved = await work.move(shipment.id, 'picked_up')
    if (!moved) {
      const why = work.actionError.peek()?.message ?? 'It could not be picked up.'
      return { ok: false, message: `${number}: ${why}`, shipmentId: shipment.id }
    }
    return {
      ok: true,
      message: `Picked up ${number} for ${shipment.receiver.name}.`,
      shipmentId: shipment.id,
    }
  }

  const read = async (text: string) => {
    outcome.value = await pickUp(text)
  }

  return {
    outcome,
    scanning,
    /** Starts the camera into `video`; the first label read stops it. */
    async startCamera(video: HTMLVideoElement): Promise<CameraScan | null> {
      outcome.value = null
      scanning.value = true
      try {
        const reader = await labelReader()
        const controls = await reader.decodeFromConstraints(
          { video: { facingMode: 'environment' } },
          video,
          (result, _error, controls) => {
            if (!result) return
            controls.stop()
            scanning.value = false
            void read(result.getText())
          },
        )
        return {
          stop() {
            controls.stop()
            scanning.value = false
          },
        }
      } catch {
        scanning.value = false
        outcome.value = {
          ok: false,
          message: 'The camera cannot be used here. Choose a photo of the label instead.',
        }
        return null
      }
    },
    /** Reads a photo of a label. */
    async readPhoto(file: File) {
      outcome.value = null
      let text: string
      try {
        const reader = await labelReader()
        text = reader.decodeFromCanvas(await canvasOf(file)).getText()
      } catch {
        outcome.value = {
          ok: false,
          message: 'No label code found in that photo. Try again closer, with the code sharp.',
        }
        return
      }
      await read(text)
    },
  }
}

// A phone's 12-megapixel photo takes ZXing seconds; a label's codes stay readable at this.
const PHOTO_MAX_PX = 1600

/** The photo drawn on a canvas: no blob: URL, which the CSP's img-src leaves out. */
async function canvasOf(file: File): Promise<HTMLCanvasElement> {
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, PHOTO_MAX_PX / Math.max(bitmap.width, bitmap.height))
  const canvas = Object.assign(document.createElement('canvas'), {
    width: Math.round(bitmap.width * scale),
    height: Math.round(bitmap.height * scale),
  })
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  return canvas
}

function notPickable(shipment: Shipment): string {
  if (shipment.status === 'picked_up' || shipment.status === 'in_transit')
    return `${shipment.trackingNumber} is already picked up.`
  return `${shipment.trackingNumber} cannot be picked up now (${shipment.status.replace('_', ' ')}).`
}

/** ZXing, asked for the two symbols a DropMate label carries. */
async function labelReader() {
  const [{ BrowserMultiFormatReader }, { BarcodeFormat, DecodeHintType: Hint }] = await Promise.all(
    [import('@zxing/browser'), import('@zxing/library')],
  )
  const hints = new Map<DecodeHintType, unknown>([
    [Hint.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128]],
    [Hint.TRY_HARDER, true],
  ])
  return new BrowserMultiFormatReader(hints)
}
