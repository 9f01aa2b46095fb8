import type { ProofView, PublicProofView } from '@dropmate/contracts/rest/proof'
import type { DeliveryProof } from '@dropmate/db'
import type { ApiDeps } from '@dropmate/kit'

/** Everything of a proof, for staff: photos and signature behind short-lived links. */
export async function staffProofView(
  deps: Pick<ApiDeps, 'objects' | 'config'>,
  proof: DeliveryProof,
): Promise<ProofView> {
  const { objects } = deps
  return {
    outcome: proof.outcome,
    recordedAt: proof.recordedAt.toISOString(),
    leftAtDoor: proof.leftAtDoor,
    photoUrls: await Promise.all(proof.photoKeys.map((key) => objects.presignDownload(key))),
    signatureUrl: proof.signatureKey ? await objects.presignDownload(proof.signatureKey) : null,
    recipientName: proof.recipientName,
    linksExpireAt: linksExpireAt(deps),
  }
}

/**
 * What a customer sees: that there is a proof, and its photos; the recipient as initials,
 * and whether they signed, never the signature nor the name.
 */
export async function publicProofView(
  deps: Pick<ApiDeps, 'objects' | 'config'>,
  proof: DeliveryProof,
): Promise<PublicProofView> {
  return {
    outcome: proof.outcome,
    recordedAt: proof.recordedAt.toISOString(),
    leftAtDoor: proof.leftAtDoor,
    photoUrls: await Promise.all(proof.photoKeys.map((key) => deps.objects.presignDownload(key))),
    recipientInitials: proof.recipientName ? initials(proof.recipientName) : null,
    signed: proof.signatureKey !== null,
    linksExpireAt: linksExpireAt(deps),
  }
}

/** "Rita Sousa" → "R. S.": enough to recognise a neighbour, not to name them. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((part) => `${[...part][0]!.toLocaleUpperCase()}.`)
    .join(' ')
}

function linksExpireAt({ config }: Pick<ApiDeps, 'config'>) {
  return new Date(Date.now() + config.PROOF_LINK_TTL_SECONDS * 1000).toISOString()
}
