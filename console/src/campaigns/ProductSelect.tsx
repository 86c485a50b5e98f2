import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCursorList } from '../components/cursor-list';

interface ProductOption {
  id: string;
  sku: string;
  name: string;
}

interface ProductSelectProps {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  id?: string;
  multiple?: boolean;
  disabled?: boolean;
  /** Products to name even when the search does not list them (the campaign's own, perhaps archived since). */
  known?: { id: string; name: string }[];
}

/** A form control choosing one (or, `multiple`, several) of the merchant's products on sale, searched on the server. */
export function ProductSelect({ value, onChange, multiple, known = [], ...rest }: ProductSelectProps) {
  const { t } = useTranslation('campaigns');
  const [q, setQ] = useState('');
  const list = useCursorList<ProductOption>('/v1/merchant/products', {
    params: { status: 'active', q: q.trim() || undefined },
    limit: 100,
  });
  const options = list.items.map((product) => ({ value: product.id, label: `${product.name} (${product.sku})` }));
  for (const product of known) {
    if (!options.some((option) => option.value === product.id))
      options.push({ value: product.id, label: product.name });
  }
  return (
    <Select
      {...rest}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined}
      onChange={(next: string | string[] | undefined) => onChange?.(next)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={list.loading}
      placeholder={t('product.placeholder')}
      notFoundContent={t('product.none')}
      options={options}
      style={{ width: '100%', maxWidth: 480 }}
    />
  );
}
