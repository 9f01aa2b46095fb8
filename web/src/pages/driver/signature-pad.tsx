import { signal, type Signal } from '@preact/signals'
import { useEffect, useRef } from 'preact/hooks'

/** A signature pad's canvas, and whether anything has been drawn on it. */
export interface Signature {
  canvas: HTMLCanvasElement
  drawn: Signal<boolean>
}

// Drawn at twice its CSS size so strokes stay sharp on phone screens.
const WIDTH = 720
const HEIGHT = 240

/** A canvas the recipient signs with a finger (pointer events: touch, pen and mouse alike). */
export function SignaturePad({
  label,
  onReady,
}: {
  label: string
  onReady(signature: Signature): void
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const drawn = useRef(signal(false)).current

  useEffect(() => {
    const canvas = canvasRef.current!
    const pen = canvas.getContext('2d')!
    pen.lineWidth = 4
    pen.lineCap = 'round'
    pen.lineJoin = 'round'
    pen.strokeStyle = '#111827'
    const at = (e: PointerEvent) => {
      const box = canvas.getBoundingClientRect()
      return [
        ((e.clientX - box.left) * WIDTH) / box.width,
        ((e.clientY - box.top) * HEIGHT) / box.height,
      ] as const
    }
    let down = false
    const start = (e: PointerEvent) => {
      down = true
      canvas.setPointerCapture(e.pointerId)
      pen.beginPath()
      pen.moveTo(...at(e))
    }
    const move = (e: PointerEvent) => {
      if (!down) return
      pen.lineTo(...at(e))
      pen.stroke()
      drawn.value = true
    }
    const end = () => (down = false)
    canvas.addEventListener('pointerdown', start)
    canvas.addEventListener('pointermove', move)
    canvas.addEventListener('pointerup', end)
    canvas.addEventListener('pointercancel', end)
    onReady({ canvas, drawn })
    return () => {
      canvas.removeEventListener('pointerdown', start)
      canvas.removeEventListener('pointermove', move)
      canvas.removeEventListener('pointerup', end)
      canvas.removeEventListener('pointercancel', end)
    }
  }, [])

  const clear = () => {
    const canvas = canvasRef.current!
    canvas.getContext('2d')!.clearRect(0, 0, WIDTH, HEIGHT)
    drawn.value = false
  }

  return (
    <div class="signature">
      <span class="meta">{label}</span>
      <canvas
        ref={canvasRef}
        width={WIDTH}
        height={HEIGHT}
        class="signature-pad"
        aria-label={label}
      />
      <button class="button small" type="button" onClick={clear} disabled={!drawn.value}>
        Clear signature
      </button>
    </div>
  )
}
