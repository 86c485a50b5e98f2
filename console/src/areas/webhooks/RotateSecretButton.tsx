import { Alert, Button, Flex, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ConfirmAction } from '../../components/ConfirmAction';
import { CopyableSecret } from '../../components/CopyableSecret';
import { ENDPOINTS_PATH, type WebhookEndpoint } from './webhook-types';

/** Makes a new signing secret (after a confirmation) and shows it once; the old one signs beside it for 24 h. */
export function RotateSecretButton({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation('webhooks');
  const [secret, setSecret] = useState<string | null>(null);

  const rotate = async () => {
    const rotated = await api.post<{ secret: string }>(`${ENDPOINTS_PATH}/${endpoint.id}/rotate-secret`);
    setSecret(rotated.secret);
  };

  return (
    <>
      <ConfirmAction
        label={t('rotate.action')}
        title={t('rotate.title')}
        description={t('rotate.description', { url: endpoint.url })}
        onConfirm={rotate}
        buttonProps={{ 'aria-label': t('rotate.actionFor', { url: endpoint.url }) }}
      />
      <Modal
        open={secret !== null}
        title={t('rotate.doneTitle')}
        onCancel={() => setSecret(null)}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            {t('secret.done')}
          </Button>
        }
      >
        {secret && (
          <Flex vertical gap={12}>
            <Alert type="info" showIcon title={t('rotate.bothSign')} />
            <CopyableSecret label={t('secret.label')} secret={secret} />
          </Flex>
        )}
      </Modal>
    </>
  );
}
