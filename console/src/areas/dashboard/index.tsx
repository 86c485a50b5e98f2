import { DashboardOutlined } from '@ant-design/icons';
import type { Area } from '../../area';
import { DashboardPage } from './DashboardPage';

export const area: Area = {
  key: 'dashboard',
  navLabelKey: 'dashboard:nav',
  icon: <DashboardOutlined />,
  order: 10,
  roles: ['merchant'],
  routes: [{ index: true, element: <DashboardPage /> }],
};
