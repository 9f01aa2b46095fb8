/** One field a 400 problem names, and what is wrong with it. */
export interface FieldError {
  field: string
  message: string
}

/** A refused or failed request: the API's problem `code` and `detail`, or a network failure. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message)
  }
}

export interface RequestOptions {
  method?: string
  json?: unknown
  headers?: Record<string, string>
  body?: string
  token?: string | null
  signal?: AbortSignal
  /** A file the answer is (a PDF): read as a Blob; problems still come as JSON. */
  file?: string
}

/**
 * One API call: JSON in and out, problem responses (RFC 9457) thrown as ApiError with the
 * server's words, a dropped connection as `network_error` (status 0).
 *
 * @example
 * const page = await http<ShipmentPage>('/api/shipments?limit=25', { token })
 */
export async function http<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const accept = options.file ? `${options.file}, application/problem+json` : 'application/json'
  const headers: Record<string, string> = { accept, ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  let body = options.body
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.json)
  }
  let response: Response
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError(0, 'network_error', 'DropMate cannot be reached. Check the connection.')
  }
  const type = response.headers.get('content-type') ?? ''
  if (response.ok && options.file) return (await response.blob()) as T
  const parsed: unknown = type.includes('json') ? await response.json().catch(() => null) : null
  if (response.ok) return parsed as T
  const problem = (parsed ?? {}) as {
    code?: string
    detail?: string
    title?: string
    errors?: FieldError[]
  }
  throw new ApiError(
    response.status,
    problem.code ?? `http_${response.status}`,
    problem.detail ?? problem.title ?? `The server answered ${response.status}.`,
    problem.errors ?? [],
  )
}

/** The message to show for an error of any kind. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return 'Something went wrong. Try again.'
}
