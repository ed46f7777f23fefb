import { z } from 'zod';
import { nullableText } from '../platform/http/schemas.js';

const digits = (label: string, length: string) =>
  z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s-]/g, ''))
    .pipe(z.union([z.literal(''), z.string().regex(new RegExp(`^\\d{${length}}$`), label)]))
    .nullable()
    .transform((v) => (v === '' ? null : v));

export const billingSettingsInput = z.object({
  legalName: z.string().trim().min(1, 'is needed: the name registered for tax').max(200),
  currency: z.enum(['AUD', 'GBP']).meta({
    description: 'AUD: ABN, GST 10%, BSB. GBP: UK company number, VAT 20%, sort code',
  }),
  businessNumber: nullableText(20).meta({ description: 'ABN (checksum checked) or UK company number' }),
  taxRegistered: z.boolean().meta({ description: 'Registered for GST (or VAT): invoices say "Tax invoice"' }),
  address: z.string().trim().min(1, 'is needed on an invoice').max(500),
  email: z
    .union([z.literal(''), z.email('must be an e-mail address')])
    .nullable()
    .transform((v) => v || null),
  phone: nullableText(40),
  paymentTermsDays: z
    .number('must be a number of days')
    .int('must be a whole number of days')
    .min(0, 'must be 0 or more days')
    .max(365, 'must be at most 365 days'),
  bankAccountName: nullableText(100),
  bankBranchCode: digits('must be 6 digits (BSB or sort code)', '6'),
  bankAccountNumber: digits('must be 4 to 12 digits', '4,12'),
  logo: z
    .string()
    .max(360_000, 'must be an image of at most 256 KB')
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/, 'must be a PNG or JPEG image')
    .nullable()
    .meta({ description: 'data:image/png;base64,… or data:image/jpeg;base64,…; null for none' }),
});
export type BillingSettingsInput = z.infer<typeof billingSettingsInput>;

export const billingSettingsSchema = z
  .object({
    legalName: z.string(),
    currency: z.enum(['AUD', 'GBP']),
    businessNumber: z.string().nullable().meta({ description: 'Digits (and letters) only' }),
    taxRegistered: z.boolean(),
    address: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    paymentTermsDays: z.number().int(),
    bankAccountName: z.string().nullable(),
    bankBranchCode: z.string().nullable(),
    bankAccountNumber: z.string().nullable(),
    logo: z.string().nullable().meta({ description: 'A data: URL, or null' }),
    configured: z.boolean().meta({ description: 'false until saved once; the values are then suggestions' }),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'BillingSettings' });
export type BillingSettingsView = z.infer<typeof billingSettingsSchema>;
