import { Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCursorList } from '../../components/cursor-list';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import { CreateEndpointButton } from './CreateEndpointButton';
import { EndpointActions } from './EndpointActions';
import { EventsSummary } from './EventsSummary';
import { EndpointStatusTag } from './status-tags';
import { ENDPOINTS_PATH, type WebhookEndpoint } from './webhook-types';

/** The merchant's webhook endpoints: register, enable/disable, edit, rotate the secret, delete, open the log. */
export function WebhooksPage() {
  const { t } = useTranslation('webhooks');
  const zone = useTimezone();
  const list = useCursorList<WebhookEndpoint>(ENDPOINTS_PATH);

  const columns: TableColumnsType<WebhookEndpoint> = [
    {
      title: t('endpoint.url'),
      dataIndex: 'url',
      render: (url: string, endpoint) => (
        <Link to={endpoint.id} aria-label={t('endpoint.openLog', { url })}>
          {url}
        </Link>
      ),
    },
    {
      title: t('endpoint.events'),
      dataIndex: 'events',
      render: (events: string[]) => <EventsSummary events={events} />,
    },
    {
      title: t('endpoint.description'),
      dataIndex: 'description',
      render: (text: string | null) => <Typography.Text type="secondary">{text}</Typography.Text>,
    },
    {
      title: t('endpoint.status'),
      dataIndex: 'status',
      render: (status: WebhookEndpoint['status']) => <EndpointStatusTag status={status} />,
    },
    { title: t('endpoint.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, zone) },
    {
      title: t('endpoint.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_value, endpoint) => <EndpointActions endpoint={endpoint} />,
    },
  ];

  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} extra={<CreateEndpointButton />} />
      <CursorTable list={list} columns={columns} emptyText={t('endpoint.none')} testId="endpoints-table" />
    </>
  );
}
