import { Alert, Breadcrumb, Card, Descriptions, Flex, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import { DeliveriesTable } from './DeliveriesTable';
import { EndpointActions } from './EndpointActions';
import { EventsSummary } from './EventsSummary';
import { EndpointStatusTag } from './status-tags';
import { useEndpoint } from './use-endpoint';

/** One endpoint: what it receives, its actions and its delivery log. */
export function EndpointPage() {
  const { t } = useTranslation('webhooks');
  const zone = useTimezone();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const endpoint = useEndpoint(id);

  const back = <Breadcrumb items={[{ title: <Link to="..">{t('title')}</Link> }, { title: t('log.title') }]} />;
  if (endpoint.isPending) return <Skeleton active />;
  if (endpoint.error) {
    const gone = endpoint.error instanceof ApiError && endpoint.error.code === 'NOT_FOUND';
    return (
      <>
        {back}
        <Alert
          type="error"
          showIcon
          title={gone ? t('log.notFound') : endpoint.error.message}
          style={{ marginTop: 16 }}
        />
      </>
    );
  }

  const data = endpoint.data;
  return (
    <>
      {back}
      <PageHeader
        title={t('log.title')}
        subtitle={data.url}
        extra={<EndpointActions endpoint={data} onDeleted={() => void navigate('..', { relative: 'path' })} />}
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'url', label: t('endpoint.url'), children: data.url },
              { key: 'status', label: t('endpoint.status'), children: <EndpointStatusTag status={data.status} /> },
              { key: 'events', label: t('endpoint.events'), children: <EventsSummary events={data.events} /> },
              { key: 'description', label: t('endpoint.description'), children: data.description },
              { key: 'created', label: t('endpoint.createdAt'), children: formatDateTime(data.createdAt, zone) },
            ]}
          />
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('log.deliveries')}</h2>}>
          <DeliveriesTable endpointId={data.id} />
        </Card>
      </Flex>
    </>
  );
}
