import { z } from 'zod';
import { localDate } from '../platform/http/schemas.js';
import { supportItemNumber } from './catalogue.schemas.js';

export const claimSettingsSchema = z
  .object({
    registrationNumber: z
      .string()
      .regex(/^\d{1,20}$/, 'must be the NDIS registration number, digits only')
      .nullable(),
    abn: z
      .string()
      .regex(/^\d{11}$/, 'must be 11 digits')
      .nullable(),
    priceLimitMode: z.enum(['warn', 'refuse']).meta({
      description:
        'A rate above the price limit: refuse the claim line, or claim at the limit with a warning',
    }),
    gstCode: z.enum(['P1', 'P2', 'P5']).meta({ description: 'P1 GST 10%, P2 GST-free, P5 out of scope' }),
    suffixedItemsFrom: localDate.meta({
      description: 'From this date cancellations and provider travel use the _CA and _PT items',
    }),
    nonLabourTravelItem: supportItemNumber.nullable(),
    transportItem: supportItemNumber.nullable(),
    fundingOverrunMode: z
      .enum(['override', 'refuse'])
      .default('override')
      .meta({
        description:
          "A booking that takes a funding period's committed amount over its allocation: a soft conflict " +
          'overridden with a reason, or refused',
      }),
  })
  .meta({ id: 'NdisClaimSettings' });

export const periodInput = z.object({ from: localDate, to: localDate });

const draft = {
  deliveredServiceId: z.uuid().nullable(),
  clientId: z.uuid(),
  ndisNumber: z.string(),
  deliveredFrom: z.string(),
  deliveredTo: z.string(),
  supportNumber: z.string(),
  quantityHundredths: z.number().int().nullable(),
  hoursMinutes: z.number().int().nullable(),
  unitPriceMinor: z.number().int(),
  amountMinor: z.number().int(),
  gstCode: z.enum(['P1', 'P2', 'P5']),
  claimType: z.enum(['CANC', 'REPW', 'TRAN', 'NF2F']).nullable(),
  cancellationReason: z.enum(['NSDH', 'NSDF', 'NSDT', 'NSDO']).nullable(),
  abn: z.string(),
  explanation: z.string(),
  warning: z.string().nullable(),
};

export const deliveredAsSchema = z.enum(['face_to_face', 'non_face_to_face', 'ndia_report']).meta({
  description:
    'How a service was provided: face-to-face (a blank claim type), non-face-to-face (NF2F) or an NDIA-requested report (REPW)',
});
/** A service record's way of delivery (it can be changed until the record is exported); null for other records. */
const deliveredAs = deliveredAsSchema.nullable();

export const deliveredAsInput = z.object({ deliveredAs: deliveredAsSchema });
export const deliveredAsResult = z.object({ deliveredServiceId: z.uuid(), deliveredAs: deliveredAsSchema });

export const claimProblemSchema = z.object({
  deliveredServiceId: z.uuid(),
  clientId: z.uuid(),
  clientName: z.string(),
  description: z.string(),
  date: z.string(),
  reason: z.string(),
  deliveredAs,
});

export const claimPreviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  lines: z.array(z.object({ ...draft, deliveredAs })),
  problems: z.array(claimProblemSchema),
});

const fileSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    rowCount: z.number().int(),
    claimedMinor: z.number().int(),
  })
  .meta({ id: 'NdisClaimFile' });

export const exportResultSchema = z.object({
  files: z.array(fileSchema),
  problems: z.array(claimProblemSchema),
});

export const fileListSchema = z.object({
  items: z.array(
    fileSchema.extend({
      periodFrom: z.string(),
      periodTo: z.string(),
      createdAt: z.string(),
      resultsImportedAt: z.string().nullable(),
      rejected: z.number().int(),
    }),
  ),
});

export const claimLineSchema = z
  .object({
    ...draft,
    id: z.uuid(),
    fileId: z.uuid(),
    fileName: z.string(),
    clientName: z.string(),
    position: z.number().int(),
    claimReference: z.string(),
    status: z.enum(['exported', 'paid', 'rejected']),
    paidAmountMinor: z.number().int().nullable(),
    cappedPriceMinor: z.number().int().nullable(),
    paymentRequestNumber: z.string().nullable(),
    errorMessage: z.string().nullable(),
  })
  .meta({ id: 'NdisClaimLine' });

export const attentionLineSchema = claimLineSchema.extend({ attention: z.string() });

export const resultsInput = z.object({ csv: z.string().min(1, 'is empty').max(20_000_000) });

export const resultsOutcomeSchema = z.object({
  paid: z.number().int(),
  rejected: z.number().int(),
  unmatched: z.array(z.object({ line: z.number().int(), claimReference: z.string() })),
  attention: z.array(attentionLineSchema),
});
