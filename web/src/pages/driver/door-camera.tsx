import { useSignal } from '@preact/signals'
import { useEffect, useRef } from 'preact/hooks'
import { photoOfFrame } from '../../models/proof-of-delivery'

/**
 * The phone's rear camera, live, for a photo at the door without leaving the page: a frame
 * taken is scaled down like a picked photo. Where the camera cannot be used (no permission,
 * no camera), the step's "Take a photo" input still opens the phone's own camera app.
 */
export function DoorCamera({ onPhoto }: { onPhoto(photo: Blob): void }) {
  const video = useRef<HTMLVideoElement>(null)
  const stream = useSignal<MediaStream | null>(null)
  // Frames come once the video plays: a photo taken before would be of nothing.
  const playing = useSignal(false)
  const unavailable = useSignal(false)

  const stop = () => {
    stream
      .peek()
      ?.getTracks()
      .forEach((track) => track.stop())
    stream.value = null
    playing.value = false
  }
  useEffect(() => stop, [])

  const start = async () => {
    try {
      const live = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
      })
      stream.value = live
      video.current!.srcObject = live
      await video.current!.play()
      playing.value = true
    } catch {
      stop()
      unavailable.value = true
    }
  }

  const take = async () => {
    onPhoto(await photoOfFrame(video.current!))
    stop()
  }

  return (
    <div class="door-camera">
      <video
        ref={video}
        class="scan-video"
        hidden={!stream.value}
        muted
        playsInline
        aria-label="Camera"
      />
      {stream.value ? (
        playing.value ? (
          <button class="button small primary" type="button" onClick={() => void take()}>
            Take the photo
          </button>
        ) : (
          <span class="meta" role="status">
            Starting the camera…
          </span>
        )
      ) : (
        !unavailable.value && (
          <button class="button small" type="button" onClick={() => void start()}>
            Live camera
          </button>
        )
      )}
    </div>
  )
}
