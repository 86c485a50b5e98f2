import { Alert, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface CopyableSecretProps {
  /** What the secret is ("API key", "Signing secret"). */
  label: string;
  secret: string;
}

/** A secret the service shows only once (an API key, a webhook secret): copy button and a warning to keep it now. */
export function CopyableSecret({ label, secret }: CopyableSecretProps) {
  const { t } = useTranslation('common');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="warning" showIcon title={t('secret.shownOnce', { label })} />
      <Typography.Text strong>{label}</Typography.Text>
      <Typography.Paragraph
        code
        copyable={{ text: secret, tooltips: [t('secret.copy'), t('secret.copied')] }}
        style={{ wordBreak: 'break-all' }}
        data-testid="copyable-secret"
      >
        {secret}
      </Typography.Paragraph>
    </Space>
  );
}
