import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { useTimezone } from '../../time/timezone-store';
import { dayRangeParams, type DayRange } from './date-range';
import { downloadOrdersCsv } from './download-csv';

interface ExportCsvButtonProps {
  /** The list's creation filter, proposed as the export's range. */
  initialRange?: DayRange | null;
}

/** Exports the orders created in a range of days (the merchant's timezone) as orders.csv. */
export function ExportCsvButton({ initialRange }: ExportCsvButtonProps) {
  const { t } = useTranslation('orders');
  const { message } = App.useApp();
  const zone = useTimezone();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ range: DayRange }>();

  const lastThirtyDays = (): DayRange => {
    const today = dayjs(dayjs().tz(zone).format('YYYY-MM-DD'));
    return [today.subtract(29, 'day'), today];
  };

  const submit = async ({ range }: { range: DayRange }) => {
    setBusy(true);
    try {
      await downloadOrdersCsv(dayRangeParams(range, zone));
      setOpen(false);
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : t('common:error.unreachable'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => setOpen(true)}>
        {t('export.open')}
      </Button>
      <Modal
        open={open}
        title={t('export.title')}
        okText={t('export.download')}
        cancelText={t('common:action.cancel')}
        okButtonProps={{ loading: busy, htmlType: 'submit', form: 'orderExport' }}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('export.hint', { zone })}</Typography.Paragraph>
        <Form
          form={form}
          id="orderExport"
          name="orderExport"
          layout="vertical"
          initialValues={{ range: initialRange ?? lastThirtyDays() }}
          onFinish={(values) => void submit(values)}
        >
          <Form.Item
            name="range"
            label={t('export.range')}
            rules={[{ required: true, message: t('export.rangeRequired') }]}
          >
            <DatePicker.RangePicker placeholder={[t('filter.firstDay'), t('filter.lastDay')]} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
