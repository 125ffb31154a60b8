import { useCallback, useEffect, useRef, useState } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'input', 'wheel'] as const;

/**
 * Counts down from the last touch or key press. Returns the seconds left once inside the
 * warning window (else null). Nothing counts until someone has used the kiosk, so an idle
 * kiosk is not reloaded over and over.
 */
export function useIdleReset(seconds: number, onReset: () => void) {
  const warnFor = Math.max(2, Math.min(20, Math.floor(seconds / 3)));
  const last = useRef(Date.now());
  const active = useRef(false);
  const fired = useRef(false);
  const [left, setLeft] = useState<number | null>(null);

  const touch = useCallback(() => {
    last.current = Date.now();
    active.current = true;
    setLeft(null);
  }, []);

  useEffect(() => {
    for (const e of ACTIVITY) window.addEventListener(e, touch, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (!active.current || fired.current) return;
      const remaining = seconds - (Date.now() - last.current) / 1000;
      if (remaining <= 0) {
        fired.current = true;
        setLeft(0);
        onReset();
      } else if (remaining <= warnFor) {
        setLeft(Math.ceil(remaining));
      }
    }, 250);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, touch, { capture: true });
      window.clearInterval(timer);
    };
  }, [seconds, warnFor, onReset, touch]);

  return { secondsLeft: left, stay: touch };
}
