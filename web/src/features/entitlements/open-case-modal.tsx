import { Button, Checkbox, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { type CaseInput, useOpenCase, WINDOW_LABELS } from './entitlements-api';

export function OpenCaseModal({
  clientId,
  today,
  onClose,
}: {
  clientId: string;
  today: string;
  onClose: () => void;
}) {
  const open = useOpenCase(clientId);
  const [issue, setIssue] = useState('');
  const [funder, setFunder] = useState('');
  const [allowed, setAllowed] = useState<number>(6);
  const [window, setWindow] = useState<CaseInput['countingWindow']>('rolling_12_months');
  const [openedOn, setOpenedOn] = useState(today);
  const [expiresOn, setExpiresOn] = useState('');
  const [late, setLate] = useState(true);
  const [noShow, setNoShow] = useState(true);
  const [region, setRegion] = useState('AU-NSW');
  const submit = () =>
    open.mutate(
      {
        issue,
        funder,
        allowedSessions: allowed,
        countingWindow: window,
        openedOn,
        expiresOn: window === 'per_referral' ? expiresOn || null : null,
        lateCancellationCounts: late,
        noShowCounts: noShow,
        funderRegion: region,
      },
      { onSuccess: onClose },
    );
  return (
    <Modal opened onClose={onClose} title="Open a case">
      <Stack gap="sm">
        {open.isError ? <ProblemAlert error={open.error} title="The case was not opened" /> : null}
        <TextInput label="Issue" value={issue} onChange={(e) => setIssue(e.currentTarget.value)} required />
        <TextInput
          label="Funder (employer or programme)"
          value={funder}
          onChange={(e) => setFunder(e.currentTarget.value)}
          required
        />
        <NumberInput
          label="Sessions allowed"
          value={allowed}
          min={1}
          max={100}
          onChange={(v) => setAllowed(Number(v) || 1)}
        />
        <Select
          label="Sessions count"
          data={Object.entries(WINDOW_LABELS).map(([value, label]) => ({ value, label }))}
          value={window}
          onChange={(v) => v && setWindow(v as CaseInput['countingWindow'])}
          allowDeselect={false}
        />
        <Group grow>
          <LocalDateInput label="Opened on" value={openedOn} onChange={setOpenedOn} />
          {window === 'per_referral' ? (
            <LocalDateInput label="Expires on" value={expiresOn} onChange={setExpiresOn} />
          ) : null}
        </Group>
        <Checkbox
          label="A cancellation less than 24 h before uses a session"
          checked={late}
          onChange={(e) => setLate(e.currentTarget.checked)}
        />
        <Checkbox
          label="A no-show uses a session"
          checked={noShow}
          onChange={(e) => setNoShow(e.currentTarget.checked)}
        />
        <TextInput
          label="Funder's holiday calendar"
          description="For the business days of extra-session requests, e.g. AU-NSW"
          value={region}
          onChange={(e) => setRegion(e.currentTarget.value.toUpperCase())}
        />
        <Group justify="flex-end">
          <Button onClick={submit} loading={open.isPending}>
            Open case
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
