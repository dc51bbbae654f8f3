import type { SurveyFormResultsView } from '@ganxun/domain';
import { Alert, Card, Empty, Flex, List, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { labelOf, percent } from './labels';

type Results = SurveyFormResultsView['results'];

/** A rating's 1–5 distribution as horizontal bars. */
function Distribution({ counts }: { counts: number[] }) {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  return (
    <Flex vertical gap={2}>
      {[...counts.keys()].reverse().map((i) => (
        <Flex key={i} gap={8} align="center">
          <Typography.Text type="secondary" style={{ width: 24 }}>
            {i + 1}
          </Typography.Text>
          <Progress
            percent={Math.round(((counts[i] ?? 0) / total) * 100)}
            format={() => String(counts[i] ?? 0)}
            size="small"
            style={{ flex: 1, margin: 0 }}
          />
        </Flex>
      ))}
    </Flex>
  );
}

/** The results of a form per question, or the note that they are hidden below the threshold. */
export function ResultsView({ results }: { results: Results }) {
  const { t, i18n } = useTranslation();
  if (results.hidden) {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="survey-results-hidden"
        title={t('surveys.results.hidden', { n: results.needed, count: results.responses })}
      />
    );
  }
  return (
    <Flex vertical gap={12} data-testid="survey-results-view">
      <Typography.Text type="secondary">
        {t('surveys.results.responses', { n: results.responses })}
      </Typography.Text>
      {results.questions.map((q) => (
        <Card key={q.id} size="small" title={labelOf(q.label, i18n.language)}>
          {q.kind === 'rating' ? (
            <Flex vertical gap={8}>
              <Flex gap={16} wrap>
                <Typography.Text strong>{t('surveys.results.mean', { mean: q.mean ?? '—' })}</Typography.Text>
                <Typography.Text>
                  {t('surveys.results.satisfied', { p: percent(q.satisfiedShare) })}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('surveys.results.answers', { n: q.answers })}
                </Typography.Text>
              </Flex>
              <Distribution counts={q.distribution} />
            </Flex>
          ) : q.kind === 'choice' ? (
            <Flex vertical gap={4}>
              {q.options.map((o) => (
                <Flex key={o.id} gap={8} align="center">
                  <Typography.Text style={{ minWidth: 96 }}>
                    {labelOf(o.label, i18n.language)}
                  </Typography.Text>
                  <Progress
                    percent={q.answers ? Math.round((o.count / q.answers) * 100) : 0}
                    format={() => String(o.count)}
                    size="small"
                    style={{ flex: 1, margin: 0 }}
                  />
                </Flex>
              ))}
            </Flex>
          ) : q.texts.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('surveys.results.noTexts')} />
          ) : (
            <List
              size="small"
              dataSource={q.texts}
              renderItem={(text, i) => (
                <List.Item key={i} style={{ whiteSpace: 'pre-wrap' }}>
                  {text}
                </List.Item>
              )}
            />
          )}
        </Card>
      ))}
    </Flex>
  );
}
