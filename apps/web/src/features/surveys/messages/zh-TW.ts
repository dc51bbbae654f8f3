import type { SurveysMessages } from './zh-CN';

/** Surveys: zh-TW. */
export const surveysZhTW: SurveysMessages = {
  title: '評估',
  placeholder: '建設中',
};
