// The unit tree with a filter; a click opens the unit, the chevron folds a branch.
import { useMemo, useState } from 'react';
import { ActionIcon, Box, Group, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { buildUnitTree, type Unit, type UnitNode } from '../../api/org';

function matches(u: Unit, q: string): boolean {
  return [u.name, u.shortName, u.code].some((s) => s?.toLowerCase().includes(q));
}

function filterTree(nodes: UnitNode[], q: string): UnitNode[] {
  const out: UnitNode[] = [];
  for (const n of nodes) {
    const children = filterTree(n.children, q);
    if (matches(n.unit, q) || children.length) out.push({ unit: n.unit, children });
  }
  return out;
}

export function UnitTree({ units, selectedId, onSelect }: { units: Unit[]; selectedId: string | undefined; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const tree = useMemo(() => buildUnitTree(units), [units]);
  const q = filter.trim().toLowerCase();
  const shown = q ? filterTree(tree, q) : tree;
  // Expanded: the first two levels by default, and the path to the selected unit.
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [expanded, setExpanded] = useState<Set<string>>(() => {
    const s = new Set<string>();
    const byId = new Map(units.map((u) => [u.id, u]));
    let cur = selectedId ? byId.get(selectedId) : undefined;
    while (cur?.parentId) {
      s.add(cur.parentId);
      cur = byId.get(cur.parentId);
    }
    return s;
  });
  const isOpen = (n: UnitNode, level: number) => (q ? true : expanded.has(n.unit.id) || (level < 1 && !collapsed.has(n.unit.id)));
  const toggle = (n: UnitNode, level: number) => {
    const open = isOpen(n, level);
    setExpanded((s) => {
      const c = new Set(s);
      if (open) c.delete(n.unit.id);
      else c.add(n.unit.id);
      return c;
    });
    setCollapsed((s) => {
      const c = new Set(s);
      if (open) c.add(n.unit.id);
      else c.delete(n.unit.id);
      return c;
    });
  };

  const render = (nodes: UnitNode[], level: number) =>
    nodes.map((n) => {
      const open = isOpen(n, level);
      const selected = n.unit.id === selectedId;
      return (
        <Box key={n.unit.id} role="treeitem" aria-expanded={n.children.length ? open : undefined} aria-selected={selected}>
          <Group gap={2} wrap="nowrap" pl={level * 14} py={1}>
            {n.children.length ? (
              <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => toggle(n, level)} aria-label={open ? t('org.collapse') : t('org.expand')}>
                {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
              </ActionIcon>
            ) : (
              <Box w={22} />
            )}
            <UnstyledButton
              onClick={() => {
                onSelect(n.unit.id);
                if (n.children.length && !open) toggle(n, level);
              }}
              px={8}
              py={5}
              style={{ borderRadius: 6, flex: 1, minWidth: 0, background: selected ? 'var(--mantine-color-pemda-0)' : undefined }}
              data-unit-id={n.unit.id}
            >
              <Text size="sm" fw={selected ? 600 : 400} c={n.unit.active ? (selected ? 'pemda.8' : undefined) : 'dimmed'} lh={1.3}>
                {n.unit.name}
              </Text>
            </UnstyledButton>
          </Group>
          {/* Sub-units of a tree item sit in a group (WAI-ARIA tree pattern). */}
          {open && n.children.length ? <Box role="group">{render(n.children, level + 1)}</Box> : null}
        </Box>
      );
    });

  return (
    <Stack gap="xs">
      <TextInput placeholder={t('org.filterUnits')} leftSection={<IconSearch size={16} />} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} size="sm" aria-label={t('org.filterUnits')} />
      <ScrollArea.Autosize mah={{ base: 420, md: 'calc(100dvh - 260px)' } as never} type="auto" offsetScrollbars>
        <Box role="tree" aria-label={t('org.structure')}>
          {shown.length ? (
            render(shown, 0)
          ) : (
            <Text size="sm" c="dimmed" p="xs">
              {t('org.noUnitMatches')}
            </Text>
          )}
        </Box>
      </ScrollArea.Autosize>
    </Stack>
  );
}
