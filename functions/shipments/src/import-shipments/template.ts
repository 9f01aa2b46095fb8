import { stringify } from 'csv-stringify/sync'
import { COLUMNS } from './columns'

/** The import's template: its header and one example row, as a spreadsheet opens it. */
export function importTemplate(): string {
  return stringify(
    [COLUMNS.map((column) => column.name), COLUMNS.map((column) => column.example)],
    // The BOM makes Excel read the file as UTF-8 rather than the system's code page.
    { bom: true, record_delimiter: 'windows' },
  )
}
