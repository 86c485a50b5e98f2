import { DatePicker, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DayRange } from './date-range';
import { ORDER_KINDS, ORDER_STATUSES, type OrderKind, type OrderStatus } from './order-types';

export interface OrderFilterValues {
  status?: OrderStatus;
  kind?: OrderKind;
  /** Days of creation, in the merchant's timezone. */
  created?: DayRange | null;
}

interface OrderFiltersProps {
  onChange: (values: OrderFilterValues) => void;
}

/** Status, kind and creation days; every change applies at once (the list starts over). */
export function OrderFilters({ onChange }: OrderFiltersProps) {
  const { t } = useTranslation('orders');
  const [form] = Form.useForm<OrderFilterValues>();
  return (
    <Form
      form={form}
      name="orderFilters"
      layout="inline"
      onValuesChange={(_changed, values) => onChange(values)}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="status" label={t('filter.status')}>
        <Select
          allowClear
          style={{ width: 150 }}
          options={ORDER_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        />
      </Form.Item>
      <Form.Item name="kind" label={t('filter.kind')}>
        <Select
          allowClear
          style={{ width: 150 }}
          options={ORDER_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
        />
      </Form.Item>
      <Form.Item name="created" label={t('filter.created')}>
        <DatePicker.RangePicker allowEmpty={[false, false]} placeholder={[t('filter.firstDay'), t('filter.lastDay')]} />
      </Form.Item>
    </Form>
  );
}
