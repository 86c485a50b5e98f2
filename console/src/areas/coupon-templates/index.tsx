import { TagsOutlined } from '@ant-design/icons';
import type { Area } from '../../area';
import { CouponTemplateFormPage } from './CouponTemplateFormPage';
import { CouponTemplatePage } from './CouponTemplatePage';
import { CouponTemplatesPage } from './CouponTemplatesPage';

export const area: Area = {
  key: 'coupon-templates',
  navLabelKey: 'couponTemplates:nav',
  icon: <TagsOutlined />,
  order: 30,
  roles: ['merchant'],
  routes: [
    { index: true, element: <CouponTemplatesPage /> },
    { path: 'new', element: <CouponTemplateFormPage /> },
    { path: ':id', element: <CouponTemplatePage /> },
    { path: ':id/edit', element: <CouponTemplateFormPage /> },
  ],
};
