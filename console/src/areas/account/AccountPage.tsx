import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import { RotateApiKey } from './RotateApiKey';

interface Merchant {
  id: string;
  name: string;
  createdAt: string;
}

/** Who the signed-in merchant is, and the rotation of its API key. */
export function AccountPage() {
  const { t } = useTranslation('account');
  const zone = useTimezone();
  const me = useQuery({
    queryKey: ['merchant', 'me'],
    queryFn: ({ signal }) => api.get<Merchant>('/v1/merchant/me', { signal }),
  });

  return (
    <>
      <PageHeader title={t('title')} />
      <Flex vertical gap={16}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('merchant.title')}</h2>}>
          {me.isPending ? (
            <Skeleton active />
          ) : me.error ? (
            <Alert type="error" showIcon title={me.error.message} />
          ) : (
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'name', label: t('merchant.name'), children: me.data.name },
                {
                  key: 'id',
                  label: t('merchant.id'),
                  children: (
                    <Typography.Text code copyable={{ tooltips: [t('common:secret.copy'), t('common:secret.copied')] }}>
                      {me.data.id}
                    </Typography.Text>
                  ),
                },
                { key: 'created', label: t('merchant.createdAt'), children: formatDateTime(me.data.createdAt, zone) },
              ]}
            />
          )}
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('apiKey.title')}</h2>}>
          <RotateApiKey />
        </Card>
      </Flex>
    </>
  );
}
