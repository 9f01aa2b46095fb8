import { describe, expect, it } from 'vitest'
import { readCsv } from './read-csv'

const bytes = (text: string) => new TextEncoder().encode(text)
const HEADER = 'reference,sender_name,sender_address,receiver_name,receiver_address'

describe('reading an uploaded CSV', () => {
  it('numbers each row by the line it starts on, past cells that span lines', () => {
    const text = `\uFEFF${HEADER}\r\nA,"Shop\r\nfloor 2",x,r,y\r\n\r\nB,s,"a\nb\nc",r,y\r\nC,s,x,r,y`
    const rows = readCsv(bytes(text))
    expect(rows.map((row) => [row.cells.reference, row.line])).toEqual([
      ['A', 2],
      ['B', 5],
      ['C', 8],
    ])
    expect(rows[0]!.cells.sender_name).toBe('Shop\nfloor 2')
    // Columns the file leaves out are blank, not missing.
    expect(rows[0]!.cells.window_from).toBe('')
  })

  it('takes headers in any case and spacing, and the order reference by its other names', () => {
    const [row] = readCsv(
      bytes('Order Ref,SENDER NAME,sender-address, Receiver_Name ,receiver address\n1,s,x,r,y\n'),
    )
    expect(row!.cells).toMatchObject({ reference: '1', sender_name: 's', receiver_address: 'y' })
  })

  it('refuses a column named twice', () => {
    expect(() => readCsv(bytes(`${HEADER},Reference\nA,s,x,r,y,B\n`))).toThrow(/twice/)
  })
})

describe('a CSV saved with semicolons, as spreadsheets in Portugal do', () => {
  it('is read by the delimiter its header uses', () => {
    const [row] = readCsv(bytes(`${HEADER.replaceAll(',', ';')}\nA;"Padaria; Estrela";x;r;y\n`))
    expect(row!.cells).toMatchObject({ reference: 'A', sender_name: 'Padaria; Estrela' })
  })
})
