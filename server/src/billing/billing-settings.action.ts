import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { DomainError } from '../shared/domain-error.js';
import { type BillingSettings, billingSettingsIssues, normaliseBusinessNumber } from './billing-settings.js';
import type { BillingSettingsInput, BillingSettingsView } from './billing-settings.schemas.js';
import { findBillingSettings, findOrganisation, saveBillingSettings } from './billing-settings.store.js';

const toDataUrl = (logo: BillingSettings['logo']) =>
  logo ? `data:${logo.type};base64,${Buffer.from(logo.bytes).toString('base64')}` : null;

function fromDataUrl(url: string | null): BillingSettings['logo'] {
  if (url === null) return null;
  const [, type, data] = /^data:(image\/png|image\/jpeg);base64,(.*)$/.exec(url)!;
  return { type: type as 'image/png' | 'image/jpeg', bytes: new Uint8Array(Buffer.from(data!, 'base64')) };
}

function toView(s: BillingSettings, configured: boolean, updatedAt: string | null): BillingSettingsView {
  return { ...s, logo: toDataUrl(s.logo), configured, updatedAt };
}

/** The settings, or suggestions from the organisation when never saved (configured: false). */
export async function billingSettingsOf(tx: Tx, organisationId: string) {
  const saved = await findBillingSettings(tx, organisationId);
  if (saved) return { settings: saved as BillingSettings, configured: true, updatedAt: saved.updatedAt };
  const org = await findOrganisation(tx, organisationId);
  const settings: BillingSettings = {
    legalName: org.name,
    currency: org.timeZone.startsWith('Europe/') ? 'GBP' : 'AUD',
    businessNumber: null,
    taxRegistered: false,
    address: '',
    email: null,
    phone: null,
    paymentTermsDays: 14,
    bankAccountName: null,
    bankBranchCode: null,
    bankAccountNumber: null,
    logo: null,
  };
  return { settings, configured: false, updatedAt: null };
}

export async function billingSettings(tx: Tx, actor: Actor): Promise<BillingSettingsView> {
  const { settings, configured, updatedAt } = await billingSettingsOf(tx, actor.organisationId);
  return toView(settings, configured, updatedAt?.toString() ?? null);
}

/** Audit entries leave the logo's bytes out (they say whether there is one). */
const audited = (s: BillingSettings) => ({ ...s, logo: s.logo ? s.logo.type : null });

export async function updateBillingSettings(
  tx: Tx,
  actor: Actor,
  input: BillingSettingsInput,
): Promise<BillingSettingsView> {
  const settings: BillingSettings = {
    ...input,
    businessNumber: input.businessNumber === null ? null : normaliseBusinessNumber(input.businessNumber),
    logo: fromDataUrl(input.logo),
  };
  const issues = billingSettingsIssues(settings);
  if (issues.length > 0) throw new DomainError('invalid', 'The billing settings are not valid', issues);
  const before = await findBillingSettings(tx, actor.organisationId);
  await saveBillingSettings(tx, actor.organisationId, settings);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: before ? 'update' : 'create',
    entityType: 'billing_settings',
    entityId: actor.organisationId,
    before: before ? audited(before) : undefined,
    after: audited(settings),
  });
  return billingSettings(tx, actor);
}
