import { ShopOutlined } from '@ant-design/icons';
import type { Area } from '../../area';
import { MerchantsPage } from './MerchantsPage';

export const area: Area = {
  key: 'merchants',
  navLabelKey: 'merchants:nav',
  icon: <ShopOutlined />,
  order: 100,
  roles: ['admin'],
  routes: [{ index: true, element: <MerchantsPage /> }],
};
