import { DownloadOutlined } from '@ant-design/icons';
import type { ExportKind } from '@ganxun/domain';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useNotifyError } from '../../components/errors';
import { downloadExport, EXPORTS_KEY, fetchExport, isPending, requestExport } from './api';

/** How long the button waits for a quick export before leaving it to the background. */
const WAIT_MS = 3000;
const POLL_MS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ExportButtonProps {
  kind: ExportKind;
  /** The kind's parameters (a report definition, a records query, an annual report's query). */
  params: Record<string, unknown>;
  label?: string;
  /** Go to the background at once (known to be large), without waiting for a quick result. */
  background?: boolean;
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
  disabled?: boolean;
}

/**
 * Asks for an export (POST /exports) and follows it: a file ready within ~3 s is downloaded at
 * once; otherwise the user is told it goes on in the background, with a link to /exports.
 */
export function ExportButton({ kind, params, label, background, type, size, disabled }: ExportButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  const toBackground = () => {
    const key = 'exports-background';
    void message.info({
      key,
      duration: 6,
      content: (
        <span data-testid="exports-background">
          {t('exports.button.background')}{' '}
          <Typography.Link
            data-testid="exports-open-list"
            onClick={() => {
              message.destroy(key);
              navigate('/exports');
            }}
          >
            {t('exports.button.openList')}
          </Typography.Link>
        </span>
      ),
    });
  };

  const run = async () => {
    setBusy(true);
    try {
      let job = await requestExport({ kind, params });
      if (!background) {
        const deadline = Date.now() + WAIT_MS;
        while (isPending(job) && Date.now() < deadline) {
          await sleep(POLL_MS);
          job = await fetchExport(job.id);
        }
      }
      if (job.status === 'done') await downloadExport(job);
      else if (job.status === 'failed') void message.error(job.error ?? t('exports.button.failed'));
      else toBackground();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
      void queryClient.invalidateQueries({ queryKey: EXPORTS_KEY });
    }
  };

  return (
    <Button
      type={type}
      size={size}
      icon={<DownloadOutlined />}
      loading={busy}
      disabled={disabled}
      onClick={run}
      data-testid="exports-button"
    >
      {busy ? t('exports.button.preparing') : (label ?? t('exports.button.label'))}
    </Button>
  );
}
