import type { Shipment } from '@dropmate/contracts/rest'
import type { ProofKind, ProofUpload } from '@dropmate/contracts/rest/proof'
import { ApiError } from '../api/http'
import { authed } from './session'

/** What the driver captured at the door. */
export interface CapturedProof {
  photos: Blob[]
  signature: Blob | null
  recipientName: string
  leftAtDoor: boolean
}

/** A delivered or failed move with its proof, as sent (or kept until the phone is back online). */
export interface FinalMove {
  id: string
  shipmentId: string
  status: 'delivered' | 'failed'
  reason?: string
  position?: { lat: number; lng: number }
  proof: CapturedProof | null
  queuedAt: string
}

// A phone photo is 12 megapixels and several MB; 1600 px on the longest side still shows a
// parcel on a doorstep clearly, in well under a megabyte.
const LONGEST_SIDE = 1600
const JPEG_QUALITY = 0.82

/** A photo scaled down on the phone (never up) and re-encoded as JPEG before it is sent. */
export async function resizePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file)
  try {
    return await scaledJpeg(bitmap, bitmap.width, bitmap.height)
  } finally {
    bitmap.close()
  }
}

/** The frame a live camera shows now, as a photo scaled like a picked one. */
export function photoOfFrame(video: HTMLVideoElement): Promise<Blob> {
  return scaledJpeg(video, video.videoWidth, video.videoHeight)
}

function scaledJpeg(source: CanvasImageSource, width: number, height: number) {
  const scale = Math.min(1, LONGEST_SIDE / Math.max(width, height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(width * scale)
  canvas.height = Math.round(height * scale)
  canvas.getContext('2d')!.drawImage(source, 0, 0, canvas.width, canvas.height)
  return canvasBlob(canvas, 'image/jpeg', JPEG_QUALITY)
}

export function canvasBlob(canvas: HTMLCanvasElement, type: string, quality?: number) {
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('empty'))), type, quality),
  )
}

/** A blob as a data: URL, which the pages' CSP allows for images (blob: it does not). */
export function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(blob)
  })
}

/**
 * Sends a final move: signed links for the files, each file PUT to its link, then the status
 * change naming the uploaded keys. A dropped connection anywhere is a `network_error`, so the
 * whole move can be kept and sent again (with fresh links) later.
 */
export async function sendFinalMove(move: FinalMove): Promise<Shipment> {
  const { proof } = move
  const files: Array<{ kind: ProofKind; blob: Blob }> = proof
    ? [
        ...proof.photos.map((blob) => ({ kind: 'photo' as const, blob })),
        ...(proof.signature ? [{ kind: 'signature' as const, blob: proof.signature }] : []),
      ]
    : []
  const keys: Record<ProofKind, string[]> = { photo: [], signature: [] }
  if (files.length > 0) {
    const { uploads } = await authed<{ uploads: ProofUpload[] }>(
      `/api/shipments/${move.shipmentId}/proof-uploads`,
      {
        method: 'POST',
        json: {
          files: files.map(({ kind, blob }) => ({ kind, contentType: blob.type, size: blob.size })),
        },
      },
    )
    await Promise.all(uploads.map((upload, i) => put(upload, files[i]!.blob)))
    // In the order they were taken, whichever upload finished first.
    for (const upload of uploads) keys[upload.kind].push(upload.key)
  }
  const proofBody = proof && {
    ...(keys.photo.length > 0 && { photoKeys: keys.photo }),
    ...(keys.signature[0] && { signatureKey: keys.signature[0] }),
    ...(proof.recipientName.trim() && { recipientName: proof.recipientName.trim() }),
    ...(proof.leftAtDoor && { leftAtDoor: true }),
  }
  return authed<Shipment>(`/api/shipments/${move.shipmentId}/status`, {
    method: 'PATCH',
    json: {
      status: move.status,
      ...(move.reason && { reason: move.reason }),
      ...(move.position && { position: move.position }),
      ...(proofBody && { proof: proofBody }),
    },
  })
}

async function put(upload: ProofUpload, blob: Blob) {
  let response: Response
  try {
    response = await fetch(upload.url, {
      method: upload.method,
      headers: upload.headers,
      body: blob,
    })
  } catch {
    throw new ApiError(0, 'network_error', 'DropMate cannot be reached. Check the connection.')
  }
  if (!response.ok) {
    throw new ApiError(response.status, 'upload_refused', 'The photo could not be uploaded.')
  }
}
