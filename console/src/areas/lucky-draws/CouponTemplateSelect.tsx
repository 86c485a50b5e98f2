import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCursorList } from '../../components/cursor-list';

interface CouponTemplate {
  id: string;
  name: string;
  distribution: 'public' | 'code' | 'prize';
}

const TEMPLATES_PATH = '/v1/merchant/coupon-templates';

/**
 * The merchant's prize-distribution coupon templates (the only ones a draw can give), searched by name on the
 * server; the chosen one is read by id when the page loaded lacks it, so it keeps its name.
 */
export function CouponTemplateSelect(props: Omit<SelectProps<string>, 'options' | 'showSearch'>) {
  const { t } = useTranslation('luckyDraws');
  const [q, setQ] = useState('');
  const list = useCursorList<CouponTemplate>(TEMPLATES_PATH, { params: { q }, limit: 100 });
  const chosen = props.value;
  const missing = chosen !== undefined && chosen !== null && !list.items.some((item) => item.id === chosen);
  const extra = useQuery({
    queryKey: ['coupon-template-name', chosen],
    queryFn: () => api.get<CouponTemplate>(`${TEMPLATES_PATH}/${encodeURIComponent(chosen!)}`),
    enabled: missing,
    staleTime: 60_000,
  });
  const templates = [...list.items, ...(missing && extra.data ? [extra.data] : [])];
  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: (text) => setQ(text.trim()) }}
      loading={list.loading}
      notFoundContent={list.loading ? undefined : t('prize.noPrizeTemplates')}
      options={templates
        .filter((template) => template.distribution === 'prize')
        .map((template) => ({ value: template.id, label: template.name }))}
    />
  );
}
