import { Button, Grid, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Temporal } from 'temporal-polyfill';
import { useMe } from '../../auth/auth-context';
import { blankToNull } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import { ClientPicker } from '../clients/client-picker';
import { ActivitiesEditor, type ActivityItem, activityLabels } from './activities-editor';
import { decodeAssignee, useAssigneeData } from './assignees';
import type { LaunchOptions } from './service-launcher';
import { useCreateService } from './services-queries';

type Props = { opened: boolean; options: LaunchOptions; formKey: number; onClose: () => void };

export function NewServiceModal({ opened, options, formKey, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="New service" size="lg">
      {opened ? <NewServiceForm key={formKey} options={options} onClose={onClose} /> : null}
    </Modal>
  );
}

type Values = {
  clientId: string | null;
  title: string;
  dueDate: string;
  assignee: string | null;
  description: string;
  notes: string;
};

const FIELDS = ['clientId', 'title', 'dueDate', 'assignee', 'description', 'notes'] as const;

function NewServiceForm({ options, onClose }: { options: LaunchOptions; onClose: () => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateService();
  const assignees = useAssigneeData();
  const [clientName, setClientName] = useState<string | null>(options.clientName ?? null);
  const [activities, setActivities] = useState<ActivityItem[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      clientId: options.clientId ?? null,
      title: '',
      dueDate: Temporal.Now.plainDateISO(me.organisation.timeZone).toString(),
      assignee: null,
      description: '',
      notes: '',
    },
    validate: {
      clientId: (value) => (value ? null : 'Choose a client'),
      title: (value) => (value.trim() ? null : 'Title is required'),
      dueDate: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? null : 'Pick the due date'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const service = await create.mutateAsync({
        clientId: values.clientId ?? '',
        title: values.title.trim(),
        dueDate: values.dueDate,
        assignee: decodeAssignee(values.assignee),
        description: blankToNull(values.description),
        activities: activityLabels(activities),
        notes: blankToNull(values.notes),
      });
      notifications.show({
        color: 'brand',
        title: 'Service created',
        message: `“${service.title}” for ${service.clientName}.`,
      });
      onClose();
      navigate(`/services/${service.id}`);
    } catch (error) {
      applyServerErrors(error, form.setErrors, FIELDS, { 'assignee.id': 'assignee' });
      setProblem(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="New service">
      <Stack gap="md">
        {problem ? <ProblemAlert error={problem} title="The service couldn't be created" /> : null}
        <ClientPicker
          label="Client"
          required
          value={form.values.clientId}
          selectedName={clientName}
          error={form.errors.clientId}
          onChange={(id, name) => {
            form.setFieldValue('clientId', id);
            setClientName(name);
          }}
        />
        <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
        <Grid>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <LocalDateInput label="Due date" required {...form.getInputProps('dueDate')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 7 }}>
            <Select
              label="Assignee"
              placeholder="Unassigned"
              data={assignees.data}
              searchable
              clearable
              nothingFoundMessage="No one matches"
              {...form.getInputProps('assignee')}
            />
          </Grid.Col>
        </Grid>
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('description')}
        />
        <ActivitiesEditor items={activities} onChange={setActivities} />
        <Textarea label="Notes" autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Create service
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
