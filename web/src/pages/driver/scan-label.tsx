import { useEffect, useRef, useState } from 'preact/hooks'
import { createLabelScan, type CameraScan } from '../../models/label-scan'
import type { DriverWork } from '../../models/driver-work'

/** Scan a label with the camera, or from a photo, to pick the parcel up. */
export function ScanLabel({ work }: { work: DriverWork }) {
  const [scan] = useState(() => createLabelScan(work))
  const video = useRef<HTMLVideoElement>(null)
  const camera = useRef<CameraScan | null>(null)
  const outcome = scan.outcome.value
  useEffect(() => () => camera.current?.stop(), [])
  // The delivery a label opened comes into view, so the driver sees what happened to it.
  useEffect(() => {
    for (const card of document.querySelectorAll('.delivery.scanned')) {
      card.classList.remove('scanned')
    }
    if (!outcome?.shipmentId) return
    const card = document.querySelector(`[data-shipment-id="${outcome.shipmentId}"]`)
    card?.scrollIntoView({ block: 'center' })
    card?.classList.add('scanned')
  }, [outcome])

  const toggleCamera = async () => {
    if (scan.scanning.value) return camera.current?.stop()
    camera.current = await scan.startCamera(video.current!)
  }

  return (
    <section class="card scan-label" aria-labelledby="scan-title">
      <h2 id="scan-title">Scan a label</h2>
      <video
        ref={video}
        class="scan-video"
        hidden={!scan.scanning.value}
        muted
        playsInline
        aria-label="Camera"
      />
      <div class="inline">
        <button class="button primary" type="button" onClick={() => void toggleCamera()}>
          {scan.scanning.value ? 'Stop camera' : 'Scan with camera'}
        </button>
        <label class="button">
          Choose a photo
          <input
            type="file"
            accept="image/*"
            capture="environment"
            class="visually-hidden"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0]
              e.currentTarget.value = ''
              if (file) void scan.readPhoto(file)
            }}
          />
        </label>
      </div>
      {/* Pinned to the bottom of the screen: the delivery it opened may be far down the list. */}
      <p role="status" class={outcome ? `scan-toast ${outcome.ok ? 'ok' : 'refused'}` : undefined}>
        {outcome?.message}
      </p>
    </section>
  )
}
