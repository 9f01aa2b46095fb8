import { describe, expect, it } from 'vitest'
import { publicBaseUrl, trackingLink } from './links'

describe('publicBaseUrl', () => {
  it('prefers PUBLIC_URL, without its trailing slash', () => {
    expect(publicBaseUrl({ PUBLIC_URL: 'https://dropmate.example/', PORT: '3000' })).toBe(
      'https://dropmate.example',
    )
  })

  it('falls back to the address the script talks to, then to npm start’s port', () => {
    expect(publicBaseUrl({}, 'http://127.0.0.1:8081')).toBe('http://127.0.0.1:8081')
    expect(publicBaseUrl({ PORT: '3000' })).toBe('http://localhost:3000')
    expect(publicBaseUrl({ PORT: '0' })).toBe('http://localhost:8080')
    expect(publicBaseUrl({})).toBe('http://localhost:8080')
  })
})

describe('trackingLink', () => {
  it('opens the public tracking page of a parcel', () => {
    expect(trackingLink('http://localhost:8080', 'DM7K3Q')).toBe(
      'http://localhost:8080/track/DM7K3Q',
    )
  })
})
