import { isValidUscc, normalizeMobile, parseIdNumber, text } from '@ganxun/domain';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { zodRule } from '../../components/zod-rule';

/**
 * Form rules for a person, built on the same pure rules the server's contract uses
 * (`checkPerson` in @ganxun/domain): the ID number's format and check digit, and the birth date and
 * gender it encodes. Messages come from the directory's own message table.
 */
export function personRules(t: TFunction, form: FormInstance, idRequired: boolean) {
  const required = { required: true, message: t('validation.required') };
  const idInfo = () => {
    const raw = form.getFieldValue('idNumber') as string | undefined;
    if (!raw?.trim()) return null;
    const parsed = parseIdNumber(raw);
    return parsed.ok ? parsed.info : null;
  };
  return {
    name: [{ ...required, whitespace: true }, zodRule(text(50), t)] as Rule[],
    idNumber: [
      ...(idRequired ? [required] : []),
      {
        validator: async (_: unknown, value: string | undefined) => {
          if (!value?.trim()) return;
          const parsed = parseIdNumber(value);
          if (!parsed.ok) throw new Error(t(`directory.validation.${parsed.problem}`));
        },
      },
    ] as Rule[],
    birthDate: [
      required,
      {
        validator: async (_: unknown, value: string | undefined) => {
          const info = idInfo();
          if (value && info && info.birthDate !== value)
            throw new Error(t('directory.validation.birth_date_mismatch'));
        },
      },
    ] as Rule[],
    gender: [
      required,
      {
        validator: async (_: unknown, value: string | undefined) => {
          const info = idInfo();
          if (value && info && info.gender !== value)
            throw new Error(t('directory.validation.gender_mismatch'));
        },
      },
    ] as Rule[],
    mobile: [
      {
        validator: async (_: unknown, value: string | undefined) => {
          if (value?.trim() && !normalizeMobile(value))
            throw new Error(t('directory.validation.mobile_format'));
        },
      },
    ] as Rule[],
    post: [zodRule(text(100), t)] as Rule[],
    required: [required] as Rule[],
    specialty: [{ required: true, message: t('directory.validation.specialty_required') }] as Rule[],
  };
}

/** Rule for an optional unified social credit code (GB 32100 check character). */
export function usccRule(t: TFunction): Rule {
  return {
    validator: async (_: unknown, value: string | undefined) => {
      if (value?.trim() && !isValidUscc(value)) throw new Error(t('directory.validation.uscc_format'));
    },
  };
}
