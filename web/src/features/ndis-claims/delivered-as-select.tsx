import { NativeSelect } from '@mantine/core';
import { ProblemAlert } from '../../shared/problem-alert';
import { type DeliveredAs, useRecordDeliveredAs } from './ndis-claims-api';

const OPTIONS: { value: DeliveredAs; label: string }[] = [
  { value: 'face_to_face', label: 'Face-to-face' },
  { value: 'non_face_to_face', label: 'Non-face-to-face (NF2F)' },
  { value: 'ndia_report', label: 'NDIA-requested report (REPW)' },
];

/**
 * How a delivered service was provided, which decides its claim type. The server checks the item's catalogue
 * flag and says why a way is refused; the preview is asked again after each change.
 */
export function DeliveredAsSelect(props: {
  deliveredServiceId: string;
  value: DeliveredAs;
  what: string;
  onChanged: () => void;
}) {
  const record = useRecordDeliveredAs();
  return (
    <>
      <NativeSelect
        size="xs"
        aria-label={`Delivered as: ${props.what}`}
        data={OPTIONS}
        value={props.value}
        disabled={record.isPending}
        onChange={(event) =>
          record.mutate(
            {
              deliveredServiceId: props.deliveredServiceId,
              deliveredAs: event.currentTarget.value as DeliveredAs,
            },
            { onSuccess: props.onChanged },
          )
        }
      />
      {record.isError ? <ProblemAlert error={record.error} title="Not changed" /> : null}
    </>
  );
}
