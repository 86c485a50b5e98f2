import { ValueTransformer } from 'typeorm';

/** Money columns are `bigint` in Postgres and safe integers in JS. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
