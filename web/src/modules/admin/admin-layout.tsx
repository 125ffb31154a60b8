import { Alert, Group, NavLink, Stack } from '@mantine/core';
import { Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { hasRole, useMe } from '../../app/auth/use-me';
import './shared';

export const ADMIN_SECTIONS = ['units', 'staff', 'case-types', 'workflows', 'holidays', 'templates', 'settings'] as const;

/** The Administration area: its own section navigation above each page; administrators only. */
export function AdminLayout() {
  const { t } = useTranslation();
  const { me } = useMe();
  if (!hasRole(me, 'admin') || me?.mustEnrollTotp) {
    return (
      <Alert color="red" variant="light" role="alert" title={t('admin.forbiddenTitle')}>
        {t('admin.forbidden')}
      </Alert>
    );
  }
  return (
    <Stack>
      <nav aria-label={t('admin.sectionsNav')}>
        <Group gap={4} wrap="wrap">
          {ADMIN_SECTIONS.map((s) => (
            <NavLink
              key={s}
              w="auto"
              style={{ borderRadius: 8 }}
              renderRoot={(props) => (
                <Link {...props} to={`/staff/admin/${s}`} activeProps={{ 'aria-current': 'page', 'data-active': true }} />
              )}
              label={t(`admin.sections.${s}`)}
            />
          ))}
        </Group>
      </nav>
      <Outlet />
    </Stack>
  );
}
