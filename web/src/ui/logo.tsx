export function Logo({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="currentColor" opacity="0.18" />
      <path
        d="M16 6c-4.4 0-8 3.4-8 7.7C8 19.6 16 27 16 27s8-7.4 8-13.3C24 9.4 20.4 6 16 6zm0 10.6a3 3 0 1 1 0-6 3 3 0 0 1 0 6z"
        fill="currentColor"
      />
    </svg>
  )
}
