import { PlusOutlined } from '@ant-design/icons';
import { EmptyListText } from '../../campaigns/EmptyListText';
import { GREEN_TAG_TEXT } from '../../campaigns/green-tag';
import { Alert, Button, Flex, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LoadMore, useCursorList } from '../../components/cursor-list';
import { PageHeader } from '../../components/PageHeader';
import { displayYuan } from '../../money/money';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import { PRODUCT_STATUSES, PRODUCTS_PATH, type Product, type ProductStatus } from './product';

/** The catalogue: status filter, search on name or sku, newest first; a name opens the product's form. */
export function ProductsPage() {
  const { t } = useTranslation('products');
  const zone = useTimezone();
  const navigate = useNavigate();
  const [status, setStatus] = useState<ProductStatus | undefined>();
  const [q, setQ] = useState('');
  const list = useCursorList<Product>(PRODUCTS_PATH, { params: { status, q: q.trim() || undefined } });

  const columns: TableColumnsType<Product> = [
    {
      key: 'name',
      title: t('field.name'),
      render: (_, product) => <Link to={`/products/${encodeURIComponent(product.id)}`}>{product.name}</Link>,
    },
    { key: 'sku', dataIndex: 'sku', title: t('field.sku') },
    { key: 'price', title: t('field.price'), align: 'right', render: (_, product) => displayYuan(product.priceFen) },
    {
      key: 'status',
      title: t('field.status'),
      render: (_, product) => (
        <Tag
          color={product.status === 'active' ? 'green' : 'default'}
          style={product.status === 'active' ? GREEN_TAG_TEXT : undefined}
        >
          {t(`status.${product.status}`)}
        </Tag>
      ),
    },
    { key: 'createdAt', title: t('field.createdAt'), render: (_, product) => formatDateTime(product.createdAt, zone) },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/products/new')}>
            {t('create')}
          </Button>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<ProductStatus | undefined>
          aria-label={t('statusFilter')}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          allowClear
          placeholder={t('allStatuses')}
          options={PRODUCT_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
        />
        <Input.Search
          aria-label={t('search')}
          placeholder={t('search')}
          allowClear
          maxLength={200}
          style={{ width: 260 }}
          onSearch={setQ}
        />
      </Flex>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />}
      <Table<Product>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <EmptyListText /> }}
      />
      <LoadMore list={list} />
    </>
  );
}
