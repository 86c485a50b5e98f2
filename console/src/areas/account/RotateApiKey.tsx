import { Alert, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ConfirmAction } from '../../components/ConfirmAction';
import { CopyableSecret } from '../../components/CopyableSecret';
import { session } from '../../session/session-store';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';

interface Rotated {
  apiKey: string;
  previousKeyExpiresAt: string;
}

/**
 * Rotates the merchant's API key (after a confirmation) and shows the new one once. The console's own session
 * moves to the new key at once: the old one stops at previousKeyExpiresAt, and only the current key may rotate.
 */
export function RotateApiKey() {
  const { t } = useTranslation('account');
  const zone = useTimezone();
  const [rotated, setRotated] = useState<Rotated | null>(null);

  const rotate = async () => {
    const answer = await api.post<Rotated>('/v1/merchant/api-keys/rotate');
    const current = session.current();
    if (current) session.signIn({ ...current, token: answer.apiKey });
    setRotated(answer);
  };

  return (
    <Flex vertical gap={16} align="start">
      <Typography.Paragraph style={{ margin: 0 }}>{t('apiKey.explain')}</Typography.Paragraph>
      <ConfirmAction
        danger
        label={t('apiKey.rotate')}
        title={t('apiKey.confirmTitle')}
        description={t('apiKey.confirmDescription')}
        onConfirm={rotate}
      />
      {rotated && (
        <Flex vertical gap={12} style={{ width: '100%' }} data-testid="rotated-key">
          <CopyableSecret label={t('apiKey.newKey')} secret={rotated.apiKey} />
          <Alert
            type="info"
            showIcon
            title={t('apiKey.previousExpires', { at: formatDateTime(rotated.previousKeyExpiresAt, zone) })}
            description={t('apiKey.sessionSwitched')}
          />
        </Flex>
      )}
    </Flex>
  );
}
