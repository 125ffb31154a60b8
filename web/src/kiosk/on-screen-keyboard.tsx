import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compose, DIGITS, type KeyboardLanguage, LAYOUTS, TONOS } from './keyboard-layouts';

type Editable = HTMLInputElement | HTMLTextAreaElement;

const TEXT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'password', '']);
const isEditable = (el: Element | null): el is Editable =>
  (el instanceof HTMLInputElement && TEXT_TYPES.has(el.type)) || el instanceof HTMLTextAreaElement;

/**
 * Writes through the native value setter and fires `input`, so React's controlled inputs
 * see the change exactly as if it had been typed.
 */
function replaceSelection(el: Editable, text: string, deleteBackward = false) {
  const start = el.selectionStart ?? el.value.length;
  const end = el.selectionEnd ?? el.value.length;
  let from = start;
  if (deleteBackward && start === end) {
    if (start === 0) return;
    // step back over a whole surrogate pair
    from = start - (/[\uDC00-\uDFFF]/.test(el.value.charAt(start - 1)) ? 2 : 1);
  }
  const value = el.value.slice(0, from) + text + el.value.slice(end);
  if (el.maxLength > 0 && value.length > el.maxLength) return;
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  const caret = from + text.length;
  el.setSelectionRange(caret, caret);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Greek/English touch keyboard that types into the last focused text field of the page. */
export function OnScreenKeyboard({ initialLanguage = 'el' }: { initialLanguage?: KeyboardLanguage }) {
  const { t } = useTranslation();
  const [lang, setLang] = useState<KeyboardLanguage>(initialLanguage);
  const [shift, setShift] = useState(false);
  const [accent, setAccent] = useState(false);
  const target = useRef<Editable | null>(null);

  useEffect(() => {
    if (isEditable(document.activeElement)) target.current = document.activeElement;
    const onFocus = (e: FocusEvent) => {
      if (isEditable(e.target as Element)) target.current = e.target as Editable;
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, []);

  const withTarget = (fn: (el: Editable) => void) => {
    const el = target.current;
    if (!el?.isConnected) return;
    el.focus();
    fn(el);
  };

  const type = (key: string) =>
    withTarget((el) => {
      replaceSelection(el, compose(key, { accent, shift }));
      setAccent(false);
      setShift(false);
    });

  // Keys must not take focus from the field they type into.
  const keep = { onPointerDown: (e: React.PointerEvent) => e.preventDefault(), onMouseDown: (e: React.MouseEvent) => e.preventDefault() };

  return (
    <section className="osk" aria-label={t('keyboard.label')} lang={lang}>
      <div className="osk-row">
        {DIGITS.map((d) => (
          <button type="button" className="osk-key" key={d} onClick={() => type(d)} {...keep}>
            {d}
          </button>
        ))}
      </div>
      {LAYOUTS[lang].map((row, i) => (
        <div className="osk-row" key={row.join('')}>
          {i === 2 && (
            <button type="button" className="osk-key wide" aria-pressed={shift} onClick={() => setShift((s) => !s)} {...keep}>
              ⇧ {t('keyboard.shift')}
            </button>
          )}
          {row.map((key) => {
            const label = compose(key, { accent, shift });
            return (
              <button type="button" className="osk-key" key={key} onClick={() => type(key)} {...keep}>
                {label}
              </button>
            );
          })}
          {i === 1 && lang === 'el' && (
            <button
              type="button"
              className="osk-key"
              aria-pressed={accent}
              aria-label={t('keyboard.accent')}
              onClick={() => setAccent((a) => !a)}
              {...keep}
            >
              {TONOS}
            </button>
          )}
          {i === 2 && (
            <button
              type="button"
              className="osk-key wide"
              aria-label={t('keyboard.backspace')}
              onClick={() => withTarget((el) => replaceSelection(el, '', true))}
              {...keep}
            >
              ⌫
            </button>
          )}
        </div>
      ))}
      <div className="osk-row">
        <button
          type="button"
          className="osk-key wide"
          aria-label={`${t('keyboard.toggle')}: ${lang === 'el' ? t('keyboard.english') : t('keyboard.greek')}`}
          onClick={() => {
            setLang((l) => (l === 'el' ? 'en' : 'el'));
            setAccent(false);
          }}
          {...keep}
        >
          {lang === 'el' ? 'EN' : 'ΕΛ'}
        </button>
        <button type="button" className="osk-key" onClick={() => type(',')} {...keep}>
          ,
        </button>
        <button type="button" className="osk-key space" onClick={() => type(' ')} {...keep}>
          {t('keyboard.space')}
        </button>
        <button type="button" className="osk-key" onClick={() => type('.')} {...keep}>
          .
        </button>
      </div>
    </section>
  );
}
