/** Surveys: zh-CN, the reference key set. */
export const surveysZhCN = {
  title: '评估',
  placeholder: '建设中',
};
export type SurveysMessages = typeof surveysZhCN;
