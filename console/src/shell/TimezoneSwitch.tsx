import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { setTimezone, TIMEZONES, useTimezone } from '../time/timezone-store';

/** The timezone the console shows times in (Asia/Shanghai by default). */
export function TimezoneSwitch() {
  const { t } = useTranslation('common');
  const zone = useTimezone();
  return (
    <Select
      aria-label={t('shell.timezone')}
      value={zone}
      onChange={setTimezone}
      options={TIMEZONES.map((value) => ({ value, label: t(`timezone.${value}`) }))}
      style={{ width: 150 }}
      popupMatchSelectWidth={false}
    />
  );
}
