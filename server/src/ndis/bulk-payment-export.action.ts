import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import { organisationTimeZone } from '../identity/organisation.store.js';
import type { Tx } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { isHolidayRegion, publicHolidays } from '../shared/public-holidays.js';
import {
  filesOnDay,
  findFile,
  insertFile,
  linesOf,
  listFiles,
  lockClaims,
  unclaimedRecords,
} from './bulk-payment.store.js';
import { type BprLine, bprCsv, chunkLines, claimReference, fileName } from './bulk-payment-file.js';
import { listFamilies, listItems } from './catalogue.store.js';
import type { TimeBand } from './catalogue.types.js';
import { suffixedCandidate } from './catalogue-number.js';
import { versionOn } from './catalogue-pricing.js';
import { type Catalogue, type ClaimDraft, type ClaimProblem, claimLine } from './claim-lines.js';
import { findClaimSettings } from './claim-settings.store.js';

/** The state's holiday calendar ("AU-NSW"), or the national one when the state is unknown. */
const regionOf = (state: string | null) => {
  const r = `AU-${(state ?? '').trim().toUpperCase()}`;
  return isHolidayRegion(r) ? r : 'AU';
};

/** Every claimable line of the period and every record that cannot be claimed, with why (no writes). */
export async function claimPreview(tx: Tx, actor: Actor, from: string, to: string) {
  if (to < from) throw invalid('to', 'must not be before the start of the period');
  const org = actor.organisationId;
  const records = await unclaimedRecords(tx, org, from, to);
  const settings = await findClaimSettings(tx, org);
  const families = await listFamilies(tx, org);
  const familyOfItem = new Map<string, Map<TimeBand, string>>();
  const byFamily = new Map<string, Map<TimeBand, string>>();
  for (const f of families) {
    const m = byFamily.get(f.family) ?? new Map<TimeBand, string>();
    m.set(f.band, f.itemNumber);
    byFamily.set(f.family, m);
  }
  for (const f of families) familyOfItem.set(f.itemNumber, byFamily.get(f.family)!);
  const numbers = new Set<string>();
  for (const r of records) if (r.supportItem) numbers.add(r.supportItem);
  for (const n of [...numbers]) for (const m of familyOfItem.get(n)?.values() ?? []) numbers.add(m);
  for (const n of [...numbers]) {
    numbers.add(suffixedCandidate(n, 'cancellation'));
    numbers.add(suffixedCandidate(n, 'providerTravel'));
  }
  if (settings.nonLabourTravelItem) numbers.add(settings.nonLabourTravelItem);
  if (settings.transportItem) numbers.add(settings.transportItem);
  const items = await listItems(tx, org, { numbers: [...numbers] });
  const catalogue: Catalogue = {
    item: (n, date) =>
      versionOn(
        items.filter((i) => i.number === n),
        date,
      ),
    family: (n) => familyOfItem.get(n) ?? null,
  };
  const holidays = new Map<string, Set<string>>();
  const holidaysOf = (state: string | null) => {
    const region = regionOf(state);
    let set = holidays.get(region);
    if (!set) {
      set = new Set(publicHolidays(region, from, to).map((h) => h.date));
      holidays.set(region, set);
    }
    return set;
  };
  const lines: ClaimDraft[] = [];
  const problems: ClaimProblem[] = [];
  for (const r of records) {
    const out = claimLine(r, catalogue, settings, holidaysOf(r.state));
    if (out.ok) lines.push(out.line);
    else problems.push(out.problem);
  }
  return { from, to, settings, lines, problems };
}

/**
 * Exports the period's claimable lines as bulk payment files of at most 5,000 rows, named "BPRyymmdd-n.csv"
 * after the day of export, and locks them (a database trigger keeps exported lines unchanged). Serialised
 * per organisation, so two exports at once cannot claim one record twice.
 */
export async function exportClaims(tx: Tx, actor: Actor, from: string, to: string, now: Temporal.Instant) {
  await lockClaims(tx, actor.organisationId);
  const zone = await organisationTimeZone(tx, actor.organisationId);
  const preview = await claimPreview(tx, actor, from, to);
  if (preview.lines.length === 0) throw invalid('period', 'has no claimable delivered records');
  const day = now.toZonedDateTimeISO(zone).toPlainDate().toString();
  const stem = fileName(day, 1).replace(/-1\.csv$/, '');
  let n = await filesOnDay(tx, actor.organisationId, stem);
  const files = [];
  for (const chunk of chunkLines(preview.lines)) {
    n++;
    const name = fileName(day, n);
    const lines: BprLine[] = chunk.map((l, i) => ({ ...l, claimReference: claimReference(name, i + 1) }));
    const file = await insertFile(tx, actor.organisationId, {
      name,
      registrationNumber: preview.settings.registrationNumber!,
      from,
      to,
      userId: actor.userId,
      lines,
    });
    files.push({ ...file, claimedMinor: lines.reduce((s, l) => s + l.amountMinor, 0) });
  }
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'ndis_bulk_payment',
    entityId: files[0]!.id,
    after: { from, to, files: files.map((f) => f.name), lines: preview.lines.length },
  });
  return { files, problems: preview.problems };
}

export async function claimFiles(tx: Tx, actor: Actor) {
  return listFiles(tx, actor.organisationId);
}

/** A file's CSV, rebuilt from its locked lines (byte for byte what was exported). */
export async function claimFileCsv(tx: Tx, actor: Actor, fileId: string) {
  const file = await findFile(tx, actor.organisationId, fileId);
  if (!file) throw notFound('Bulk payment file');
  const lines = await linesOf(tx, actor.organisationId, { fileId });
  return { name: file.name, csv: bprCsv(file.registrationNumber, lines) };
}
