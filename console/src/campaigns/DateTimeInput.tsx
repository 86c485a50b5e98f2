import { DatePicker } from 'antd';
import { toPickerValue, toUtcIso } from '../time/time';
import { useTimezone } from '../time/timezone-store';

interface DateTimeInputProps {
  /** The API's UTC ISO instant (undefined when empty). */
  value?: string;
  onChange?: (iso: string | undefined) => void;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
}

/**
 * A form control whose value is the UTC ISO instant the API takes, picked as a wall-clock time in the merchant's
 * timezone (Form.Item name="startsAt" gives the field straight to the request body).
 */
export function DateTimeInput({ value, onChange, ...rest }: DateTimeInputProps) {
  const zone = useTimezone();
  return (
    <DatePicker
      {...rest}
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      style={{ width: '100%', maxWidth: 260 }}
      value={value ? toPickerValue(value, zone) : null}
      onChange={(picked) => onChange?.(picked ? toUtcIso(picked.second(0).millisecond(0), zone) : undefined)}
    />
  );
}
