import ipaddr from 'ipaddr.js'

/**
 * Whether `address` is on the public internet: not private, loopback, link-local, CGNAT,
 * multicast, unspecified nor any other special range ipaddr.js knows (IANA's registries).
 * An IPv4-mapped IPv6 address is judged as the IPv4 address it maps, so ::ffff:127.0.0.1
 * is loopback. Anything that does not parse is not public.
 *
 * @example
 * isPublicAddress('169.254.169.254') // false: the cloud metadata service
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  return ipaddr.process(address).range() === 'unicast'
}
