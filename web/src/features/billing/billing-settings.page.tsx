import {
  Button,
  Checkbox,
  FileInput,
  Group,
  Image,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import type { BillingSettings, BillingSettingsInput } from './billing-api';
import { useBillingSettings, useSaveBillingSettings } from './billing-queries';

type Values = Omit<BillingSettingsInput, 'businessNumber' | 'email' | 'phone' | 'bankAccountName'> & {
  businessNumber: string;
  email: string;
  phone: string;
  bankAccountName: string;
  bankBranchCode: string;
  bankAccountNumber: string;
};

const FIELDS = [
  'legalName',
  'currency',
  'businessNumber',
  'taxRegistered',
  'address',
  'email',
  'phone',
  'paymentTermsDays',
  'bankAccountName',
  'bankBranchCode',
  'bankAccountNumber',
  'logo',
];

const toValues = (s: BillingSettings): Values => ({
  ...s,
  businessNumber: s.businessNumber ?? '',
  email: s.email ?? '',
  phone: s.phone ?? '',
  bankAccountName: s.bankAccountName ?? '',
  bankBranchCode: s.bankBranchCode ?? '',
  bankAccountNumber: s.bankAccountNumber ?? '',
});

const blank = (v: string) => (v.trim() === '' ? null : v.trim());

/** Reads an image file as a data: URL (the API takes the logo that way). */
function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Who issues the invoices: the organisation's legal and tax identity, terms and how to pay. */
export function BillingSettingsPage() {
  const query = useBillingSettings();
  return (
    <>
      <PageHeader
        title="Billing settings"
        description="What every invoice says about who issued it, when it is due and how to pay. Invoices keep the settings they were issued with."
      />
      {query.isPending ? (
        <Skeleton height={480} radius="md" />
      ) : query.data ? (
        <SettingsForm settings={query.data} />
      ) : (
        <ProblemAlert error={query.error} title="The billing settings couldn’t be loaded" />
      )}
    </>
  );
}

function SettingsForm({ settings }: { settings: BillingSettings }) {
  const save = useSaveBillingSettings();
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<Values>({ mode: 'controlled', initialValues: toValues(settings) });
  const v = form.getValues();
  const aud = v.currency === 'AUD';
  return (
    <form
      noValidate
      aria-label="Billing settings"
      onSubmit={form.onSubmit(async (values) => {
        setProblem(null);
        setSaved(false);
        try {
          await save.mutateAsync({
            legalName: values.legalName.trim(),
            currency: values.currency,
            businessNumber: blank(values.businessNumber),
            taxRegistered: values.taxRegistered,
            address: values.address.trim(),
            email: blank(values.email),
            phone: blank(values.phone),
            paymentTermsDays: Number(values.paymentTermsDays),
            bankAccountName: blank(values.bankAccountName),
            bankBranchCode: blank(values.bankBranchCode),
            bankAccountNumber: blank(values.bankAccountNumber),
            logo: values.logo,
          });
          setSaved(true);
        } catch (error) {
          applyServerErrors(error, form.setErrors, FIELDS);
          setProblem(error);
        }
      })}
    >
      <Stack gap="md" maw={760}>
        {!settings.configured ? (
          <Text size="sm" c="gray.7">
            Not saved yet: until you save, invoices are issued as “Invoice” without tax or bank details.
          </Text>
        ) : null}
        {problem ? <ProblemAlert error={problem} title="The billing settings couldn’t be saved" /> : null}
        {saved ? (
          <Text role="status" c="teal.9" fw={600}>
            Saved. Invoices issued from now on use these settings.
          </Text>
        ) : null}
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="sm">
            Supplier
          </Title>
          <Stack gap="sm">
            <TextInput label="Legal name" required {...form.getInputProps('legalName')} />
            <div>
              <Text size="sm" fw={500} mb={4} id="currency-label">
                Currency and tax regime
              </Text>
              <SegmentedControl
                aria-labelledby="currency-label"
                data={[
                  { value: 'AUD', label: 'AUD · ABN · GST 10%' },
                  { value: 'GBP', label: 'GBP · company number · VAT 20%' },
                ]}
                {...form.getInputProps('currency')}
              />
            </div>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={aud ? 'ABN' : 'Company number'}
                description={
                  aud ? '11 digits; the check digits are verified' : '8 digits, or 2 letters and 6 digits'
                }
                {...form.getInputProps('businessNumber')}
              />
              <Checkbox
                mt="xl"
                label={aud ? 'Registered for GST (invoices say “Tax invoice”)' : 'Registered for VAT'}
                {...form.getInputProps('taxRegistered', { type: 'checkbox' })}
              />
            </SimpleGrid>
            <Textarea label="Address" required autosize minRows={2} {...form.getInputProps('address')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Accounts e-mail" type="email" {...form.getInputProps('email')} />
              <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
            </SimpleGrid>
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="sm">
            Payment
          </Title>
          <Stack gap="sm">
            <NumberInput
              label="Payment terms (days from issue)"
              description="A client contract can set its own terms"
              min={0}
              max={365}
              w={260}
              allowDecimal={false}
              {...form.getInputProps('paymentTermsDays')}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label="Account name" {...form.getInputProps('bankAccountName')} />
              <TextInput label={aud ? 'BSB' : 'Sort code'} {...form.getInputProps('bankBranchCode')} />
              <TextInput label="Account number" {...form.getInputProps('bankAccountNumber')} />
            </SimpleGrid>
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="sm">
            Logo (optional)
          </Title>
          <Group align="flex-end">
            <FileInput
              label="PNG or JPEG, at most 256 KB"
              accept="image/png,image/jpeg"
              w={300}
              clearable
              error={form.errors.logo}
              onChange={async (file) => form.setFieldValue('logo', file ? await readDataUrl(file) : null)}
            />
            {v.logo ? (
              <>
                <Image src={v.logo} alt="Current logo" h={48} w="auto" fit="contain" />
                <Button variant="subtle" onClick={() => form.setFieldValue('logo', null)}>
                  Remove logo
                </Button>
              </>
            ) : null}
          </Group>
        </Paper>
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save billing settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
