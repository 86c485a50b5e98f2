import { useQueries } from '@tanstack/react-query';
import { Flex, Tag } from 'antd';
import { api } from '../../api/client';

/** The names of the products a rule covers, read by id (a rule names at most 200). */
export function ProductNames({ ids }: { ids: string[] }) {
  const products = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['product', id],
      queryFn: () => api.get<{ id: string; name: string; sku: string }>(`/v1/merchant/products/${id}`),
      staleTime: 60_000,
    })),
  });
  return (
    <Flex wrap gap={4}>
      {ids.map((id, index) => (
        <Tag key={id}>{products[index].data ? `${products[index].data.name} (${products[index].data.sku})` : id}</Tag>
      ))}
    </Flex>
  );
}
