import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { AdminGuard } from './admin.guard';
import { MerchantGuard } from './merchant.guard';
import { OptionalShopperGuard } from './optional-shopper.guard';
import { ShopperGuard } from './shopper.guard';

/** Platform calls: `Authorization: Bearer <ADMIN_TOKEN>`. */
export const AdminAuth = () => applyDecorators(UseGuards(AdminGuard), ApiBearerAuth('admin'));
/** Merchant calls: `Authorization: Bearer <merchant apiKey>`. */
export const MerchantAuth = () => applyDecorators(UseGuards(MerchantGuard), ApiBearerAuth('merchant'));
/** Shopper calls: `Authorization: Bearer <token from wechat-login>`. */
export const ShopperAuth = () => applyDecorators(UseGuards(ShopperGuard), ApiBearerAuth('shopper'));
/** Shopper calls that also work without a token (the caller is then null: `OptionalShopper()`). */
export const OptionalShopperAuth = () => applyDecorators(UseGuards(OptionalShopperGuard), ApiBearerAuth('shopper'));
