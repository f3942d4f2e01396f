import { useEffect, useRef, useState } from 'react';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options?: { formats?: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorClass | null {
  const found = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  const camera = typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
  return found && camera ? found : null;
}

const SCAN_EVERY_MS = 250;

/**
 * Reads a ticket's QR code with the device camera where the browser has the Shape Detection
 * API (`BarcodeDetector`: Chrome on Android and macOS, among others). Elsewhere it shows nothing
 * and the token is pasted instead.
 */
export function QrScanner({ onScan }: { onScan(text: string): void }) {
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const Detector = detectorClass();

  useEffect(() => {
    if (!scanning || !Detector) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stream: MediaStream | null = null;
    const detector = new Detector({ formats: ['qr_code'] });
    const tick = async (element: HTMLVideoElement) => {
      if (stopped) return;
      try {
        const found = await detector.detect(element);
        const text = found.find((code) => code.rawValue)?.rawValue;
        if (text && !stopped) {
          setScanning(false);
          onScan(text);
          return;
        }
      } catch {
        // a frame that could not be read: try the next one
      }
      timer = setTimeout(() => void tick(element), SCAN_EVERY_MS);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (media) => {
        stream = media;
        const element = video.current;
        if (stopped || !element) return;
        element.srcObject = media;
        await element.play();
        void tick(element);
      })
      .catch(() => {
        if (stopped) return;
        setError('The camera could not be opened. Allow camera access, or paste the token instead.');
        setScanning(false);
      });
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [scanning, Detector, onScan]);

  if (!Detector) return null;
  return (
    <div className="scanner">
      <button
        type="button"
        className="button secondary"
        onClick={() => {
          setError(null);
          setScanning((on) => !on);
        }}
      >
        {scanning ? 'Stop camera' : 'Scan with camera'}
      </button>
      {scanning && <video ref={video} className="scanner-video" muted playsInline aria-label="Camera view: hold the ticket's QR code in front of it" />}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
