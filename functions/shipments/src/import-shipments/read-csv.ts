import { ProblemError } from '@dropmate/runtime'
import { CsvError, parse } from 'csv-parse/sync'
import { COLUMNS, columnOf, headerProblems, type Cells } from './columns'

/** More rows than this at once is a 413: a day's orders of a busy shop fit many times over. */
export const MAX_IMPORT_ROWS = 10_000

export interface CsvRow {
  /** The line of the file the row starts on; the header is line 1. */
  line: number
  cells: Cells
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The rows of an uploaded CSV, each with the line it starts on. The file must be UTF-8 (a BOM
 * is fine), with a header row naming known columns in any order, case or spacing; anything
 * else is a problem naming what is wrong, before any row is looked at.
 */
export function readCsv(bytes: Uint8Array): CsvRow[] {
  const text = decode(bytes).replace(/\r\n?/g, '\n')
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>
  try {
    // csv-parse counts a CRLF inside quotes as two lines: with LF alone line numbers hold.
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      columns: (header: string[]) => checkedHeader(header.map(columnOf)),
      info: true,
      skip_empty_lines: true,
      trim: true,
    })
  } catch (error) {
    if (error instanceof ProblemError) throw error
    if (error instanceof CsvError) throw new ProblemError('malformed_csv', csvFault(error))
    throw error
  }
  if (records.length === 0)
    throw new ProblemError('empty_csv', 'The file has no rows, only a header.')
  if (records.length > MAX_IMPORT_ROWS) {
    throw new ProblemError(
      'too_many_rows',
      `The file has ${records.length} rows; import at most ${MAX_IMPORT_ROWS} at once.`,
    )
  }
  return records.map(({ record, info }) => ({
    // info.lines is where the row ends; line breaks inside its quoted cells come before.
    line: info.lines - Object.values(record).join('').split('\n').length + 1,
    cells: Object.fromEntries(COLUMNS.map(({ name }) => [name, record[name] ?? ''])) as Cells,
  }))
}

/**
 * Spreadsheets in locales whose decimal mark is a comma (Portugal's among them) save "CSV"
 * with semicolons: the header says which, since no column name holds either.
 */
function delimiterOf(text: string): string {
  const end = text.indexOf('\n')
  const header = end === -1 ? text : text.slice(0, end)
  return header.includes(';') && !header.includes(',') ? ';' : ','
}

function decode(bytes: Uint8Array): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
  if (utf16) {
    throw new ProblemError(
      'csv_not_utf8',
      'The file is UTF-16; save it as "CSV UTF-8" and upload it again.',
    )
  }
  try {
    return UTF8.decode(bytes)
  } catch {
    throw new ProblemError(
      'csv_not_utf8',
      'The file is not valid UTF-8 (it may be in a legacy encoding such as Windows-1252); ' +
        'save it as "CSV UTF-8" and upload it again.',
    )
  }
}

function checkedHeader(columns: string[]): string[] {
  const { unknown, missing } = headerProblems(columns)
  if (unknown.length > 0) {
    throw new ProblemError(
      'unknown_csv_columns',
      `Unknown columns: ${unknown.join(', ')}. The template lists the columns the import takes.`,
      { columns: unknown },
    )
  }
  if (missing.length > 0) {
    throw new ProblemError('missing_csv_columns', `Missing columns: ${missing.join(', ')}.`, {
      columns: missing,
    })
  }
  const repeated = columns.find((column, i) => columns.indexOf(column) !== i)
  if (repeated) throw new ProblemError('malformed_csv', `The column ${repeated} appears twice.`)
  return columns
}

/** What csv-parse found wrong, in a dispatcher's words, with the line it is on. */
function csvFault(error: CsvError): string {
  const line = (error as CsvError & { lines?: number }).lines
  const where = line ? ` at line ${line}` : ''
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `A quoted cell is never closed${where}: a quote mark is missing.`
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return `A row${where} has a different number of cells than the header.`
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `A quote mark${where} is in the middle of a cell; double it ("") to keep it.`
    default:
      return `The file is not readable as CSV${where}: ${error.message}`
  }
}
