import { AppstoreOutlined } from '@ant-design/icons';
import type { Area } from '../../area';
import { ProductFormPage } from './ProductFormPage';
import { ProductsPage } from './ProductsPage';

export const area: Area = {
  key: 'products',
  navLabelKey: 'products:nav',
  icon: <AppstoreOutlined />,
  order: 20,
  roles: ['merchant'],
  routes: [
    { index: true, element: <ProductsPage /> },
    { path: 'new', element: <ProductFormPage /> },
    { path: ':id', element: <ProductFormPage /> },
  ],
};
