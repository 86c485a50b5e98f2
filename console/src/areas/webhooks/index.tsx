import { ApiOutlined } from '@ant-design/icons';
import type { Area } from '../../area';
import { EndpointPage } from './EndpointPage';
import { WebhooksPage } from './WebhooksPage';

export const area: Area = {
  key: 'webhooks',
  navLabelKey: 'webhooks:nav',
  icon: <ApiOutlined />,
  order: 80,
  roles: ['merchant'],
  routes: [
    { index: true, element: <WebhooksPage /> },
    { path: ':id', element: <EndpointPage /> },
  ],
};
