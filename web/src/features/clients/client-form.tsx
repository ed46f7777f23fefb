import {
  Autocomplete,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { Client, ClientInput, ClientStatus } from '../../api/types';
import { blankToNull } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import { TimeZoneSelect } from '../../shared/time-zone-select';
import { LikelyDuplicates } from './likely-duplicates';
import { LOCATION_BANDS } from './location-band';

export type ClientFormValues = {
  givenName: string;
  familyName: string;
  preferredName: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  addressLine1: string;
  addressLine2: string;
  suburb: string;
  state: string;
  postcode: string;
  country: string;
  timeZone: string;
  ndisNumber: string;
  localAuthorityReference: string;
  status: ClientStatus;
  notes: string;
  mmmBand: string;
};

const FIELDS = [
  'givenName',
  'familyName',
  'preferredName',
  'dateOfBirth',
  'email',
  'phone',
  'addressLine1',
  'addressLine2',
  'suburb',
  'state',
  'postcode',
  'country',
  'timeZone',
  'ndisNumber',
  'localAuthorityReference',
  'status',
  'notes',
  'mmmBand',
] as const satisfies readonly (keyof ClientFormValues)[];

const AU_STATES = ['ACT', 'NSW', 'NT', 'QLD', 'SA', 'TAS', 'VIC', 'WA'];

function toValues(client: Client | null, defaultTimeZone: string): ClientFormValues {
  return {
    givenName: client?.givenName ?? '',
    familyName: client?.familyName ?? '',
    preferredName: client?.preferredName ?? '',
    dateOfBirth: client?.dateOfBirth ?? '',
    email: client?.email ?? '',
    phone: client?.phone ?? '',
    addressLine1: client?.addressLine1 ?? '',
    addressLine2: client?.addressLine2 ?? '',
    suburb: client?.suburb ?? '',
    state: client?.state ?? '',
    postcode: client?.postcode ?? '',
    country: client?.country ?? (client ? '' : 'Australia'),
    timeZone: client?.timeZone ?? defaultTimeZone,
    ndisNumber: client?.ndisNumber ?? '',
    localAuthorityReference: client?.localAuthorityReference ?? '',
    status: client?.status ?? 'active',
    notes: client?.notes ?? '',
    mmmBand: client?.mmmBand ? String(client.mmmBand) : '',
  };
}

function toInput(values: ClientFormValues): ClientInput {
  return {
    givenName: values.givenName.trim(),
    familyName: values.familyName.trim(),
    preferredName: blankToNull(values.preferredName),
    dateOfBirth: blankToNull(values.dateOfBirth),
    email: blankToNull(values.email),
    phone: blankToNull(values.phone),
    addressLine1: blankToNull(values.addressLine1),
    addressLine2: blankToNull(values.addressLine2),
    suburb: blankToNull(values.suburb),
    state: blankToNull(values.state),
    postcode: blankToNull(values.postcode),
    country: blankToNull(values.country),
    timeZone: values.timeZone,
    ndisNumber: blankToNull(values.ndisNumber.replace(/\s+/g, '')),
    localAuthorityReference: blankToNull(values.localAuthorityReference),
    status: values.status,
    notes: blankToNull(values.notes),
    mmmBand: values.mmmBand ? Number(values.mmmBand) : null,
  };
}

const required = (label: string) => (value: string) => (value.trim() ? null : `${label} is required`);

type Props = {
  client: Client | null;
  defaultTimeZone: string;
  submitLabel: string;
  onSubmit: (input: ClientInput) => Promise<unknown>;
  onCancel?: () => void;
  /** The create form leaves status out: new clients start active. */
  showStatus?: boolean;
};

export function ClientForm({
  client,
  defaultTimeZone,
  submitLabel,
  onSubmit,
  onCancel,
  showStatus = true,
}: Props) {
  const [problem, setProblem] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const form = useForm<ClientFormValues>({
    mode: 'controlled',
    initialValues: toValues(client, defaultTimeZone),
    validateInputOnChange: true,
    validate: {
      givenName: required('Given name'),
      familyName: required('Family name'),
      timeZone: required('Time zone'),
      email: (value) =>
        !value.trim() || /^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter a valid e-mail',
      dateOfBirth: (value) =>
        !value || (/^\d{4}-\d{2}-\d{2}$/.test(value) && value <= new Date().toISOString().slice(0, 10))
          ? null
          : 'Enter a date in the past',
      postcode: (value) => (value.length <= 10 ? null : 'Postcode is too long'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setUnplaced([]);
    try {
      await onSubmit(toInput(values));
      form.resetDirty();
    } catch (error) {
      const rest = applyServerErrors(error, form.setErrors, FIELDS);
      setUnplaced(rest);
      setProblem(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={client ? 'Edit client' : 'New client'}>
      <Stack gap="lg">
        {problem ? <ProblemAlert error={problem} title="The client couldn't be saved" /> : null}
        {unplaced.length > 0 ? (
          <ProblemAlert error={new Error(unplaced.join('. '))} title="Other problems" />
        ) : null}
        <Stack gap="sm">
          <Title order={2} size="h4">
            Personal details
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <TextInput label="Given name" required {...form.getInputProps('givenName')} />
            <TextInput label="Family name" required {...form.getInputProps('familyName')} />
            <TextInput label="Preferred name" {...form.getInputProps('preferredName')} />
            <LocalDateInput label="Date of birth" {...form.getInputProps('dateOfBirth')} />
            <TextInput
              label="NDIS number"
              inputMode="numeric"
              description="9 digits, starting 43"
              {...form.getInputProps('ndisNumber')}
            />
            <TextInput label="Local authority reference" {...form.getInputProps('localAuthorityReference')} />
            {showStatus ? (
              <Select
                label="Status"
                data={[
                  { value: 'active', label: 'Active' },
                  { value: 'inactive', label: 'Inactive' },
                ]}
                allowDeselect={false}
                {...form.getInputProps('status')}
              />
            ) : null}
          </SimpleGrid>
        </Stack>
        <LikelyDuplicates
          givenName={form.values.givenName}
          familyName={form.values.familyName}
          dateOfBirth={form.values.dateOfBirth}
          ndisNumber={form.values.ndisNumber}
          clientId={client?.id ?? null}
        />
        <Stack gap="sm">
          <Title order={2} size="h4">
            Contact
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="E-mail" type="email" {...form.getInputProps('email')} />
            <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
          </SimpleGrid>
        </Stack>
        <Stack gap="sm">
          <Title order={2} size="h4">
            Address and time zone
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Address line 1" {...form.getInputProps('addressLine1')} />
            <TextInput label="Address line 2" {...form.getInputProps('addressLine2')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <TextInput label="Suburb" {...form.getInputProps('suburb')} />
            <Autocomplete label="State" data={AU_STATES} {...form.getInputProps('state')} />
            <TextInput label="Postcode" {...form.getInputProps('postcode')} />
            <TextInput label="Country" {...form.getInputProps('country')} />
          </SimpleGrid>
          <TimeZoneSelect
            label="Time zone"
            description="Bookings for this client are entered and shown in this zone"
            required
            allowDeselect={false}
            maw={420}
            {...form.getInputProps('timeZone')}
          />
          <Select
            label="Location band"
            description="Modified Monash Model: sets the travel area and caps of this client's sessions"
            placeholder="Not set"
            clearable
            data={LOCATION_BANDS}
            maw={420}
            {...form.getInputProps('mmmBand')}
            onChange={(value) => form.setFieldValue('mmmBand', value ?? '')}
          />
        </Stack>
        <Textarea label="Notes" autosize minRows={3} maxRows={10} {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={form.submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
