import { ApiError } from '../api/http'
import { accessToken } from './session'

/**
 * A raw API call as the signed-in user, for answers that are not one JSON document (a CSV
 * download, a streamed import): the response as it comes, after one retry with a fresh token
 * on a 401. A problem answer is thrown as ApiError with the server's words.
 */
export async function authedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const send = async (force: boolean) => {
    const token = await accessToken({ force })
    if (!token) throw new ApiError(401, 'signed_out', 'Sign in to continue.')
    const headers = new Headers(init.headers)
    headers.set('authorization', `Bearer ${token}`)
    try {
      return await fetch(path, { ...init, headers })
    } catch {
      throw new ApiError(0, 'network_error', 'DropMate cannot be reached. Check the connection.')
    }
  }
  let response = await send(false)
  if (response.status === 401) response = await send(true)
  if (response.ok) return response
  const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string }
  throw new ApiError(
    response.status,
    problem.code ?? `http_${response.status}`,
    problem.detail ?? `The server answered ${response.status}.`,
  )
}

/** Saves an authed download under the name the server gave it (or `fallback`). */
export async function download(path: string, fallback: string): Promise<void> {
  const response = await authedFetch(path)
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')
  const url = URL.createObjectURL(await response.blob())
  const link = Object.assign(document.createElement('a'), {
    href: url,
    download: named?.[1] ?? fallback,
  })
  link.click()
  // After the click has handed the file to the browser.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
