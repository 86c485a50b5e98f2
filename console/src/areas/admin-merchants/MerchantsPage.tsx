import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore, useCursorList } from '../../components/cursor-list';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import { CreateMerchantDialog } from './CreateMerchantDialog';
import { MERCHANTS_PATH, type Merchant } from './merchant';

/** The platform admin's merchants, newest first, and creating one. */
export function MerchantsPage() {
  const { t } = useTranslation('merchants');
  const zone = useTimezone();
  const list = useCursorList<Merchant>(MERCHANTS_PATH);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('create.open')}
          </Button>
        }
      />
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />}
      <Table<Merchant>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('common:list.empty') }}
        columns={[
          { title: t('column.name'), dataIndex: 'name' },
          { title: t('column.id'), dataIndex: 'id' },
          { title: t('column.createdAt'), dataIndex: 'createdAt', render: (iso: string) => formatDateTime(iso, zone) },
        ]}
      />
      <LoadMore list={list} />
      <CreateMerchantDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
