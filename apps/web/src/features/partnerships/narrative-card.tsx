import { CopyOutlined } from '@ant-design/icons';
import type { NarrativeScript } from '@ganxun/domain';
import { App, Button, Card, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { errorText } from '../../components/errors';
import { useNarrative } from './api';

/** Copies text, falling back to a hidden text area where the clipboard API is unavailable. */
async function copyText(value: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(value);
    return;
  }
  const area = document.createElement('textarea');
  area.value = value;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy failed');
}

/**
 * The report sentences of a pairing (written by the server from the figures), in Simplified or
 * Traditional script — the names come in their own form (江干區), never converted character by
 * character — with a button that copies them for a report.
 */
export function NarrativeCard({ partnershipId }: { partnershipId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [script, setScript] = useState<NarrativeScript>(currentLanguage() === 'zh-TW' ? 'zh-TW' : 'zh-CN');
  const narrative = useNarrative(partnershipId, script);
  const sentences = narrative.data?.sentences ?? [];
  const body = sentences.join('');

  const copy = async () => {
    try {
      await copyText(body);
      void message.success(t('partnerships.narrative.copied'));
    } catch {
      void message.error(t('partnerships.narrative.copyFailed'));
    }
  };

  return (
    <Card
      size="small"
      title={t('partnerships.narrative.title')}
      extra={
        <Flex gap={8} align="center">
          <Segmented<NarrativeScript>
            size="small"
            value={script}
            onChange={setScript}
            options={[
              { value: 'zh-CN', label: t('partnerships.narrative.zhCN') },
              { value: 'zh-TW', label: t('partnerships.narrative.zhTW') },
            ]}
            data-testid="partnership-narrative-script"
          />
          <Button
            size="small"
            icon={<CopyOutlined />}
            onClick={copy}
            disabled={!body}
            data-testid="partnership-narrative-copy"
          >
            {t('partnerships.narrative.copy')}
          </Button>
        </Flex>
      }
    >
      {narrative.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : narrative.isError ? (
        <Typography.Text type="danger">{errorText(narrative.error, t)}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph
            style={{ fontSize: 15, lineHeight: 1.9, marginBottom: 8 }}
            lang={script}
            data-testid="partnership-narrative"
          >
            {body || <Typography.Text type="secondary">{t('partnerships.narrative.empty')}</Typography.Text>}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('partnerships.narrative.hint')}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
