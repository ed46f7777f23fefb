import { type Db, withSystem } from '../platform/db/database.js';
import { type BrokenLink, ChainWalker } from './audit-chain.js';
import { chainedOrganisations, chainHead, chainLinks } from './audit-chain.store.js';

export type AuditVerification =
  | {
      ok: true;
      organisations: { organisationId: string; events: number; headHash: string | null }[];
    }
  | { ok: false; brokenLink: BrokenLink };

const PAGE = 5000;

/**
 * Re-checks every organisation's hash chain and reports the first broken link. Print the head hashes and
 * keep them elsewhere: a superuser able to rewrite the whole chain could otherwise make it consistent again.
 */
export async function verifyAuditTrail(db: Db): Promise<AuditVerification> {
  const organisations: { organisationId: string; events: number; headHash: string | null }[] = [];
  return withSystem(db, async (tx) => {
    for (const organisationId of await chainedOrganisations(tx)) {
      const walker = new ChainWalker(organisationId);
      let after = 0;
      for (;;) {
        const links = await chainLinks(tx, organisationId, after, PAGE);
        if (links.length === 0) break;
        if (!links.every((link) => walker.add(link))) break;
        after = links[links.length - 1]!.seq;
      }
      const broken = walker.finish(await chainHead(tx, organisationId));
      if (broken) return { ok: false, brokenLink: broken };
      organisations.push({ organisationId, events: walker.count, headHash: walker.headHash });
    }
    return { ok: true, organisations };
  });
}
