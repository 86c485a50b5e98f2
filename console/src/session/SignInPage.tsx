import { Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { ApiError } from '../api/api-error';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { identify } from './sign-in';
import { session } from './session-store';
import { useSession } from './use-session';

/** Sign-in with a merchant API key or the operator's ADMIN_TOKEN. */
export function SignInPage() {
  const { t } = useTranslation('common');
  const current = useSession();
  const [form] = Form.useForm<{ key: string }>();
  const [busy, setBusy] = useState(false);

  if (current) return <Navigate to="/" replace />;

  const submit = async ({ key }: { key: string }) => {
    setBusy(true);
    try {
      session.signIn(await identify(key.trim(), t('signIn.adminName')));
    } catch (error) {
      const refused = error instanceof ApiError && (error.status === 401 || error.status === 403);
      form.setFields([{ name: 'key', errors: [refused ? t('signIn.refused') : t('error.unreachable')] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16 }}>
      <main style={{ width: '100%', maxWidth: 420 }}>
        <Card>
          <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
            <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
              {t('signIn.title')}
            </Typography.Title>
            <LanguageSwitch />
          </Flex>
          <Typography.Paragraph type="secondary">{t('signIn.hint')}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
            <Form.Item
              name="key"
              label={t('signIn.key')}
              rules={[{ required: true, whitespace: true, message: t('signIn.keyRequired') }]}
            >
              <Input.Password autoComplete="off" autoFocus />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} block>
              {t('signIn.submit')}
            </Button>
          </Form>
        </Card>
      </main>
    </Flex>
  );
}
