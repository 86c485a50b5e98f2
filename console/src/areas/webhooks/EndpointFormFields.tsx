import { Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EndpointFormValues } from './endpoint-form';
import { EVENT_TYPES, eventTypeKey } from './webhook-types';

/** The fields of the endpoint create and edit forms; inside a Form of EndpointFormValues. */
export function EndpointFormFields() {
  const { t } = useTranslation('webhooks');
  const scope = Form.useWatch<EndpointFormValues['scope']>('scope');
  return (
    <>
      <Form.Item
        name="url"
        label={t('form.url')}
        extra={t('form.urlHint')}
        rules={[{ required: true, whitespace: true, message: t('form.urlRequired') }]}
      >
        <Input inputMode="url" autoComplete="off" placeholder="https://erp.example.com/engage-webhooks" />
      </Form.Item>
      <Form.Item name="scope" label={t('form.events')}>
        <Radio.Group
          options={[
            { value: 'all', label: t('form.allEvents') },
            { value: 'chosen', label: t('form.chosenEvents') },
          ]}
        />
      </Form.Item>
      {scope === 'chosen' && (
        <Form.Item
          name="events"
          label={t('form.eventTypes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('form.eventsRequired') }]}
        >
          <Select
            mode="multiple"
            allowClear
            options={EVENT_TYPES.map((type) => ({ value: type, label: `${type} · ${t(eventTypeKey(type))}` }))}
          />
        </Form.Item>
      )}
      <Form.Item name="description" label={t('form.description')}>
        <Input maxLength={200} showCount />
      </Form.Item>
    </>
  );
}
