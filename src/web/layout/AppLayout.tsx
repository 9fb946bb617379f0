// The shell around every signed-in page: header with the pemda's name and the user menu, the
// sidebar (desktop) or burger + bottom bar (phone).
import { useState, type ReactNode } from 'react';
import { AppShell, Avatar, Badge, Box, Burger, Button, Container, Group, Menu, Modal, NavLink, ScrollArea, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconChevronDown, IconDevices, IconFileText, IconLanguage, IconLogout, IconMenu2, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, useLocation, useNavigate } from 'react-router-dom';
import { useDashboard } from '../api/dashboard';
import { useLogout, useSetLanguage, useSignedInUser } from '../auth/session';
import { initials, positionTitle } from '../lib/format';
import { GlobalSearchBox } from '../pages/search/SearchPage';
import { phoneSections, sectionHref, visibleSections, type Section } from '../sections';

function isActive(pathname: string, s: Section): boolean {
  const href = sectionHref(s);
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const dashboard = useDashboard();
  const sections = visibleSections(me);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      footer={{ height: { base: 64, sm: 0 } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      {/* First stop for keyboard and screen-reader users: past the header and menu to the page. */}
      <a href="#konten" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <UnstyledButton component={Link} to="/" onClick={close} style={{ minWidth: 0 }}>
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                <ThemeIcon size={34} radius="md">
                  <IconFileText size={20} stroke={1.7} />
                </ThemeIcon>
                <Box style={{ minWidth: 0 }}>
                  <Text fw={700} lh={1.1} size="md">
                    Naskah
                  </Text>
                  <Text size="xs" c="dimmed" lh={1.2} truncate data-testid="instance-name">
                    {me.instance.name}
                  </Text>
                </Box>
              </Group>
            </UnstyledButton>
          </Group>
          <GlobalSearchBox />
          <UserMenu />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t('nav.label')} data-testid="sidebar">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {sections.map((s) => {
              const Icon = s.icon;
              const count = s.badge ? dashboard.data?.[s.badge] : undefined;
              return (
                <NavLink
                  key={s.key}
                  component={RouterNavLink}
                  to={sectionHref(s)}
                  end={sectionHref(s) === '/'}
                  active={isActive(pathname, s)}
                  onClick={close}
                  label={t(`nav.${s.key}`)}
                  leftSection={<Icon size={20} stroke={1.6} />}
                  rightSection={
                    count ? (
                      <Badge size="sm" variant="filled" circle={count < 10}>
                        {count}
                      </Badge>
                    ) : null
                  }
                  styles={{ root: { borderRadius: 8 }, label: { fontSize: 15 } }}
                />
              );
            })}
          </Stack>
        </AppShell.Section>
        <AppShell.Section hiddenFrom="sm" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <NavLink component={RouterNavLink} to="/profil" onClick={close} label={t('nav.profile')} leftSection={<IconUserCircle size={20} stroke={1.6} />} styles={{ root: { borderRadius: 8 } }} />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="konten" tabIndex={-1} style={{ outline: 'none' }}>
        <Container size="lg" px={0} pb="xl">
          {children}
        </Container>
      </AppShell.Main>

      <AppShell.Footer hiddenFrom="sm" p={0}>
        <Group h="100%" gap={0} wrap="nowrap" component="nav" aria-label={t('nav.bottomLabel')}>
          {phoneSections(me).map((s) => {
            const Icon = s.icon;
            const count = s.badge ? dashboard.data?.[s.badge] : undefined;
            return (
              <Link key={s.key} to={sectionHref(s)} className="bottom-nav-item" data-active={isActive(pathname, s) || undefined} onClick={close}>
                <Box pos="relative">
                  <Icon size={22} stroke={1.6} />
                  {count ? (
                    <Badge size="xs" variant="filled" color="red" pos="absolute" top={-6} right={-14} px={4}>
                      {count}
                    </Badge>
                  ) : null}
                </Box>
                <span>{t(`nav.short.${s.key}`)}</span>
              </Link>
            );
          })}
          <UnstyledButton className="bottom-nav-item" onClick={toggle} data-active={opened || undefined} aria-expanded={opened}>
            <IconMenu2 size={22} stroke={1.6} />
            <span>{t('nav.menu')}</span>
          </UnstyledButton>
        </Group>
      </AppShell.Footer>
    </AppShell>
  );
}

function UserMenu() {
  const { t, i18n } = useTranslation();
  const me = useSignedInUser();
  const navigate = useNavigate();
  const logout = useLogout();
  const setLanguage = useSetLanguage();
  const [confirmAll, setConfirmAll] = useState(false);
  const first = me.positions[0];

  return (
    <>
      <Menu position="bottom-end" width={260} shadow="md" withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label={t('nav.userMenu')} data-testid="user-menu">
            <Group gap="xs" wrap="nowrap">
              <Avatar color="pemda" radius="xl" size={36}>
                {initials(me.user.name)}
              </Avatar>
              <Box visibleFrom="md" maw={220}>
                <Text size="sm" fw={600} lh={1.2} truncate>
                  {me.user.name}
                </Text>
                {first ? (
                  <Text size="xs" c="dimmed" lh={1.2} truncate>
                    {positionTitle(first.kind, first.positionName)}
                  </Text>
                ) : null}
              </Box>
              <IconChevronDown size={16} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{me.user.username}</Menu.Label>
          <Menu.Item leftSection={<IconUserCircle size={18} />} onClick={() => void navigate('/profil')}>
            {t('nav.profile')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Label>
            <Group gap={4}>
              <IconLanguage size={14} />
              {t('language.label')}
            </Group>
          </Menu.Label>
          {(['id', 'en'] as const).map((lang) => (
            <Menu.Item key={lang} onClick={() => void setLanguage(lang)} rightSection={i18n.language === lang ? <IconCheck size={16} /> : null} lang={lang}>
              {t(`language.${lang}`)}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconLogout size={18} />} onClick={() => logout.mutate(false)}>
            {t('nav.logout')}
          </Menu.Item>
          <Menu.Item color="red" leftSection={<IconDevices size={18} />} onClick={() => setConfirmAll(true)}>
            {t('nav.logoutAll')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <LogoutAllModal opened={confirmAll} onClose={() => setConfirmAll(false)} />
    </>
  );
}

export function LogoutAllModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <Modal opened={opened} onClose={onClose} title={t('nav.logoutAll')} centered>
      <Stack>
        <Text size="sm">{t('nav.logoutAllConfirm')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={logout.isPending} onClick={() => logout.mutate(true)}>
            {t('nav.logoutAll')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
