import { createCanvas } from '@napi-rs/canvas'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { prepareZXingModule, readBarcodes, type ReadInputBarcodeFormat } from 'zxing-wasm/reader'

const require = createRequire(import.meta.url)
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'))
// zxing-cpp's reader, from the package's own file: by default it would fetch it from a CDN.
prepareZXingModule({
  overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')) },
  fireImmediately: true,
})

/** What a person holding the printout sees on one page: its text, and its pixels. */
export interface PrintedPage {
  text: string
  width: number
  height: number
  /** RGBA, as the page prints at `scale` × 72 dpi. */
  pixels: Uint8ClampedArray
}

/** Opens a PDF as a reader would: the text of each page, and each page rendered to pixels. */
export async function printPdf(bytes: Uint8Array, scale = 3): Promise<PrintedPage[]> {
  const loading = getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: join(pdfjsRoot, 'standard_fonts/'),
    verbosity: 0,
  })
  const document = await loading.promise
  const pages: PrintedPage[] = []
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n)
    const content = await page.getTextContent()
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join('\n')
    const viewport = page.getViewport({ scale })
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height))
    const context = canvas.getContext('2d')
    context.fillStyle = 'white'
    context.fillRect(0, 0, canvas.width, canvas.height)
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport })
      .promise
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
    pages.push({ text, width: canvas.width, height: canvas.height, pixels: data })
  }
  await loading.destroy()
  return pages
}

/** Part of a printed page, as a phone camera pointed at it would frame it. */
export function crop(page: PrintedPage, ...box: [x: number, y: number, w: number, h: number]) {
  const [x, y, width, height] = box.map(Math.floor) as typeof box
  const pixels = new Uint8ClampedArray(width * height * 4)
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * page.width + x) * 4
    pixels.set(page.pixels.subarray(from, from + width * 4), row * width * 4)
  }
  return { ...page, width, height, pixels }
}

/**
 * What a scanner reads in `image` when it looks for `format` only: zxing-cpp, which reads
 * every sharp rendering of a code (ZXing's JavaScript port missed about one QR code in twenty).
 */
export async function scan(
  image: Pick<PrintedPage, 'width' | 'height' | 'pixels'>,
  format: ReadInputBarcodeFormat,
): Promise<string | undefined> {
  const { width, height, pixels } = image
  // Read as ImageData is, by its fields: width, height and RGBA bytes.
  const pixmap = { data: pixels, width, height } as Parameters<typeof readBarcodes>[0]
  const [found] = await readBarcodes(pixmap, { formats: [format] })
  return found?.text
}

/** `image` as a PNG file, as a phone saves a photo of it. */
export function pngOf(image: Pick<PrintedPage, 'width' | 'height' | 'pixels'>): Buffer {
  const canvas = createCanvas(image.width, image.height)
  const context = canvas.getContext('2d')
  const data = context.createImageData(image.width, image.height)
  data.data.set(image.pixels)
  context.putImageData(data, 0, 0)
  return canvas.toBuffer('image/png')
}
