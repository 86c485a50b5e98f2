import { useQueries } from '@tanstack/react-query';
import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { displayYuan } from '../../money/money';
import type { OrderItem } from './order-types';

interface Product {
  id: string;
  sku: string;
  name: string;
}

/** An order's lines with their products' names (current names; the line keeps the price it was sold at). */
export function OrderItemsTable({ items }: { items: OrderItem[] }) {
  const { t } = useTranslation('orders');
  const productIds = [...new Set(items.map((item) => item.productId))];
  const products = useQueries({
    queries: productIds.map((id) => ({
      queryKey: ['product', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Product>(`/v1/merchant/products/${id}`, { signal }),
      staleTime: 60_000,
    })),
  });
  const byId = new Map(products.flatMap((query) => (query.data ? [[query.data.id, query.data] as const] : [])));

  const columns: TableColumnsType<OrderItem & { line: number }> = [
    {
      title: t('item.product'),
      dataIndex: 'productId',
      render: (id: string) => {
        const product = byId.get(id);
        return product ? (
          <>
            {product.name} <Typography.Text type="secondary">({product.sku})</Typography.Text>
          </>
        ) : (
          <Typography.Text code>{id}</Typography.Text>
        );
      },
    },
    { title: t('item.quantity'), dataIndex: 'quantity', align: 'right' },
    { title: t('item.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: displayYuan },
    {
      title: t('item.lineTotal'),
      key: 'lineTotal',
      align: 'right',
      render: (_value, item) => displayYuan(item.unitPriceFen * item.quantity),
    },
  ];

  return (
    <Table
      rowKey="line"
      columns={columns}
      dataSource={items.map((item, line) => ({ ...item, line }))}
      pagination={false}
      scroll={{ x: 'max-content' }}
      size="small"
    />
  );
}
