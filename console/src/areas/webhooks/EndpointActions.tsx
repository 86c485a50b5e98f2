import { useQueryClient } from '@tanstack/react-query';
import { App, Flex, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { ConfirmAction } from '../../components/ConfirmAction';
import { EditEndpointButton } from './EditEndpointButton';
import { RotateSecretButton } from './RotateSecretButton';
import { ENDPOINTS_PATH, type WebhookEndpoint } from './webhook-types';

interface EndpointActionsProps {
  endpoint: WebhookEndpoint;
  /** After the endpoint is gone (the endpoint page leaves). */
  onDeleted?: () => void;
}

/** Enable/disable, edit, rotate the secret, delete (confirmed). */
export function EndpointActions({ endpoint, onDeleted }: EndpointActionsProps) {
  const { t } = useTranslation('webhooks');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [switching, setSwitching] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['list', ENDPOINTS_PATH] });

  const setEnabled = async (enabled: boolean) => {
    setSwitching(true);
    try {
      await api.patch(`${ENDPOINTS_PATH}/${endpoint.id}`, { status: enabled ? 'enabled' : 'disabled' });
      await refresh();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : t('common:error.unexpected'));
    } finally {
      setSwitching(false);
    }
  };

  const remove = async () => {
    await api.delete(`${ENDPOINTS_PATH}/${endpoint.id}`);
    onDeleted?.();
    await refresh();
  };

  return (
    <Flex gap={8} align="center" wrap>
      <Switch
        checked={endpoint.status === 'enabled'}
        loading={switching}
        onChange={(checked) => void setEnabled(checked)}
        aria-label={t('endpoint.enabledFor', { url: endpoint.url })}
      />
      <EditEndpointButton endpoint={endpoint} />
      <RotateSecretButton endpoint={endpoint} />
      <ConfirmAction
        danger
        label={t('delete.action')}
        title={t('delete.title')}
        description={t('delete.description', { url: endpoint.url })}
        onConfirm={remove}
        buttonProps={{ 'aria-label': t('delete.actionFor', { url: endpoint.url }) }}
      />
    </Flex>
  );
}
