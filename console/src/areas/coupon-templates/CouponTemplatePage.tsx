import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { CampaignStats } from '../../campaigns/CampaignStats';
import { CampaignStatusTag } from '../../campaigns/CampaignStatusTag';
import { EndCampaignButton } from '../../campaigns/EndCampaignButton';
import { TimelineChart } from '../../campaigns/TimelineChart';
import { useCampaign } from '../../campaigns/use-campaign';
import { PageHeader } from '../../components/PageHeader';
import { couponTemplateKind, type CouponTemplate } from './coupon-template';
import { CouponCodes } from './CouponCodes';
import { TemplateTerms } from './TemplateTerms';

const STATS = [
  { key: 'claimed', labelKey: 'couponTemplates:stats.claimed' },
  { key: 'used', labelKey: 'couponTemplates:stats.used' },
  { key: 'remaining', labelKey: 'couponTemplates:stats.remaining' },
];

/** One coupon template: live figures, timeline, terms, codes (for a `code` template), edit and end early. */
export function CouponTemplatePage() {
  const { id } = useParams() as { id: string };
  const { t } = useTranslation('couponTemplates');
  const navigate = useNavigate();
  const { data: template, error } = useCampaign<CouponTemplate>('coupon-templates', id);

  if (!template) return error ? <Alert type="error" showIcon title={error.message} /> : <Spin />;
  return (
    <>
      <PageHeader
        title={template.name}
        subtitle={<CampaignStatusTag campaign={template} showEndedAt />}
        extra={
          <>
            <Button
              icon={<EditOutlined />}
              onClick={() => void navigate(`/coupon-templates/${encodeURIComponent(id)}/edit`)}
            >
              {t('common:action.edit')}
            </Button>
            <EndCampaignButton path="coupon-templates" campaign={template} />
          </>
        }
      />
      <Flex vertical gap={16}>
        <CampaignStats stats={template.stats} fields={STATS} />
        <TimelineChart path="coupon-templates" id={id} counters={couponTemplateKind.counters} />
        <Card title={t('terms')}>
          <TemplateTerms template={template} />
        </Card>
        {template.distribution === 'code' && <CouponCodes template={template} />}
      </Flex>
    </>
  );
}
