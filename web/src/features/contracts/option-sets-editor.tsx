import {
  Badge,
  Button,
  Fieldset,
  Grid,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { type ReactNode, useEffect, useState } from 'react';
import { useConfirm } from '../../shared/confirm-dialog';
import { formatPlainDate } from '../../shared/format';
import { LocalDateInput } from '../../shared/local-date-input';
import { currencySymbol } from '../../shared/money';
import { AccommodationRatesField } from './accommodation-rates-field';
import type { DayKind, DayOfWeek, OptionName, OptionSet, RoundingMode } from './contracts-api';
import { NdisSupportItemsField } from './ndis-support-items-field';
import {
  DAY_KIND_LABELS,
  DAY_LABELS,
  describeOption,
  type EditorMode,
  firstSetWithError,
  newCharge,
  newRange,
  newRate,
  newSetDraft,
  OPTION_DEFAULTS,
  OPTION_LABELS,
  optionsToDraft,
  ROUNDING_LABELS,
  type SetDraft,
  setHasError,
  setInForce,
} from './option-draft';

type SetsDraft = { optionSets: SetDraft[] };

const KIND_OPTIONS = (Object.keys(DAY_KIND_LABELS) as DayKind[]).map((value) => ({
  value,
  label: DAY_KIND_LABELS[value],
}));
const DAY_OPTIONS = (Object.keys(DAY_LABELS) as DayOfWeek[]).map((value) => ({
  value,
  label: DAY_LABELS[value],
}));
const ROUNDING_OPTIONS = (Object.keys(ROUNDING_LABELS) as RoundingMode[]).map((value) => ({
  value,
  label: ROUNDING_LABELS[value],
}));
const ROUNDING_MINUTES = ['5', '10', '15', '30', '60'].map((value) => ({ value, label: `${value} minutes` }));

const LEGEND_STYLES = {
  legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)', marginBottom: 4 },
};

const OPTION_HELP: Partial<Record<OptionName, string>> = {
  hourlyRate: 'Charged pro rata, by the minute, outside any unsociable range.',
  nonProRataRates:
    'Fixed amounts for set durations: the largest that fits is charged once, the rest of the visit pro rata.',
  unsociableRanges:
    'Times with their own rate. A special day beats a public holiday, which beats a day of the week, which beats weekday/weekend.',
  useFirstRange:
    'On: the range in force when the visit starts prices the whole visit. Off: split at range edges.',
  callOutCharges: 'Added once to every visit.',
  billOnActualTimes: 'Charge the recorded start and end instead of the planned times.',
  rounding: 'How actual times are rounded before charging.',
  chargeMileageToClient: "Bill the visit's mileage to the client at the carer contract's mileage rate.",
  enableTravelPayments: 'Allow mileage to be recorded on visits under this contract.',
  useLocalAuthorityReference: "Print the client's local authority reference on invoices.",
  terminationRights: 'Notice and cancellation terms, shown to coordinators.',
  ndisSupportItems:
    "The item each visit is claimed under, by its time band; its rate is checked against the item's price limit.",
  mileageRate: 'Paid per unit of distance travelled on visits.',
};

/** The next free date after the last set: a day after it, or today when that is later. */
function nextDate(sets: SetDraft[], today: string): string {
  const last = sets.at(-1)?.effectiveFrom;
  if (!last || !/^\d{4}-\d{2}-\d{2}$/.test(last)) return today;
  const [y, m, d] = last.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return next > today ? next : today;
}

const setTitle = (set: SetDraft, index: number) =>
  index === 0
    ? `From the start${set.effectiveFrom ? ` (${formatPlainDate(set.effectiveFrom)})` : ''}`
    : `From ${formatPlainDate(set.effectiveFrom)}`;

/**
 * The schedule of option sets of a contract type, a client's contract (each option inherited from the type
 * or overridden) or a carer contract (plus the mileage rate). Paths match the API's, so its errors land here.
 */
export function OptionSetsEditor<D extends SetsDraft>({
  form,
  mode,
  typeSets = [],
  today,
  heading = 'Option sets',
}: {
  form: UseFormReturnType<D>;
  mode: EditorMode;
  /** Assignments: the type's option sets, to show what each inherited option is at a set's date. */
  typeSets?: OptionSet[];
  today: string;
  heading?: string;
}) {
  const sets = form.values.optionSets;
  const [active, setActive] = useState<string | null>(sets[0]?.key ?? null);
  const activeIndex = Math.max(
    0,
    sets.findIndex((set) => set.key === active),
  );
  const selected = sets[activeIndex];
  const errors = form.errors;

  // When errors arrive, show the first option set with one unless the set on screen has one too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to new errors only, not to tab changes
  useEffect(() => {
    const errorSet = firstSetWithError(errors);
    if (errorSet !== null && !setHasError(errors, activeIndex)) setActive(sets[errorSet]?.key ?? null);
  }, [errors]);

  const addSet = () => {
    const set = newSetDraft(nextDate(sets, today), sets.at(-1), mode);
    form.insertListItem('optionSets' as never, set as never);
    setActive(set.key);
  };
  const confirm = useConfirm();
  const removeSet = async (index: number) => {
    const set = sets[index];
    if (!set) return;
    const ok = await confirm({
      title: `Remove the option set ${setTitle(set, index).toLowerCase()}?`,
      message: 'Its options are lost.',
      confirmLabel: 'Remove option set',
      danger: true,
    });
    if (!ok) return;
    form.clearErrors();
    form.removeListItem('optionSets' as never, index);
    setActive(sets[index - 1]?.key ?? sets[index + 1]?.key ?? null);
  };
  const canRemove = (index: number) => index > 0 || mode === 'assignment';

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="option-sets-title">
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <div>
          <Title order={2} size="h4" id="option-sets-title">
            {heading}
          </Title>
          <Text size="sm" c="dimmed">
            {mode === 'assignment'
              ? 'Each option set applies from its date until the next one. Options it doesn’t override come from the contract type in force on each day.'
              : 'Each option set applies from its date until the next one; the first also applies before its date.'}
          </Text>
        </div>
        <Button variant="light" onClick={addSet}>
          Add option set
        </Button>
      </Group>
      {typeof form.errors.optionSets === 'string' ? (
        <Text size="sm" c="red.9" role="alert" mb="sm">
          {form.errors.optionSets}
        </Text>
      ) : null}
      {sets.length === 0 ? (
        <Paper bg="gray.0" p="lg" radius="md">
          <Text size="sm" ta="center">
            {mode === 'assignment'
              ? 'No option sets: every option is inherited from the contract type. Add an option set to override some of them from a date.'
              : 'No option sets yet. Add one to set the rates.'}
          </Text>
        </Paper>
      ) : (
        <Tabs value={selected?.key ?? null} onChange={setActive} keepMounted={false}>
          <Tabs.List aria-label="Option sets by date">
            {sets.map((set, index) => {
              const broken = setHasError(form.errors, index);
              return (
                <Tabs.Tab
                  key={set.key}
                  value={set.key}
                  color={broken ? 'red' : undefined}
                  rightSection={
                    broken ? (
                      <Badge size="xs" color="red.9" variant="filled" aria-label="has errors">
                        !
                      </Badge>
                    ) : null
                  }
                >
                  {setTitle(set, index)}
                </Tabs.Tab>
              );
            })}
          </Tabs.List>
          {sets.map((set, index) => (
            <Tabs.Panel key={set.key} value={set.key} pt="md">
              <SetEditor
                form={form}
                mode={mode}
                index={index}
                typeSets={typeSets}
                onRemove={canRemove(index) ? () => removeSet(index) : null}
              />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Paper>
  );
}

function SetEditor<D extends SetsDraft>({
  form,
  mode,
  index,
  typeSets,
  onRemove,
}: {
  form: UseFormReturnType<D>;
  mode: EditorMode;
  index: number;
  typeSets: OptionSet[];
  onRemove: (() => void) | null;
}) {
  const set = form.values.optionSets[index];
  if (!set) return null;
  const base = `optionSets.${index}`;
  const p = `${base}.options`;
  const input = (path: string, options?: { type: 'checkbox' }) => form.getInputProps(path as never, options);
  const setValue = (path: string, value: unknown) => form.setFieldValue(path as never, value as never);
  const inherited = setInForce(typeSets, set.effectiveFrom);

  const option = (name: OptionName, editor: ReactNode) => {
    if (mode !== 'assignment') return editor;
    const overridden = set.overridden[name] === true;
    const typed = inherited?.set.options[name];
    const value = typed ?? OPTION_DEFAULTS[name];
    const from =
      inherited && typed !== undefined
        ? `from the type's ${inherited.index === 0 ? 'first option set' : `option set of ${formatPlainDate(inherited.set.effectiveFrom)}`}`
        : 'the default: the type leaves it out';
    return (
      <Paper
        withBorder
        radius="md"
        p="sm"
        data-testid={`option-${name}`}
        style={overridden ? { borderLeft: '4px solid var(--mantine-color-orange-7)' } : undefined}
      >
        <Group justify="space-between" wrap="nowrap" align="flex-start" mb={overridden ? 4 : 0}>
          {/* Overridden, the option's own inputs carry its name. */}
          {overridden ? (
            <div />
          ) : (
            <div>
              <Text fw={600} size="sm">
                {OPTION_LABELS[name]}
              </Text>
              <Text size="sm" c="dimmed">
                Inherited: <strong>{describeOption(name, value)}</strong> — {from}
                {set.effectiveFrom ? `, as of ${formatPlainDate(set.effectiveFrom)}` : ''}
              </Text>
            </div>
          )}
          <Switch
            label="Override"
            aria-label={`Override ${OPTION_LABELS[name].toLowerCase()}`}
            checked={overridden}
            onChange={(event) => {
              const on = event.currentTarget.checked;
              // Start an override from the inherited value, so changing one rate doesn't retype the rest.
              if (on) {
                const seeded = optionsToDraft({ [name]: value });
                setValue(`${p}.${name}`, seeded[name as keyof typeof seeded]);
              }
              setValue(`${base}.overridden.${name}`, on);
            }}
          />
        </Group>
        {overridden ? editor : null}
      </Paper>
    );
  };

  const money = (path: string, label: string, suffix?: string, description?: string, required = false) => (
    <TextInput
      label={label}
      description={description}
      required={required}
      inputMode="decimal"
      leftSection={currencySymbol()}
      rightSection={suffix}
      rightSectionWidth={suffix ? 48 : undefined}
      placeholder="0.00"
      maw={280}
      {...input(path)}
    />
  );

  const ratesEditor = (
    path: string,
    legend: string,
    rates: SetDraft['options']['nonProRataRates'],
    help?: string,
  ) => (
    <Fieldset legend={legend} variant="unstyled" styles={LEGEND_STYLES}>
      <Stack gap="xs">
        {help ? (
          <Text size="xs" c="dimmed">
            {help}
          </Text>
        ) : null}
        {rates.length === 0 ? (
          <Text size="sm" c="dimmed">
            None.
          </Text>
        ) : null}
        {rates.map((rate, i) => (
          <Group key={rate.key} align="flex-end" gap="sm" wrap="nowrap">
            <NumberInput
              label="Minutes"
              min={1}
              max={1440}
              allowDecimal={false}
              allowNegative={false}
              w={120}
              {...input(`${path}.${i}.minutes`)}
            />
            <TextInput
              label="Amount"
              inputMode="decimal"
              leftSection={currencySymbol()}
              placeholder="0.00"
              w={160}
              {...input(`${path}.${i}.amount`)}
            />
            <Button
              variant="subtle"
              color="red"
              c="red.9"
              aria-label={`Remove ${legend.toLowerCase()} ${i + 1}`}
              onClick={() => form.removeListItem(path as never, i)}
            >
              Remove
            </Button>
          </Group>
        ))}
        <Group>
          <Button
            size="xs"
            variant="default"
            onClick={() => form.insertListItem(path as never, newRate() as never)}
            aria-label={`Add ${legend.toLowerCase().replace(/s$/, '')}`}
          >
            Add rate
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );

  const o = set.options;
  return (
    <Stack gap="md" data-testid={`option-set-${index}`}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <LocalDateInput
          label="Effective from"
          required
          description={
            index === 0 ? 'The first option set also applies before this date' : 'Applies from this day on'
          }
          w={340}
          {...input(`${base}.effectiveFrom`)}
        />
        {onRemove ? (
          <Button variant="outline" color="red.9" onClick={onRemove}>
            Remove option set
          </Button>
        ) : null}
      </Group>

      <Title order={3} size="h5">
        Rates
      </Title>
      {option(
        'hourlyRate',
        money(
          `${p}.hourlyRate`,
          OPTION_LABELS.hourlyRate,
          '/h',
          mode === 'assignment' ? undefined : OPTION_HELP.hourlyRate,
          mode === 'assignment',
        ),
      )}
      {option(
        'nonProRataRates',
        ratesEditor(
          `${p}.nonProRataRates`,
          'Non-pro-rata rates',
          o.nonProRataRates,
          mode === 'assignment' ? undefined : OPTION_HELP.nonProRataRates,
        ),
      )}
      {mode === 'carer'
        ? money(`${p}.mileageRate`, OPTION_LABELS.mileageRate, undefined, OPTION_HELP.mileageRate)
        : null}

      <Title order={3} size="h5">
        Unsociable hours
      </Title>
      {option(
        'unsociableRanges',
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {OPTION_HELP.unsociableRanges} Times are the client's local time; a range may cross midnight.
          </Text>
          {o.unsociableRanges.length === 0 ? (
            <Text size="sm" c="dimmed">
              No unsociable ranges: the hourly rate applies at all times.
            </Text>
          ) : null}
          {o.unsociableRanges.map((range, r) => {
            const rp = `${p}.unsociableRanges.${r}`;
            return (
              <Paper key={range.key} withBorder radius="md" p="sm" bg="gray.0" data-testid={`range-${r}`}>
                <Fieldset legend={`Unsociable range ${r + 1}`} variant="unstyled" styles={LEGEND_STYLES}>
                  <Grid>
                    <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
                      <Select
                        label="Applies on"
                        data={KIND_OPTIONS}
                        allowDeselect={false}
                        {...input(`${rp}.when.kind`)}
                        onChange={(value) => {
                          setValue(`${rp}.when.kind`, value ?? 'weekday');
                          if (value !== 'dayOfWeek') setValue(`${rp}.when.day`, null);
                          else if (!range.when.day) setValue(`${rp}.when.day`, 'sat');
                        }}
                      />
                    </Grid.Col>
                    {range.when.kind === 'dayOfWeek' ? (
                      <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                        <Select
                          label="Day"
                          data={DAY_OPTIONS}
                          allowDeselect={false}
                          {...input(`${rp}.when.day`)}
                        />
                      </Grid.Col>
                    ) : null}
                    <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
                      <TextInput label="From" placeholder="HH:MM" maxLength={5} {...input(`${rp}.from`)} />
                    </Grid.Col>
                    <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
                      <TextInput
                        label="To"
                        placeholder="HH:MM"
                        maxLength={5}
                        description="24:00 = midnight"
                        {...input(`${rp}.to`)}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                      {money(`${rp}.hourlyRate`, 'Range hourly rate', '/h')}
                    </Grid.Col>
                  </Grid>
                  <Stack gap="xs" mt="xs">
                    {ratesEditor(`${rp}.nonProRataRates`, 'Range non-pro-rata rates', range.nonProRataRates)}
                    <Group justify="flex-end">
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        c="red.9"
                        onClick={() => form.removeListItem(`${p}.unsociableRanges` as never, r)}
                      >
                        Remove range {r + 1}
                      </Button>
                    </Group>
                  </Stack>
                </Fieldset>
              </Paper>
            );
          })}
          <Group>
            <Button
              size="xs"
              variant="default"
              onClick={() => form.insertListItem(`${p}.unsociableRanges` as never, newRange() as never)}
            >
              Add unsociable range
            </Button>
          </Group>
        </Stack>,
      )}
      {option(
        'useFirstRange',
        <Switch
          label={OPTION_LABELS.useFirstRange}
          description={OPTION_HELP.useFirstRange}
          {...input(`${p}.useFirstRange`, { type: 'checkbox' })}
        />,
      )}

      <Title order={3} size="h5">
        Charges and billing
      </Title>
      {option(
        'callOutCharges',
        <Fieldset legend="Call-out charges" variant="unstyled" styles={LEGEND_STYLES}>
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              {OPTION_HELP.callOutCharges}
            </Text>
            {o.callOutCharges.map((charge, c) => (
              <Group key={charge.key} align="flex-end" gap="sm" wrap="nowrap">
                <TextInput label="Name" w={240} {...input(`${p}.callOutCharges.${c}.name`)} />
                <TextInput
                  label="Amount"
                  inputMode="decimal"
                  leftSection={currencySymbol()}
                  placeholder="0.00"
                  w={160}
                  {...input(`${p}.callOutCharges.${c}.amount`)}
                />
                <Button
                  variant="subtle"
                  color="red"
                  c="red.9"
                  aria-label={`Remove call-out charge ${c + 1}`}
                  onClick={() => form.removeListItem(`${p}.callOutCharges` as never, c)}
                >
                  Remove
                </Button>
              </Group>
            ))}
            <Group>
              <Button
                size="xs"
                variant="default"
                onClick={() => form.insertListItem(`${p}.callOutCharges` as never, newCharge() as never)}
              >
                Add call-out charge
              </Button>
            </Group>
          </Stack>
        </Fieldset>,
      )}
      {option(
        'accommodationRates',
        <AccommodationRatesField
          path={`${p}.accommodationRates`}
          rates={o.accommodationRates}
          input={input}
          insert={(draft) => form.insertListItem(`${p}.accommodationRates` as never, draft as never)}
          remove={(index) => form.removeListItem(`${p}.accommodationRates` as never, index)}
        />,
      )}
      {option(
        'billOnActualTimes',
        <Switch
          label={OPTION_LABELS.billOnActualTimes}
          description={OPTION_HELP.billOnActualTimes}
          {...input(`${p}.billOnActualTimes`, { type: 'checkbox' })}
        />,
      )}
      {option(
        'rounding',
        <Group align="flex-end" gap="sm">
          <Select
            label={OPTION_LABELS.rounding}
            description={OPTION_HELP.rounding}
            data={ROUNDING_OPTIONS}
            allowDeselect={false}
            w={260}
            {...input(`${p}.rounding.mode`)}
          />
          <Select
            label="Rounding interval"
            data={ROUNDING_MINUTES}
            allowDeselect={false}
            disabled={o.rounding.mode === 'none'}
            w={160}
            {...input(`${p}.rounding.minutes`)}
          />
        </Group>,
      )}
      {option(
        'chargeMileageToClient',
        <Switch
          label={OPTION_LABELS.chargeMileageToClient}
          description={OPTION_HELP.chargeMileageToClient}
          {...input(`${p}.chargeMileageToClient`, { type: 'checkbox' })}
        />,
      )}
      {option(
        'enableTravelPayments',
        <Switch
          label="Enable travel payments"
          description={OPTION_HELP.enableTravelPayments}
          {...input(`${p}.enableTravelPayments`, { type: 'checkbox' })}
        />,
      )}
      {option(
        'useLocalAuthorityReference',
        <Switch
          label="Use local authority reference"
          description={OPTION_HELP.useLocalAuthorityReference}
          {...input(`${p}.useLocalAuthorityReference`, { type: 'checkbox' })}
        />,
      )}
      {option(
        'terminationRights',
        <Textarea
          label={OPTION_LABELS.terminationRights}
          description={OPTION_HELP.terminationRights}
          autosize
          minRows={2}
          maxRows={8}
          {...input(`${p}.terminationRights`)}
        />,
      )}
      {option(
        'ndisSupportItems',
        <NdisSupportItemsField form={form} path={p} description={OPTION_HELP.ndisSupportItems} />,
      )}
    </Stack>
  );
}
