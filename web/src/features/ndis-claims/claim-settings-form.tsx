import { Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { blankToNull } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { type ClaimSettings, useClaimSettings, useSaveClaimSettings } from './ndis-claims-api';

/** The provider's claiming settings: who claims, and how a rate above the price limit is treated. */
export function ClaimSettingsForm() {
  const settings = useClaimSettings();
  const save = useSaveClaimSettings();
  const [draft, setDraft] = useState<ClaimSettings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  if (settings.isError)
    return <ProblemAlert error={settings.error} title="Claim settings couldn't be loaded" />;
  if (!draft)
    return (
      <Text size="sm" c="dimmed" aria-busy="true">
        Loading claim settings…
      </Text>
    );
  const set = (patch: Partial<ClaimSettings>) => setDraft({ ...draft, ...patch });
  return (
    <Paper withBorder radius="md" p="md">
      <form
        aria-label="Claim settings"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(draft);
        }}
      >
        <Stack gap="sm">
          <Group align="flex-end" gap="md" wrap="wrap">
            <TextInput
              label="NDIS registration number"
              w={200}
              value={draft.registrationNumber ?? ''}
              onChange={(e) => set({ registrationNumber: blankToNull(e.currentTarget.value) })}
            />
            <TextInput
              label="ABN"
              w={160}
              value={draft.abn ?? ''}
              onChange={(e) => set({ abn: blankToNull(e.currentTarget.value.replaceAll(' ', '')) })}
            />
            <Select
              label="GST code"
              w={200}
              data={[
                { value: 'P2', label: 'P2 — GST-free' },
                { value: 'P1', label: 'P1 — GST 10%' },
                { value: 'P5', label: 'P5 — out of scope' },
              ]}
              value={draft.gstCode}
              onChange={(v) => v && set({ gstCode: v as ClaimSettings['gstCode'] })}
              allowDeselect={false}
            />
            <LocalDateInput
              label="Suffixed items (_CA, _PT) from"
              value={draft.suffixedItemsFrom}
              onChange={(v) => v && set({ suffixedItemsFrom: v })}
            />
          </Group>
          <Group align="flex-end" gap="md" wrap="wrap">
            <TextInput
              label="Non-labour travel item"
              w={200}
              value={draft.nonLabourTravelItem ?? ''}
              onChange={(e) => set({ nonLabourTravelItem: blankToNull(e.currentTarget.value) })}
            />
            <TextInput
              label="Activity-based transport item"
              w={200}
              value={draft.transportItem ?? ''}
              onChange={(e) => set({ transportItem: blankToNull(e.currentTarget.value) })}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="price-limit-mode">
                A rate above the price limit
              </Text>
              <SegmentedControl
                aria-labelledby="price-limit-mode"
                data={[
                  { value: 'refuse', label: 'Refuse the line' },
                  { value: 'warn', label: 'Claim at the limit, with a warning' },
                ]}
                value={draft.priceLimitMode}
                onChange={(v) => set({ priceLimitMode: v as ClaimSettings['priceLimitMode'] })}
              />
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="funding-overrun-mode">
                A booking over a funding period's allocation
              </Text>
              <SegmentedControl
                aria-labelledby="funding-overrun-mode"
                data={[
                  { value: 'override', label: 'Go ahead with a reason' },
                  { value: 'refuse', label: 'Refuse the booking' },
                ]}
                value={draft.fundingOverrunMode ?? 'override'}
                onChange={(v) => set({ fundingOverrunMode: v as ClaimSettings['fundingOverrunMode'] })}
              />
            </Stack>
            <Button type="submit" variant="light" loading={save.isPending}>
              Save settings
            </Button>
          </Group>
          {save.isError ? <ProblemAlert error={save.error} title="Settings not saved" /> : null}
          {save.isSuccess ? (
            <Text size="sm" role="status">
              Settings saved.
            </Text>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
