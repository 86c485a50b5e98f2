import { useQueryClient } from '@tanstack/react-query';
import { EmptyListText } from '../../campaigns/EmptyListText';
import { GREEN_TAG_TEXT } from '../../campaigns/green-tag';
import { Alert, App, Button, Card, Flex, Form, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { campaignApiPath } from '../../campaigns/campaign-kind';
import { LoadMore, useCursorList } from '../../components/cursor-list';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import type { CouponTemplate } from './coupon-template';

type CodeStatus = 'unused' | 'redeemed';

interface ListedCode {
  /** null for codes made before codes were kept sealed (docs/coupons.md). */
  code: string | null;
  status: CodeStatus;
  couponId: string | null;
  redeemedAt: string | null;
}

const CODE_STATUSES: CodeStatus[] = ['unused', 'redeemed'];

/** A `code` template's codes, filtered by status, and a form making more (shown in full once made). */
export function CouponCodes({ template }: { template: CouponTemplate }) {
  const { t } = useTranslation('couponTemplates');
  const zone = useTimezone();
  const [status, setStatus] = useState<CodeStatus | undefined>();
  const path = `${campaignApiPath('coupon-templates', template.id)}/codes`;
  const list = useCursorList<ListedCode>(path, { params: { status }, refetchInterval: 10000 });

  return (
    <Card title={t('codes.title')} extra={template.status !== 'ended' && <GenerateCodes path={path} />}>
      <Select<CodeStatus | undefined>
        aria-label={t('codes.statusFilter')}
        placeholder={t('codes.allStatuses')}
        allowClear
        value={status}
        onChange={setStatus}
        style={{ width: 180, marginBottom: 16 }}
        options={CODE_STATUSES.map((value) => ({ value, label: t(`codes.status.${value}`) }))}
      />
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />}
      <Table<ListedCode>
        rowKey={(code, index) => code.code ?? `${code.couponId ?? 'unused'}-${index}`}
        dataSource={list.items}
        loading={list.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <EmptyListText /> }}
        columns={[
          {
            key: 'code',
            title: t('codes.code'),
            render: (_, code) =>
              code.code === null ? (
                <Typography.Text type="secondary">{t('codes.sealed')}</Typography.Text>
              ) : (
                <Typography.Text code copyable={{ tooltips: [t('common:secret.copy'), t('common:secret.copied')] }}>
                  {code.code}
                </Typography.Text>
              ),
          },
          {
            key: 'status',
            title: t('codes.statusLabel'),
            render: (_, code) => (
              <Tag
                color={code.status === 'redeemed' ? 'green' : 'default'}
                style={code.status === 'redeemed' ? GREEN_TAG_TEXT : undefined}
              >
                {t(`codes.status.${code.status}`)}
              </Tag>
            ),
          },
          {
            key: 'redeemedAt',
            title: t('codes.redeemedAt'),
            render: (_, code) => formatDateTime(code.redeemedAt, zone),
          },
        ]}
      />
      <LoadMore list={list} />
    </Card>
  );
}

function GenerateCodes({ path }: { path: string }) {
  const { t } = useTranslation('couponTemplates');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ count: number }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<string[] | null>(null);

  const generate = async ({ count }: { count: number }) => {
    setBusy(true);
    try {
      const { codes } = await api.post<{ codes: string[] }>(path, { count });
      setMade(codes);
      await queryClient.invalidateQueries({ queryKey: ['list', path] });
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : t('common:error.unexpected'));
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setOpen(false);
    setMade(null);
    form.resetFields();
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('codes.generate')}</Button>
      <Modal
        open={open}
        title={t('codes.generate')}
        onCancel={close}
        destroyOnHidden
        footer={
          made ? (
            <Button type="primary" onClick={close}>
              {t('codes.done')}
            </Button>
          ) : (
            <Flex justify="end" gap={8}>
              <Button onClick={close}>{t('common:action.cancel')}</Button>
              <Button type="primary" loading={busy} onClick={() => form.submit()}>
                {t('codes.generate')}
              </Button>
            </Flex>
          )
        }
      >
        {made ? (
          <Typography.Paragraph
            code
            copyable={{ text: made.join('\n'), tooltips: [t('common:secret.copy'), t('common:secret.copied')] }}
            style={{ whiteSpace: 'pre-wrap', maxHeight: 320, overflow: 'auto' }}
          >
            {made.join('\n')}
          </Typography.Paragraph>
        ) : (
          <Form form={form} layout="vertical" initialValues={{ count: 10 }} onFinish={(values) => generate(values)}>
            <Form.Item name="count" label={t('codes.count')} rules={[{ required: true, message: t('required') }]}>
              <InputNumber min={1} max={10000} precision={0} style={{ width: 200 }} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
