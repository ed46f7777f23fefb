import { Select } from '@mantine/core';
import { formatPlainDate } from '../../shared/format';
import { useClientContracts } from './contracts-queries';

/** '' stands for "the client's contract in force" (null on the wire). */
export const IN_FORCE = '';

/**
 * The client contract a booking or series is charged on: the client's contracts, with the default (the
 * contract in force on each visit's date) preselected. Hidden when the contracts cannot be read.
 */
export function ContractSelect({
  clientId,
  value,
  onChange,
  error,
}: {
  clientId: string;
  value: string;
  onChange: (value: string) => void;
  error?: React.ReactNode;
}) {
  const contracts = useClientContracts(clientId);
  if (!contracts.data || contracts.data.length === 0) return null;
  const fallback = contracts.data.find((c) => c.isDefault);
  const data = [
    {
      value: IN_FORCE,
      label: fallback ? `Default: ${fallback.name} (or the contract in force)` : 'The contract in force',
    },
    ...contracts.data.map((c) => ({
      value: c.id,
      label: `${c.name} (${formatPlainDate(c.startDate)} – ${c.endDate ? formatPlainDate(c.endDate) : 'open-ended'})`,
    })),
  ];
  return (
    <Select
      label="Charged on contract"
      description="Which of the client's contracts prices these visits"
      data={data}
      value={value}
      onChange={(v) => onChange(v ?? IN_FORCE)}
      allowDeselect={false}
      error={error}
    />
  );
}
