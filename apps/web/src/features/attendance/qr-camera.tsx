import { Alert } from 'antd';
import QrScanner from 'qr-scanner';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The camera, reading QR codes (qr-scanner: the decoder runs in a worker loaded by a dynamic
 * import, which Vite bundles as is). Calls `onResult` with each decoded text; the caller ignores
 * repeats. The camera stops when the component unmounts.
 */
export function QrCamera({ onResult, testId }: { onResult: (text: string) => void; testId?: string }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const handler = useRef(onResult);
  handler.current = onResult;
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    const scanner = new QrScanner(el, (result) => handler.current(result.data), {
      returnDetailedScanResult: true,
      preferredCamera: 'environment',
      highlightScanRegion: true,
      maxScansPerSecond: 5,
    });
    let alive = true;
    scanner.start().catch((e: unknown) => {
      if (!alive) return;
      const text = String(e instanceof Error ? e.message : e);
      setError(
        /not ?allowed|permission|denied/i.test(text)
          ? t('attendance.camera.denied')
          : t('attendance.camera.unavailable'),
      );
    });
    return () => {
      alive = false;
      scanner.destroy();
    };
  }, [t]);

  return (
    <div className="gx-att-camera" data-testid={testId}>
      <video ref={video} muted playsInline />
      {error ? <Alert type="warning" showIcon message={error} className="gx-att-camera-error" /> : null}
    </div>
  );
}
