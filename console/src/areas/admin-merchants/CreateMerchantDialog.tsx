import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError } from '../../api/api-error';
import { applyFieldErrors } from '../../api/field-errors';
import { CopyableSecret } from '../../components/CopyableSecret';
import { MERCHANTS_PATH, type CreatedMerchant } from './merchant';

/** Create a merchant; its API key is then shown once, with copy, until the dialog closes. */
export function CreateMerchantDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('merchants');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [created, setCreated] = useState<CreatedMerchant | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async ({ name }: { name: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      setCreated(await api.post<CreatedMerchant>(MERCHANTS_PATH, { name: name.trim() }));
      await queryClient.invalidateQueries({ queryKey: ['list', MERCHANTS_PATH] });
    } catch (error) {
      if (!applyFieldErrors(form, error))
        setFailure(error instanceof ApiError ? error.message : t('common:error.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setCreated(null);
    setFailure(null);
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={created ? t('created.title', { name: created.name }) : t('create.title')}
      onCancel={close}
      destroyOnHidden
      footer={
        created ? (
          <Button type="primary" onClick={close}>
            {t('created.done')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('common:action.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()}>
              {t('common:action.create')}
            </Button>
          </>
        )
      }
    >
      {created ? (
        <CopyableSecret label={t('created.key')} secret={created.apiKey} />
      ) : (
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
          {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
          <Form.Item
            name="name"
            label={t('create.name')}
            rules={[
              { required: true, whitespace: true, message: t('create.nameRequired') },
              { max: 200, message: t('create.nameTooLong') },
            ]}
          >
            <Input autoFocus maxLength={200} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
