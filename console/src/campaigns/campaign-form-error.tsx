import { Alert, type FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { applyFieldErrors, toNamePath } from '../api/field-errors';

/**
 * What a campaign form does with a refused submit: VALIDATION_FAILED problems at their fields; CAMPAIGN_LOCKED marks
 * each field `details.fields` names and says why above the form; CAMPAIGN_STOCK_BELOW_TAKEN says how much is taken,
 * at the stock field; a code `atField` maps (SKU_TAKEN -> 'sku') at that field with the server's message; anything
 * else (a product not found, no network) above the form.
 */
export function useCampaignFormError(form: FormInstance, atField: Record<string, string> = {}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);

  const setAt = (field: string, error: string): boolean => {
    const name = toNamePath(field);
    const known = form.getFieldsError().some((entry) => JSON.stringify(entry.name) === JSON.stringify(name));
    if (known) form.setFields([{ name, errors: [error] }]);
    return known;
  };

  const handle = (error: unknown): void => {
    if (!(error instanceof ApiError)) return setProblem(t('common:error.unexpected'));
    if (error.code === 'VALIDATION_FAILED') {
      return setProblem(applyFieldErrors(form, error) ? null : error.message);
    }
    const details = (error.details ?? {}) as { fields?: unknown; field?: unknown; taken?: unknown };
    if (error.code === 'CAMPAIGN_LOCKED') {
      const fields = Array.isArray(details.fields) ? details.fields.filter((f) => typeof f === 'string') : [];
      for (const field of fields) setAt(field, t('campaigns:lock.fieldLocked'));
      return setProblem(t('campaigns:lock.refused', { fields: fields.join(', ') }));
    }
    if (error.code === 'CAMPAIGN_STOCK_BELOW_TAKEN' && typeof details.field === 'string') {
      const text = t('campaigns:lock.stockBelowTaken', { taken: Number(details.taken) });
      return setProblem(setAt(details.field, text) ? null : text);
    }
    const field = atField[error.code];
    if (field && setAt(field, error.message)) return setProblem(null);
    setProblem(error.code === 'NETWORK_ERROR' ? t('common:error.unreachable') : error.message);
  };

  return {
    /** Call before a submit: the last refusal no longer applies. */
    clear: () => setProblem(null),
    handle,
    /** The refusal that has no field of its own, as an Alert (or nothing). */
    alert: problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />,
  };
}
