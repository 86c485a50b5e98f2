import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { applyFieldErrors } from '../../api/field-errors';
import { CopyableSecret } from '../../components/CopyableSecret';
import { toEndpointBody, type EndpointFormValues } from './endpoint-form';
import { EndpointFormFields } from './EndpointFormFields';
import { ENDPOINTS_PATH } from './webhook-types';

/** Registers an endpoint; its signing secret is shown once, in the same dialog, right after. */
export function CreateEndpointButton() {
  const { t } = useTranslation('webhooks');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EndpointFormValues>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const close = () => {
    setOpen(false);
    setSecret(null);
    setProblem(null);
  };

  const submit = async (values: EndpointFormValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const created = await api.post<{ secret: string }>(ENDPOINTS_PATH, toEndpointBody(values));
      setSecret(created.secret);
      await queryClient.invalidateQueries({ queryKey: ['list', ENDPOINTS_PATH] });
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
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        {t('create.open')}
      </Button>
      <Modal
        open={open}
        title={secret ? t('create.createdTitle') : t('create.title')}
        onCancel={close}
        destroyOnHidden
        footer={
          secret ? (
            <Button type="primary" onClick={close}>
              {t('secret.done')}
            </Button>
          ) : (
            <>
              <Button onClick={close}>{t('common:action.cancel')}</Button>
              <Button type="primary" htmlType="submit" form="createEndpoint" loading={busy}>
                {t('common:action.create')}
              </Button>
            </>
          )
        }
      >
        {secret ? (
          <CopyableSecret label={t('secret.label')} secret={secret} />
        ) : (
          <Form
            form={form}
            id="createEndpoint"
            name="createEndpoint"
            layout="vertical"
            requiredMark={false}
            initialValues={{ scope: 'all', events: [] }}
            onFinish={(values) => void submit(values)}
          >
            <EndpointFormFields />
            {problem && <Alert type="error" showIcon title={problem} />}
          </Form>
        )}
      </Modal>
    </>
  );
}
