import type { Temporal } from 'temporal-polyfill';
import { organisationFormats } from '../audit/audit-events.store.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { invalid, notFound } from '../shared/domain-error.js';
import { epochMinuteOf } from '../shared/time/civil-date.js';
import { createZoneClock } from '../shared/time/zone-clock.js';
import type { ContractCheckInput } from './contract.schemas.js';
import { findClientBilling, findContractType, listCalendarDays } from './contract.store.js';
import { type ContractCheck, checkContract } from './contract-check.js';
import type { ContractOptions, OptionSet } from './rating.types.js';

/** The contract check of a client contract being edited, in the client's zone and region calendar. */
export async function checkClientContract(
  tx: Tx,
  actor: Actor,
  clientId: string,
  input: ContractCheckInput,
  now: Temporal.Instant,
): Promise<ContractCheck> {
  const client = await findClientBilling(tx, actor.organisationId, clientId);
  if (!client) throw notFound('Client');
  const type = await findContractType(tx, actor.organisationId, input.contractTypeId);
  if (!type) throw invalid('contractTypeId', 'is not a contract type of this organisation');
  const clock = createZoneClock(client.timeZone);
  const date = input.date ?? clock.localDateOf(epochMinuteOf(now));
  const days =
    client.region === null ? [] : await listCalendarDays(tx, actor.organisationId, { region: client.region });
  const calendar = {
    publicHolidays: new Set(days.filter((d) => d.kind === 'public_holiday').map((d) => d.date)),
    specialDays: new Set(days.filter((d) => d.kind === 'special_day').map((d) => d.date)),
  };
  return checkContract(
    clock,
    calendar,
    {
      contractType: type.optionSets as OptionSet<ContractOptions>[],
      assignment: input.optionSets as OptionSet<ContractOptions>[],
    },
    date,
    await organisationFormats(tx, actor.organisationId),
  );
}
