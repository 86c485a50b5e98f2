import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { CampaignStatus } from '../components/StatusTag';

/** The API's campaign kinds: /v1/merchant/<path>. */
export type CampaignPath = 'coupon-templates' | 'flash-sales' | 'group-buys' | 'lucky-draws' | 'rebate-rules';

/** What every merchant view of a campaign carries (docs/merchants.md, "Status"). */
export interface CampaignBase {
  id: string;
  status: CampaignStatus;
  endedAt: string | null;
  createdAt: string;
}

/** One counter of a kind's timeline buckets (`purchases`, `paid`, `claims`, ...) and its label's i18n key. */
export interface TimelineCounter {
  key: string;
  /** With its namespace: 'flashSales:timeline.purchases'. */
  labelKey: string;
}

/**
 * How the shared campaign pieces (list page, timeline, end button) deal with one kind. The kind's area is
 * src/areas/<areaKey>/ with routes `{index}` (the list), `new`, `:id` (the campaign page) and `:id/edit`.
 */
export interface CampaignKind<T extends CampaignBase> {
  path: CampaignPath;
  /** The console area that shows this kind: /console/<areaKey>. */
  areaKey: string;
  /** i18n key of the list page's title, with its namespace: 'flashSales:title'. */
  titleKey: string;
  /** What names one campaign in a list row or a page title (its name, or its product's for a flash sale). */
  nameOf: (campaign: T) => string;
  /** The kind's own list columns, shown after name and status (terms, window, stats). */
  columns: (context: { t: TFunction; zone: string }) => TableColumnsType<T>;
  /** The counters of the kind's timeline buckets, in the order the chart shows them. */
  counters: TimelineCounter[];
}

/** The merchant API path of a campaign kind, or of one campaign of it. */
export const campaignApiPath = (path: CampaignPath, id?: string): string =>
  id === undefined ? `/v1/merchant/${path}` : `/v1/merchant/${path}/${encodeURIComponent(id)}`;
