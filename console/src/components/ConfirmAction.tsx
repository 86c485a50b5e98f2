import { App, Button, Modal, type ButtonProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';

interface ConfirmActionProps {
  /** The button's text, also the dialog's confirm button. */
  label: string;
  title: string;
  description?: ReactNode;
  /** Runs on confirm; the dialog stays open with a spinner until it settles, and shows a refusal's message. */
  onConfirm: () => Promise<unknown>;
  danger?: boolean;
  buttonProps?: Omit<ButtonProps, 'onClick' | 'danger'>;
}

/** A button that asks first (a modal dialog: Esc cancels, focus starts on Cancel, Enter confirms from OK). */
export function ConfirmAction({ label, title, description, onConfirm, danger, buttonProps }: ConfirmActionProps) {
  const { t } = useTranslation('common');
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      setOpen(false);
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : t('error.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button danger={danger} {...buttonProps} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={title}
        okText={label}
        cancelText={t('action.cancel')}
        okButtonProps={{ danger, loading: busy }}
        onOk={() => void confirm()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {description}
      </Modal>
    </>
  );
}
