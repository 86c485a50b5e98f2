import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { applyFieldErrors } from '../../api/field-errors';
import { displayYuan } from '../../money/money';
import { YuanInput, yuanRule, type FenValue } from '../../money/YuanInput';
import { ORDERS_PATH } from './order-types';

interface RefundValues {
  amountFen: FenValue;
  reason: string;
}

interface RefundFormProps {
  orderId: string;
  /** What may still be refunded, as the order page last read it (the service decides). */
  refundableFen: number;
}

/** Asks for a refund of part or all of what is still refundable; the service's refusals show at their field. */
export function RefundForm({ orderId, refundableFen }: RefundFormProps) {
  const { t } = useTranslation('orders');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RefundValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async ({ amountFen, reason }: RefundValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await api.post(`${ORDERS_PATH}/${orderId}/refunds`, { amountFen, reason: reason.trim() });
      form.resetFields();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'REFUND_EXCEEDS_PAID') {
        const rest = (error.details as { refundableFen?: unknown } | null)?.refundableFen;
        const limit = typeof rest === 'number' ? rest : refundableFen;
        form.setFields([{ name: 'amountFen', errors: [t('refund.exceeds', { refundable: displayYuan(limit) })] }]);
      } else if (!applyFieldErrors(form, error)) {
        setProblem(error instanceof ApiError ? error.message : t('common:error.unexpected'));
      }
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: ['order', orderId] });
      await queryClient.invalidateQueries({ queryKey: ['list', ORDERS_PATH] });
    }
  };

  return (
    <Form
      form={form}
      name="refund"
      layout="vertical"
      onFinish={(values) => void submit(values)}
      requiredMark={false}
      style={{ maxWidth: 480 }}
    >
      <Form.Item
        name="amountFen"
        label={t('refund.amount')}
        extra={t('refund.refundable', { refundable: displayYuan(refundableFen) })}
        rules={[{ required: true, message: t('refund.amountRequired') }, yuanRule(t)]}
      >
        <YuanInput />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('refund.reason')}
        rules={[{ required: true, whitespace: true, message: t('refund.reasonRequired') }]}
      >
        <Input maxLength={80} showCount />
      </Form.Item>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('refund.submit')}
      </Button>
    </Form>
  );
}
