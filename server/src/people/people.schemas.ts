import { z } from 'zod';
import { localDate, nullableText } from '../platform/http/schemas.js';
import { timeZoneField as zoneName } from '../shared/time-zone.js';
import { ndisNumberIssue } from './contact-rules.js';

/** Optional free text: trimmed, and an empty string means "no value" (null). */
export const optionalText = (max: number) => nullableText(max).optional();

export const timeZoneField = zoneName().meta({
  description: 'IANA time zone (any letter case; stored as the time-zone database spells it)',
  example: 'Australia/Sydney',
});

const ndisNumber = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(
    z.string().superRefine((v, ctx) => {
      const issue = ndisNumberIssue(v);
      if (issue) ctx.addIssue({ code: 'custom', message: issue });
    }),
  )
  .nullable()
  .optional()
  .or(z.literal('').transform(() => null));

export const clientFields = {
  givenName: z.string().trim().min(1, 'is required').max(100),
  familyName: z.string().trim().min(1, 'is required').max(100),
  preferredName: optionalText(100),
  dateOfBirth: localDate
    .refine((d) => d >= '1900-01-01', 'must be after 1900')
    .nullable()
    .optional(),
  email: z
    .email('must be an e-mail address')
    .max(320)
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  phone: optionalText(50),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  suburb: optionalText(100),
  state: optionalText(100),
  postcode: optionalText(20),
  country: optionalText(100),
  timeZone: timeZoneField,
  ndisNumber,
  localAuthorityReference: optionalText(100),
  status: z.enum(['active', 'inactive']).optional(),
  notes: optionalText(5000),
  mmmBand: z
    .number()
    .int('must be a whole number from 1 to 7')
    .min(1, 'must be from 1 (metropolitan) to 7 (very remote)')
    .max(7, 'must be from 1 (metropolitan) to 7 (very remote)')
    .nullable()
    .optional()
    .meta({
      description:
        "The client's location band (Modified Monash Model 1–7): a session's travel area and caps follow from " +
        'it (1–3 metro, 4–5 regional, 6–7 remote)',
    }),
};

export const clientInput = z.object(clientFields);
export const clientPatch = z.object(clientFields).partial();
export type ClientInput = z.infer<typeof clientInput>;
export type ClientPatch = z.infer<typeof clientPatch>;

/** Enough to tell two clients apart in a list: the name, date of birth and suburb. */
export const clientSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    dateOfBirth: z.string().nullable(),
    suburb: z.string().nullable(),
  })
  .meta({ id: 'ClientSummary' });
export type ClientSummary = z.infer<typeof clientSummarySchema>;

export const likelyDuplicatesQuery = z.object({
  givenName: z.string().trim().max(100).optional(),
  familyName: z.string().trim().max(100).optional(),
  dateOfBirth: localDate.optional(),
  ndisNumber: z
    .string()
    .max(20)
    .transform((v) => v.replace(/\s+/g, ''))
    .optional(),
  excludeId: z
    .uuid()
    .optional()
    .meta({ description: 'The client being edited, which is not its own duplicate' }),
});
export type LikelyDuplicatesQuery = z.infer<typeof likelyDuplicatesQuery>;

export const likelyDuplicatesSchema = z
  .object({
    ndisNumber: clientSummarySchema
      .nullable()
      .meta({ description: 'The client who already has this NDIS number: saving would be refused' }),
    sameNameAndBirth: z.array(clientSummarySchema).meta({
      description: 'Clients with the same name and date of birth: saving is allowed, but check first',
    }),
  })
  .meta({ id: 'LikelyDuplicates' });

export const clientSchema = z
  .object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    preferredName: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    addressLine1: z.string().nullable(),
    addressLine2: z.string().nullable(),
    suburb: z.string().nullable(),
    state: z.string().nullable(),
    postcode: z.string().nullable(),
    country: z.string().nullable(),
    timeZone: z.string(),
    ndisNumber: z.string().nullable(),
    localAuthorityReference: z.string().nullable(),
    status: z.enum(['active', 'inactive']),
    notes: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    mmmBand: z.number().int().nullable(),
  })
  .meta({ id: 'Client' });
export type ClientView = z.infer<typeof clientSchema>;

export const staffFields = {
  givenName: z.string().trim().min(1, 'is required').max(100),
  familyName: z.string().trim().min(1, 'is required').max(100),
  email: z.email('must be an e-mail address').max(320),
  phone: optionalText(50),
  timeZone: timeZoneField,
  deliversServices: z.boolean(),
  active: z.boolean().optional(),
  roleIds: z.array(z.uuid()).max(50),
};
export const staffInput = z.object(staffFields);
export const staffPatch = z.object(staffFields).partial();
export type StaffInput = z.infer<typeof staffInput>;
export type StaffPatch = z.infer<typeof staffPatch>;

export const staffSchema = z
  .object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    timeZone: z.string(),
    deliversServices: z.boolean(),
    active: z.boolean(),
    roles: z.array(z.object({ id: z.uuid(), name: z.string() })),
    userId: z.uuid().nullable(),
  })
  .meta({ id: 'Staff' });
export type StaffView = z.infer<typeof staffSchema>;

export const providerInput = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  contactName: optionalText(200),
  email: z
    .email('must be an e-mail address')
    .max(320)
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  phone: optionalText(50),
});
export type ProviderInput = z.infer<typeof providerInput>;
export const providerSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    contactName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .meta({ id: 'ExternalProvider' });
