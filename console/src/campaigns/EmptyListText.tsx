import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A table's "nothing yet", in the secondary text colour: antd's own placeholder grey fails AA contrast. */
export function EmptyListText() {
  const { t } = useTranslation('common');
  return <Typography.Text type="secondary">{t('list.empty')}</Typography.Text>;
}
