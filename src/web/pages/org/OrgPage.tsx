// Organisasi: the unit tree with positions and holders, and the people directory. Admins edit here.
import { useState } from 'react';
import { Button, Card, Grid, Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconBuildingCommunity, IconPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useUnits } from '../../api/org';
import { isSystemAdmin, useSignedInUser } from '../../auth/session';
import { UnitDetail } from './UnitDetail';
import { UnitTree } from './UnitTree';
import { UnitFormModal } from './orgForms';
import { UserDrawer } from './UserDrawer';
import { UsersPanel } from './UsersPanel';

export function OrgPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const admin = isSystemAdmin(me);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tab = pathname.startsWith('/organisasi/pegawai') ? 'people' : 'structure';
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('nav.org')}
      </Title>
      <Tabs value={tab} onChange={(v) => void navigate(v === 'people' ? '/organisasi/pegawai' : '/organisasi')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="structure" leftSection={<IconBuildingCommunity size={16} />}>
            {t('org.structure')}
          </Tabs.Tab>
          <Tabs.Tab value="people" leftSection={<IconUsers size={16} />}>
            {t('org.people')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<StructureView admin={admin} />} />
        <Route path="unit/:unitId" element={<StructureView admin={admin} />} />
        <Route path="pegawai" element={<UsersPanel admin={admin} />} />
      </Routes>
    </Stack>
  );
}

function StructureView({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const { unitId } = useParams();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 62em)');
  const units = useUnits(admin);
  const [openUser, setOpenUser] = useState<string | null>(null);
  const [addRoot, setAddRoot] = useState(false);
  const select = (id: string) => void navigate(`/organisasi/unit/${id}`);

  const tree = (
    <Card p="sm">
      <Group justify="space-between" mb="xs" px={4}>
        <Text fw={600} size="sm">
          {t('org.units')}
        </Text>
        {admin ? (
          <Button size="compact-sm" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setAddRoot(true)}>
            {t('org.unit.add')}
          </Button>
        ) : null}
      </Group>
      {units.isPending ? <Skeleton h={300} /> : <UnitTree units={units.data ?? []} selectedId={unitId} onSelect={select} />}
    </Card>
  );
  const detail = unitId ? (
    <UnitDetail unitId={unitId} admin={admin} onOpenUser={setOpenUser} onSelectUnit={select} />
  ) : (
    <Card p="xl">
      <Text c="dimmed" ta="center">
        {t('org.pickUnit')}
      </Text>
    </Card>
  );

  return (
    <>
      {phone ? (
        unitId ? (
          <Stack gap="sm">
            <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => void navigate('/organisasi')} w="fit-content" px={4}>
              {t('org.units')}
            </Button>
            {detail}
          </Stack>
        ) : (
          tree
        )
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 4 }}>{tree}</Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>{detail}</Grid.Col>
        </Grid>
      )}
      <UserDrawer userId={openUser} onClose={() => setOpenUser(null)} admin={admin} />
      <UnitFormModal opened={addRoot} onClose={() => setAddRoot(false)} parentId={unitId ?? null} onSaved={(u) => select(u.id)} />
    </>
  );
}
