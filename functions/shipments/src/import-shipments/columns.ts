/**
 * The columns of an import, in the template's order: the fields `POST /api/shipments` takes,
 * flattened, plus the delivery window. `path` is where a cell goes in the create body, so a
 * problem the body's schema finds is named by its column.
 */
export const COLUMNS = [
  { name: 'reference', path: 'reference', required: true, example: 'ORDER-1001' },
  { name: 'sender_name', path: 'sender.name', required: true, example: 'Padaria Estrela' },
  { name: 'sender_phone', path: 'sender.phone', example: '+351 910 000 000' },
  { name: 'sender_email', path: 'sender.email', example: 'orders@estrela.example' },
  {
    name: 'sender_address',
    path: 'sender.address',
    required: true,
    example: 'Rua da Estrela 12, Lisboa',
  },
  { name: 'sender_lat', path: 'sender.lat', example: '38.7135' },
  { name: 'sender_lng', path: 'sender.lng', example: '-9.1605' },
  { name: 'receiver_name', path: 'receiver.name', required: true, example: 'Rita Sousa' },
  { name: 'receiver_phone', path: 'receiver.phone', example: '+351 910 000 099' },
  { name: 'receiver_email', path: 'receiver.email', example: 'rita.sousa@example.com' },
  {
    name: 'receiver_address',
    path: 'receiver.address',
    required: true,
    example: 'Rua dos Remédios 4, Alfama, Lisboa',
  },
  { name: 'receiver_lat', path: 'receiver.lat', example: '38.7118' },
  { name: 'receiver_lng', path: 'receiver.lng', example: '-9.1306' },
  { name: 'weight_kg', path: 'package.weightKg', example: '1.5' },
  { name: 'description', path: 'package.description', example: 'A dozen pastéis de nata' },
  { name: 'window_from', path: 'deliveryWindow.from', example: '2026-07-14 14:00' },
  { name: 'window_to', path: 'deliveryWindow.to', example: '2026-07-14 16:00' },
] as const satisfies ReadonlyArray<{
  name: string
  path: string
  required?: boolean
  example: string
}>

export type Column = (typeof COLUMNS)[number]['name']

/** A row as read: every column, blank where the file had none. */
export type Cells = Record<Column, string>

const KNOWN = new Set<string>(COLUMNS.map((column) => column.name))
// What shops' own exports call the order reference.
const ALIASES: Record<string, Column> = { order_ref: 'reference', order_reference: 'reference' }

/**
 * A header cell as a column name: case, surrounding space and the separators people type
 * (`Receiver Name`, `receiver-name`) do not matter.
 *
 * @example
 * columnOf(' Receiver Name ') // 'receiver_name'
 */
export function columnOf(header: string): string {
  const name = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  return ALIASES[name] ?? name
}

/** Headers the import does not know, and required columns the file lacks. */
export function headerProblems(columns: string[]) {
  return {
    unknown: columns.filter((column) => !KNOWN.has(column)),
    missing: COLUMNS.filter((c) => 'required' in c && !columns.includes(c.name)).map((c) => c.name),
  }
}

/** The column a create-body path (`receiver.lat`) comes from. */
export function columnAt(path: string): Column | undefined {
  return COLUMNS.find((column) => column.path === path)?.name
}
