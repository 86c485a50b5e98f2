import { Input, type InputProps } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { formatFen, parseYuan } from './money';

/** What the control holds: integer fen, undefined when empty, NaN while the text is not an amount. */
export type FenValue = number | undefined;

interface YuanInputProps extends Omit<InputProps, 'value' | 'onChange'> {
  value?: FenValue;
  onChange?: (fen: FenValue) => void;
}

/** A form control in yuan whose value is integer fen (Form.Item name="priceFen"); pair it with yuanRule. */
export function YuanInput({ value, onChange, ...rest }: YuanInputProps) {
  const [text, setText] = useState(() => (value === undefined || Number.isNaN(value) ? '' : formatFen(value)));
  // A value set from outside (form.setFieldsValue, initialValues) replaces the text unless the text already says it.
  const shown = textMatches(text, value) ? text : value === undefined || Number.isNaN(value) ? '' : formatFen(value);
  return (
    <Input
      inputMode="decimal"
      prefix="¥"
      autoComplete="off"
      {...rest}
      value={shown}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        onChange?.(next.trim() === '' ? undefined : (parseYuan(next) ?? Number.NaN));
      }}
    />
  );
}

function textMatches(text: string, value: FenValue): boolean {
  if (value === undefined) return text.trim() === '';
  if (Number.isNaN(value)) return parseYuan(text) === null;
  return parseYuan(text) === value;
}

/** Refuses text that is not yuan with at most two decimals (the control then holds NaN). */
export const yuanRule = (t: TFunction): Rule => ({
  validator: (_rule, value: FenValue) =>
    value !== undefined && Number.isNaN(value)
      ? Promise.reject(new Error(t('common:money.invalid')))
      : Promise.resolve(),
});
