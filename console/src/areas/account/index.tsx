import { SettingOutlined } from '@ant-design/icons';
import type { Area } from '../../area';
import { AccountPage } from './AccountPage';

export const area: Area = {
  key: 'account',
  navLabelKey: 'account:nav',
  icon: <SettingOutlined />,
  order: 90,
  roles: ['merchant'],
  routes: [{ index: true, element: <AccountPage /> }],
};
