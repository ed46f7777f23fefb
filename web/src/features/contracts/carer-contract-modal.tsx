import { Button, Group, Modal, Skeleton, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useMe } from '../../auth/auth-context';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import { todayIn } from '../scheduling/calendar-time';
import type { CarerContract } from './contracts-api';
import { useCarerContract, useSaveCarerContract } from './contracts-queries';
import {
  newSetDraft,
  type SetDraft,
  setFieldPaths,
  setsToInput,
  setToDraft,
  validateSets,
} from './option-draft';
import { OptionSetsEditor } from './option-sets-editor';

/** A staff member's carer contract (the pay side): dated option sets, including the mileage rate. */
export function CarerContractModal({
  staff,
  onClose,
}: {
  staff: { id: string; name: string } | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={staff !== null}
      onClose={onClose}
      title={staff ? `Carer contract: ${staff.name}` : 'Carer contract'}
      size="80rem"
    >
      {staff ? <CarerContractLoader key={staff.id} staff={staff} onClose={onClose} /> : null}
    </Modal>
  );
}

function CarerContractLoader({
  staff,
  onClose,
}: {
  staff: { id: string; name: string };
  onClose: () => void;
}) {
  const query = useCarerContract(staff.id);
  if (query.isPending) return <Skeleton height={360} />;
  if (query.isError)
    return <ProblemAlert error={query.error} title="The carer contract couldn't be loaded" />;
  return <CarerContractForm staff={staff} contract={query.data} onClose={onClose} />;
}

function CarerContractForm({
  staff,
  contract,
  onClose,
}: {
  staff: { id: string; name: string };
  contract: CarerContract | null;
  onClose: () => void;
}) {
  const me = useMe();
  const today = todayIn(me.organisation.timeZone);
  const save = useSaveCarerContract(staff.id);
  const [problem, setProblem] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const form = useForm<{ optionSets: SetDraft[] }>({
    mode: 'controlled',
    initialValues: {
      optionSets: contract
        ? contract.optionSets.map((set) => setToDraft(set, 'carer'))
        : [newSetDraft(today, undefined, 'carer')],
    },
    validate: (values) => validateSets(values.optionSets, 'carer'),
  });

  return (
    <form
      noValidate
      aria-label={`Carer contract of ${staff.name}`}
      onSubmit={form.onSubmit(async (values) => {
        setProblem(null);
        setUnplaced([]);
        try {
          const saved = await save.mutateAsync(setsToInput(values.optionSets, 'carer'));
          notifications.show({
            color: 'brand',
            title: 'Carer contract saved',
            message: `${staff.name}'s carer contract has ${saved.optionSets.length} option set${saved.optionSets.length === 1 ? '' : 's'}.`,
          });
          onClose();
        } catch (error) {
          setProblem(error);
          setUnplaced(applyServerErrors(error, form.setErrors, setFieldPaths(values.optionSets)));
        }
      })}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {contract
            ? 'What this staff member is paid, and the mileage rate charged back to clients whose contract allows it.'
            : `${staff.name} has no carer contract yet. Set their pay rates and mileage rate to create one.`}
        </Text>
        {problem ? <ProblemAlert error={problem} title="The carer contract couldn't be saved" /> : null}
        {unplaced.length > 0 ? (
          <ProblemAlert error={new Error(unplaced.join('. '))} title="Other problems" />
        ) : null}
        <OptionSetsEditor form={form} mode="carer" today={today} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            {contract ? 'Save carer contract' : 'Create carer contract'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
