import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { useMe } from '../../auth/auth-context';
import { NotFound } from '../../shared/not-found';
import { PageTitle } from '../../shared/page-title';
import { ProblemAlert } from '../../shared/problem-alert';
import { applyServerErrors } from '../../shared/server-errors';
import { todayIn } from '../scheduling/calendar-time';
import type { ContractCategory, ContractType } from './contracts-api';
import { useContractType, useSaveContractType } from './contracts-queries';
import {
  firstSetWithError,
  newSetDraft,
  type SetDraft,
  setFieldPaths,
  setsToInput,
  setToDraft,
  validateSets,
} from './option-draft';
import { OptionSetsEditor } from './option-sets-editor';

export const CATEGORY_LABELS: Record<ContractCategory, string> = {
  private: 'Private',
  local_authority: 'Local authority',
  ndis: 'NDIS',
  other: 'Other',
};
export const CATEGORY_OPTIONS = (Object.keys(CATEGORY_LABELS) as ContractCategory[]).map((value) => ({
  value,
  label: CATEGORY_LABELS[value],
}));

type TypeDraft = {
  name: string;
  category: ContractCategory | null;
  payerName: string;
  payerAddress: string;
  taxFreeReason: string;
  optionSets: SetDraft[];
};

/** /contract-types/new creates; /contract-types/:typeId edits. */
export function ContractTypePage() {
  const { typeId = 'new' } = useParams();
  const isNew = typeId === 'new';
  const query = useContractType(isNew ? null : typeId);
  if (isNew) return <ContractTypeEditor key="new" type={null} />;
  if (query.isPending)
    return (
      <Stack>
        <Skeleton height={36} width={320} />
        <Skeleton height={480} />
      </Stack>
    );
  if (query.isError)
    return isApiError(query.error) && query.error.status === 404 ? (
      <NotFound what="contract type" />
    ) : (
      <ProblemAlert error={query.error} title="This contract type couldn't be loaded" />
    );
  return <ContractTypeEditor key={query.data.id} type={query.data} />;
}

function toDraft(type: ContractType | null, today: string): TypeDraft {
  return {
    name: type?.name ?? '',
    category: type?.category ?? null,
    payerName: type?.payerName ?? '',
    payerAddress: type?.payerAddress ?? '',
    taxFreeReason: type?.taxFreeReason ?? '',
    optionSets: type
      ? type.optionSets.map((set) => setToDraft(set, 'type'))
      : [newSetDraft(today, undefined, 'type')],
  };
}

function ContractTypeEditor({ type }: { type: ContractType | null }) {
  const me = useMe();
  const navigate = useNavigate();
  const today = todayIn(me.organisation.timeZone);
  const save = useSaveContractType(type?.id ?? null);
  const [problem, setProblem] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [editorKey, setEditorKey] = useState(0);
  const form = useForm<TypeDraft>({
    mode: 'controlled',
    initialValues: toDraft(type, today),
    validate: (values) => ({
      name: values.name.trim() ? null : 'Enter a name',
      category: values.category ? null : 'Choose a category',
      ...validateSets(values.optionSets, 'type'),
    }),
  });

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setUnplaced([]);
    try {
      const input = {
        name: values.name.trim(),
        category: values.category ?? 'other',
        payerName: values.payerName.trim() || null,
        payerAddress: values.payerAddress.trim() || null,
        taxFreeReason: values.taxFreeReason.trim() || null,
        optionSets: setsToInput(values.optionSets, 'type'),
      };
      const saved = await save.mutateAsync(input);
      notifications.show({
        color: 'brand',
        title: type ? 'Contract type saved' : 'Contract type created',
        message: `“${saved.name}” has ${saved.optionSets.length} option set${saved.optionSets.length === 1 ? '' : 's'}.`,
      });
      if (!type) navigate(`/contract-types/${saved.id}`, { replace: true });
      else {
        const draft = toDraft(saved, today);
        form.setValues(draft);
        form.resetDirty(draft);
        setEditorKey((k) => k + 1);
      }
    } catch (error) {
      setProblem(error);
      setUnplaced(
        applyServerErrors(error, form.setErrors, [
          'name',
          'category',
          'payerName',
          'payerAddress',
          'taxFreeReason',
          ...setFieldPaths(values.optionSets),
        ]),
      );
    }
  });

  const title = type ? type.name : 'New contract type';
  const errorSet = firstSetWithError(form.errors);

  return (
    <form onSubmit={submit} noValidate aria-label={type ? `Edit ${type.name}` : 'New contract type'}>
      <Stack gap="md">
        <Breadcrumbs aria-label="Breadcrumb">
          <Anchor component={Link} to="/contract-types" size="sm" c="brand.9">
            Contract types
          </Anchor>
          <Text size="sm" c="gray.7">
            {title}
          </Text>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Group gap="sm">
              <PageTitle title={title} />
              <Title order={1} size="h2">
                {title}
              </Title>
              {type ? (
                <Badge variant="outline" color="gray.8" tt="none">
                  {CATEGORY_LABELS[type.category]}
                </Badge>
              ) : null}
            </Group>
            <Text size="sm" c="dimmed">
              {type
                ? `Used by ${type.assignmentCount} client contract${type.assignmentCount === 1 ? '' : 's'}. Changes apply to every contract that inherits these options.`
                : 'The master options client contracts of this type inherit: rates, unsociable hours, charges.'}
            </Text>
          </Stack>
          <Group gap="sm">
            <Button component={Link} to="/contract-types" variant="default">
              {type ? 'Back' : 'Cancel'}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {type ? 'Save' : 'Create contract type'}
            </Button>
          </Group>
        </Group>
        {problem ? (
          <ProblemAlert
            error={problem}
            title={
              isApiError(problem) && problem.status === 409
                ? 'That change was refused'
                : "The contract type couldn't be saved"
            }
          />
        ) : null}
        {unplaced.length > 0 ? (
          <ProblemAlert error={new Error(unplaced.join('. '))} title="Other problems" />
        ) : null}
        {errorSet !== null ? (
          <Text size="sm" c="red.9" role="status">
            Option set {errorSet + 1} needs attention.
          </Text>
        ) : null}
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="type-details">
          <Title order={2} size="h4" id="type-details" mb="sm">
            Details
          </Title>
          <Grid>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Select
                label="Category"
                required
                data={CATEGORY_OPTIONS}
                allowDeselect={false}
                {...form.getInputProps('category')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <TextInput
                label="Invoices go to (payer)"
                description="A local authority that pays instead of the client; leave empty to bill the client"
                {...form.getInputProps('payerName')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <TextInput
                label="GST-free because"
                description="e.g. NDIS supports; leave empty for the standard rate"
                {...form.getInputProps('taxFreeReason')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea
                label="Payer's address"
                autosize
                minRows={2}
                {...form.getInputProps('payerAddress')}
              />
            </Grid.Col>
          </Grid>
        </Paper>
        <OptionSetsEditor key={editorKey} form={form} mode="type" today={today} />
      </Stack>
    </form>
  );
}
