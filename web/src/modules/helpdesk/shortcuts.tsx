import { Kbd, Modal, Table } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Single-key shortcuts for the inbox and the case page. Keys typed into a field, or with a
 * modifier held, are left alone; so are keys while a dialog is open.
 */
export function useShortcuts(map: Record<string, () => void>) {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (e.key === 'Enter' && el && el.tagName !== 'TR') return;
      const fn = ref.current[e.key];
      if (fn) {
        e.preventDefault();
        fn();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

const KEYS: [string, string][] = [
  ['r', 'reply'],
  ['n', 'note'],
  ['a', 'assign'],
  ['i', 'info'],
  ['j', 'next'],
  ['k', 'prev'],
  ['p', 'print'],
  ['u', 'back'],
  ['o / Enter', 'open'],
  ['x', 'select'],
  ['?', 'help'],
];

export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('helpdesk.case.shortcuts.title')}>
      <Table>
        <Table.Tbody>
          {KEYS.map(([k, what]) => (
            <Table.Tr key={k}>
              <Table.Td w={100}>
                <Kbd>{k}</Kbd>
              </Table.Td>
              <Table.Td>{t(`helpdesk.case.shortcuts.${what}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
