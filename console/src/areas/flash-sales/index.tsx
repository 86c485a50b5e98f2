import { ThunderboltOutlined } from '@ant-design/icons';
import type { Area } from '../../area';
import { FlashSaleFormPage } from './FlashSaleFormPage';
import { FlashSalePage } from './FlashSalePage';
import { FlashSalesPage } from './FlashSalesPage';

export const area: Area = {
  key: 'flash-sales',
  navLabelKey: 'flashSales:nav',
  icon: <ThunderboltOutlined />,
  order: 40,
  roles: ['merchant'],
  routes: [
    { index: true, element: <FlashSalesPage /> },
    { path: 'new', element: <FlashSaleFormPage /> },
    { path: ':id', element: <FlashSalePage /> },
    { path: ':id/edit', element: <FlashSaleFormPage /> },
  ],
};
