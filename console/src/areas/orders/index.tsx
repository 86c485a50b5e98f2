import { ProfileOutlined } from '@ant-design/icons';
import type { Area } from '../../area';
import { OrderPage } from './OrderPage';
import { OrdersPage } from './OrdersPage';

export const area: Area = {
  key: 'orders',
  navLabelKey: 'orders:nav',
  icon: <ProfileOutlined />,
  order: 70,
  roles: ['merchant'],
  routes: [
    { index: true, element: <OrdersPage /> },
    { path: ':id', element: <OrderPage /> },
  ],
};
