export type ProductStatus = 'active' | 'archived';

/** A product as GET /v1/merchant/products answers it. */
export interface Product {
  id: string;
  sku: string;
  name: string;
  priceFen: number;
  status: ProductStatus;
  createdAt: string;
}

export const PRODUCT_STATUSES: ProductStatus[] = ['active', 'archived'];
export const PRODUCTS_PATH = '/v1/merchant/products';
