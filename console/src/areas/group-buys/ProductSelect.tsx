import { useQueries } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCursorList } from '../../components/cursor-list';
import { displayYuan } from '../../money/money';

interface Product {
  id: string;
  sku: string;
  name: string;
  priceFen: number;
}

type ProductSelectProps = Omit<SelectProps<string | string[]>, 'options' | 'showSearch' | 'filterOption'>;

const labelOf = (product: Product) => `${product.name} (${product.sku}, ${displayYuan(product.priceFen)})`;

/**
 * The merchant's active products, searched on the server by name or sku; one (value: id) or, with
 * mode="multiple", several. Chosen products outside the page loaded are read by id so they keep their names.
 */
export function ProductSelect(props: ProductSelectProps) {
  const { t } = useTranslation('common');
  const [q, setQ] = useState('');
  const list = useCursorList<Product>('/v1/merchant/products', { params: { status: 'active', q }, limit: 50 });
  const chosen = props.value === undefined || props.value === null ? [] : [props.value].flat();
  const missing = chosen.filter((id) => !list.items.some((product) => product.id === id));
  const extra = useQueries({
    queries: missing.map((id) => ({
      queryKey: ['product', id],
      queryFn: () => api.get<Product>(`/v1/merchant/products/${id}`),
      staleTime: 60_000,
    })),
  });
  const products = [...list.items, ...extra.flatMap((query) => (query.data ? [query.data] : []))];

  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: (text) => setQ(text.trim()) }}
      loading={list.loading}
      notFoundContent={list.loading ? undefined : t('list.empty')}
      options={products.map((product) => ({ value: product.id, label: labelOf(product) }))}
    />
  );
}
