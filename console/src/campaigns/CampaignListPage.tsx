import { PlusOutlined } from '@ant-design/icons';
import { EmptyListText } from './EmptyListText';
import { Alert, Button, Flex, Input, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LoadMore, useCursorList } from '../components/cursor-list';
import { PageHeader } from '../components/PageHeader';
import type { CampaignStatus } from '../components/StatusTag';
import { formatDateTime } from '../time/time';
import { useTimezone } from '../time/timezone-store';
import { campaignApiPath, type CampaignBase, type CampaignKind } from './campaign-kind';
import { CampaignStatusTag } from './CampaignStatusTag';

const STATUSES: CampaignStatus[] = ['scheduled', 'active', 'ended'];
/** The list's figures move while campaigns run. */
const LIST_REFRESH_MS = 10000;

/**
 * The list page of a campaign kind: status filter, search on the name, newest first, "load more" paging; a row opens
 * the campaign's page, "create" the kind's form.
 */
export function CampaignListPage<T extends CampaignBase>({ kind }: { kind: CampaignKind<T> }) {
  const { t } = useTranslation();
  const zone = useTimezone();
  const navigate = useNavigate();
  const [status, setStatus] = useState<CampaignStatus | undefined>();
  const [q, setQ] = useState('');
  const list = useCursorList<T>(campaignApiPath(kind.path), {
    params: { status, q: q.trim() || undefined },
    refetchInterval: LIST_REFRESH_MS,
  });
  const open = (campaign: T) => void navigate(`/${kind.areaKey}/${encodeURIComponent(campaign.id)}`);

  const columns: TableColumnsType<T> = [
    {
      key: 'name',
      title: t('campaigns:list.name'),
      render: (_, campaign) => (
        <Link to={`/${kind.areaKey}/${encodeURIComponent(campaign.id)}`}>{kind.nameOf(campaign)}</Link>
      ),
    },
    {
      key: 'status',
      title: t('campaigns:list.status'),
      render: (_, campaign) => <CampaignStatusTag campaign={campaign} />,
    },
    ...kind.columns({ t, zone }),
    {
      key: 'createdAt',
      title: t('campaigns:list.createdAt'),
      render: (_, campaign) => formatDateTime(campaign.createdAt, zone),
    },
  ];

  return (
    <>
      <PageHeader
        title={t(kind.titleKey)}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(`/${kind.areaKey}/new`)}>
            {t('campaigns:list.create')}
          </Button>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<CampaignStatus | undefined>
          aria-label={t('campaigns:list.statusFilter')}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          allowClear
          placeholder={t('campaigns:list.allStatuses')}
          options={STATUSES.map((value) => ({ value, label: t(`common:campaignStatus.${value}`) }))}
        />
        <Input.Search
          aria-label={t('campaigns:list.search')}
          placeholder={t('campaigns:list.search')}
          allowClear
          maxLength={200}
          style={{ width: 260 }}
          onSearch={setQ}
        />
      </Flex>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />}
      <Table<T>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <EmptyListText /> }}
        onRow={(campaign) => ({
          // The name is a link (the keyboard's way in); a click elsewhere on the row opens the campaign too.
          onClick: (event) => {
            if (!(event.target as HTMLElement).closest('a')) open(campaign);
          },
          style: { cursor: 'pointer' },
        })}
      />
      <LoadMore list={list} />
    </>
  );
}
