import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { applyFieldErrors } from '../../api/field-errors';
import { changesOf, toFormValues, type EndpointFormValues } from './endpoint-form';
import { EndpointFormFields } from './EndpointFormFields';
import { ENDPOINTS_PATH, type WebhookEndpoint } from './webhook-types';

/** Changes an endpoint's URL, events or description (only what the form changed is sent). */
export function EditEndpointButton({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation('webhooks');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EndpointFormValues>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const formId = `editEndpoint-${endpoint.id}`;

  const close = () => {
    setOpen(false);
    setProblem(null);
  };

  const submit = async (values: EndpointFormValues) => {
    const changes = changesOf(endpoint, values);
    if (Object.keys(changes).length === 0) return close();
    setBusy(true);
    setProblem(null);
    try {
      await api.patch(`${ENDPOINTS_PATH}/${endpoint.id}`, changes);
      await queryClient.invalidateQueries({ queryKey: ['list', ENDPOINTS_PATH] });
      close();
    } catch (error) {
      if (!applyFieldErrors(form, error)) {
        setProblem(error instanceof ApiError ? error.message : t('common:error.unexpected'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)} aria-label={t('edit.openFor', { url: endpoint.url })}>
        {t('common:action.edit')}
      </Button>
      <Modal
        open={open}
        title={t('edit.title')}
        onCancel={close}
        destroyOnHidden
        footer={
          <>
            <Button onClick={close}>{t('common:action.cancel')}</Button>
            <Button type="primary" htmlType="submit" form={formId} loading={busy}>
              {t('common:action.save')}
            </Button>
          </>
        }
      >
        <Form
          form={form}
          id={formId}
          name={formId}
          layout="vertical"
          requiredMark={false}
          initialValues={toFormValues(endpoint)}
          onFinish={(values) => void submit(values)}
        >
          <EndpointFormFields />
          {problem && <Alert type="error" showIcon title={problem} />}
        </Form>
      </Modal>
    </>
  );
}
