import { useState } from 'react';
import { patchBody } from '../api/patch-body';

interface CampaignSubmitOptions<Campaign, Values, Body extends object> {
  /** The campaign being edited; absent: a new one. */
  edited?: Campaign;
  valuesOf: (campaign: Campaign) => Values;
  bodyOf: (values: Values) => Body;
  onSubmit: (body: Partial<Body>) => Promise<unknown>;
  /** Where a refusal goes: cleared before each submit, handed the error when one comes. */
  errors: { clear: () => void; handle: (error: unknown) => void };
}

/**
 * A campaign form's submit: every field for a new campaign, only those changed for an edit (possibly none), so an
 * edit never touches a field it did not mean to; `busy` while the request is out.
 */
export function useCampaignSubmit<Campaign, Values, Body extends object>({
  edited,
  valuesOf,
  bodyOf,
  onSubmit,
  errors,
}: CampaignSubmitOptions<Campaign, Values, Body>) {
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    errors.clear();
    setBusy(true);
    try {
      const body = bodyOf(values);
      await onSubmit(edited === undefined ? body : patchBody(body, bodyOf(valuesOf(edited))));
    } catch (error) {
      errors.handle(error);
    } finally {
      setBusy(false);
    }
  };

  return { busy, submit };
}
