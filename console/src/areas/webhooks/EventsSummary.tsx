import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ALL_EVENTS, eventTypeKey } from './webhook-types';

/** What an endpoint subscribes to: "all events" or its types. */
export function EventsSummary({ events }: { events: string[] }) {
  const { t } = useTranslation('webhooks');
  if (events.includes(ALL_EVENTS)) return <Tag>{t('form.allEvents')}</Tag>;
  return (
    <Flex wrap gap={4}>
      {events.map((type) => (
        <Tag key={type} title={t(eventTypeKey(type))}>
          {type}
        </Tag>
      ))}
    </Flex>
  );
}
