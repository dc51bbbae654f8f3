import type { SurveysMessages } from './zh-CN';

/** Surveys: en. */
export const surveysEn: SurveysMessages = {
  title: 'Evaluation',
  placeholder: 'Being built',
};
