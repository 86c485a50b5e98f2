import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useCampaignFormError } from '../../campaigns/campaign-form-error';
import { PageHeader } from '../../components/PageHeader';
import { YuanInput, yuanRule } from '../../money/YuanInput';
import { PRODUCT_STATUSES, PRODUCTS_PATH, type Product, type ProductStatus } from './product';

interface ProductValues {
  sku?: string;
  name: string;
  priceFen: number;
  status?: ProductStatus;
}

/** Create a product (sku, name, price), or edit one (name, price, status; the sku never changes). */
export function ProductFormPage() {
  const { id } = useParams();
  const { t } = useTranslation('products');
  const product = useQuery({
    queryKey: ['product', id],
    queryFn: ({ signal }) => api.get<Product>(`${PRODUCTS_PATH}/${encodeURIComponent(id!)}`, { signal }),
    enabled: id !== undefined,
  });
  const title = id ? t('editTitle') : t('createTitle');
  if (id && !product.data) {
    return (
      <>
        <PageHeader title={title} />
        {product.error ? <Alert type="error" showIcon title={product.error.message} /> : <Spin />}
      </>
    );
  }
  return <ProductForm key={product.data?.id ?? 'new'} title={title} product={product.data} />;
}

function ProductForm({ title, product }: { title: string; product?: Product }) {
  const { t } = useTranslation('products');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProductValues>();
  const refusal = useCampaignFormError(form, { SKU_TAKEN: 'sku' });

  const submit = async (values: ProductValues) => {
    refusal.clear();
    try {
      if (product) {
        const { name, priceFen, status } = values;
        await api.patch(`${PRODUCTS_PATH}/${encodeURIComponent(product.id)}`, { name, priceFen, status });
      } else {
        await api.post(PRODUCTS_PATH, { sku: values.sku, name: values.name, priceFen: values.priceFen });
      }
      await queryClient.invalidateQueries({ queryKey: ['list', PRODUCTS_PATH] });
      await queryClient.invalidateQueries({ queryKey: ['product'] });
      void message.success(t('saved'));
      void navigate('/products');
    } catch (error) {
      refusal.handle(error);
    }
  };

  return (
    <>
      <PageHeader title={title} />
      <Card style={{ maxWidth: 640 }}>
        {refusal.alert}
        <Form<ProductValues>
          form={form}
          layout="vertical"
          initialValues={product ?? { status: 'active' }}
          onFinish={(values) => submit(values)}
        >
          <Form.Item
            name="sku"
            label={t('field.sku')}
            extra={product ? t('skuFixed') : t('skuHint')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input disabled={product !== undefined} maxLength={64} autoComplete="off" />
          </Form.Item>
          <Form.Item name="name" label={t('field.name')} rules={[{ required: true, message: t('required') }]}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="priceFen"
            label={t('field.price')}
            rules={[{ required: true, message: t('required') }, yuanRule(t)]}
          >
            <YuanInput style={{ maxWidth: 240 }} />
          </Form.Item>
          {product && (
            <Form.Item name="status" label={t('field.status')} extra={t('archivedHint')}>
              <Select
                style={{ maxWidth: 240 }}
                options={PRODUCT_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
              />
            </Form.Item>
          )}
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common:action.save')}
            </Button>
            <Button onClick={() => void navigate('/products')}>{t('common:action.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
