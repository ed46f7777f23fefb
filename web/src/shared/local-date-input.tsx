import { DateInput, type DateInputProps } from '@mantine/dates';
import { Temporal } from 'temporal-polyfill';
import { datePattern, monthFirst } from './org-formats';

/**
 * Day/month/year as Australians and Britons write it (month/day/year in an en-US organisation); ISO
 * (YYYY-MM-DD) is accepted too, as pasted from elsewhere.
 */
export function parseLocalDate(text: string, usOrder = monthFirst()): string | null {
  const trimmed = text.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const parts = dmy
    ? usOrder
      ? [dmy[3], dmy[1], dmy[2]]
      : [dmy[3], dmy[2], dmy[1]]
    : ymd
      ? [ymd[1], ymd[2], ymd[3]]
      : null;
  if (!parts) return null;
  try {
    return Temporal.PlainDate.from(
      { year: Number(parts[0]), month: Number(parts[1]), day: Number(parts[2]) },
      { overflow: 'reject' },
    ).toString();
  } catch {
    return null;
  }
}

type Props = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  /** 'YYYY-MM-DD', or '' for none: the same string the API takes. */
  value?: string;
  onChange: (value: string) => void;
};

/**
 * A date field that shows and takes dates as the organisation writes them (dd/mm/yyyy; mm/dd/yyyy in an en-US
 * organisation) whatever the browser's own language (a native `type="date"` follows the browser, which often
 * says mm/dd/yyyy), with a calendar that starts on Monday. Use it for every date a person enters.
 */
export function LocalDateInput({ value, onChange, ...props }: Props) {
  const pattern = datePattern();
  return (
    <DateInput
      placeholder={pattern.toLowerCase()}
      {...props}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
      valueFormat={pattern}
      dateParser={(text) => parseLocalDate(text)}
      clearable={!props.required}
      fixOnBlur
      popoverProps={{ withinPortal: true }}
      clearButtonProps={{ 'aria-label': 'Clear the date' }}
      // Mantine's grey days of other months and red weekends fail colour contrast: leave them plain.
      hideOutsideDates
      weekendDays={[]}
      ariaLabels={{
        previousMonth: 'Previous month',
        nextMonth: 'Next month',
        previousYear: 'Previous year',
        nextYear: 'Next year',
        previousDecade: 'Previous decade',
        nextDecade: 'Next decade',
        monthLevelControl: 'Choose the month',
        yearLevelControl: 'Choose the year',
      }}
    />
  );
}
