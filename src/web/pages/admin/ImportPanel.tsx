// CSV import of units, positions or users: check first (dry run), then import; every bad row
// is listed with its line and column. All or nothing on the server.
import { useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Code, FileInput, Group, List, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconFileTypeCsv } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { orgKeys, type ImportReport } from '../../api/org';
import { describeError } from '../../lib/errors';

/** Column headers the server recognises (see src/server/org/importOrg.ts IMPORT_COLUMNS). */
const FORMATS = {
  units: 'kode, nama, nama_singkat, jenis, kode_induk, alamat, telepon, email, website, urutan',
  positions: 'kode_unit, jabatan, eselon, kode_unit_atasan, jabatan_atasan, kepala_unit, urutan',
  users: 'username, nama, nip, nik, pangkat, golongan, email, whatsapp, kode_unit, jabatan, jenis_jabatan, mulai, selesai, peran',
};

type RowError = ImportReport['errors'][number];

/** The report of an import, from a success or from a 400 IMPORT_FAILED. */
function reportOf(err: unknown): { report: Partial<ImportReport> | null; errors: RowError[] } | null {
  if (!(err instanceof ApiError) || err.code !== 'IMPORT_FAILED') return null;
  const report = (err.details.report ?? null) as Partial<ImportReport> | null;
  // A file whose header is not recognised has details.errors without a report.
  const errors = (report?.errors ?? (err.details.errors as RowError[] | undefined) ?? []) as RowError[];
  return { report, errors };
}

export function ImportPanel() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);

  const run = useMutation({
    meta: { inlineErrors: true },
    mutationFn: (opts: { dryRun: boolean }) =>
      unwrap(
        api.POST('/api/v1/org/import', {
          params: { query: { dryRun: opts.dryRun ? 'true' : 'false' } },
          body: csv as never,
          bodySerializer: (b: unknown) => b as string,
          headers: { 'Content-Type': 'text/csv' },
        }),
      ),
    onSuccess: (report) => {
      if (report.applied) void qc.invalidateQueries({ queryKey: orgKeys.all });
    },
  });

  const failed = reportOf(run.error);
  const report = run.data;

  return (
    <Stack gap="md">
      <Card>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('admin.import.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('admin.import.explain')}
          </Text>
          <List size="sm" spacing={4}>
            {(Object.keys(FORMATS) as Array<keyof typeof FORMATS>).map((k) => (
              <List.Item key={k}>
                <b>{t(`admin.import.kind.${k}`)}</b>: <Code>{FORMATS[k]}</Code>
              </List.Item>
            ))}
          </List>
          <FileInput
            label={t('admin.import.file')}
            placeholder={t('admin.import.filePlaceholder')}
            accept=".csv,text/csv,text/plain"
            leftSection={<IconFileTypeCsv size={18} />}
            value={fileName}
            onChange={async (f) => {
              setFileName(f);
              run.reset();
              if (f) setCsv(await f.text());
            }}
            clearable
          />
          <Textarea
            label={t('admin.import.content')}
            description={t('admin.import.contentHelp')}
            autosize
            minRows={5}
            maxRows={14}
            classNames={{ input: 'mono' }}
            value={csv}
            onChange={(e) => {
              setCsv(e.currentTarget.value);
              run.reset();
            }}
            name="csv"
          />
          <Group justify="space-between" wrap="wrap">
            <Checkbox label={t('admin.import.dryRun')} checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} />
            <Button disabled={!csv.trim()} loading={run.isPending} onClick={() => run.mutate({ dryRun })}>
              {dryRun ? t('admin.import.check') : t('admin.import.apply')}
            </Button>
          </Group>
        </Stack>
      </Card>

      {run.error && !failed ? (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
          {describeError(run.error)}
        </Alert>
      ) : null}

      {failed ? (
        <Card data-testid="import-errors">
          <Alert color="red" icon={<IconAlertCircle size={18} />} title={(run.error as ApiError).message} mb="md">
            {t('admin.import.errorsCount', { count: failed.errors.length })}
          </Alert>
          <Table.ScrollContainer minWidth={420}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>{t('admin.import.row')}</Table.Th>
                  <Table.Th w={160}>{t('admin.import.column')}</Table.Th>
                  <Table.Th>{t('admin.import.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {failed.errors.map((e, i) => (
                  <Table.Tr key={`${e.row}-${e.column ?? ''}-${i}`} data-testid="import-error-row">
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>{e.column ? <Code>{e.column}</Code> : '–'}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      ) : null}

      {report ? (
        <Card data-testid="import-report">
          <Stack gap="sm">
            <Group gap="xs">
              <IconCheck size={20} color="var(--mantine-color-teal-7)" />
              <Text fw={600}>{report.applied ? t('admin.import.applied') : t('admin.import.checked')}</Text>
              <Badge variant="light">{t(`admin.import.kind.${report.kind}`)}</Badge>
            </Group>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Stat label={t('admin.import.rows')} value={report.rows} />
              <Stat label={t('admin.import.created')} value={report.created} />
              <Stat label={t('admin.import.updated')} value={report.updated} />
              <Stat label={t('admin.import.unchanged')} value={report.unchanged} />
            </SimpleGrid>
            {!report.applied ? (
              <Group>
                <Button color="teal" loading={run.isPending} onClick={() => run.mutate({ dryRun: false })}>
                  {t('admin.import.applyNow')}
                </Button>
              </Group>
            ) : null}
            {report.temporaryPasswords.length ? (
              <>
                <Alert color="orange" variant="light">
                  {t('admin.import.tempPasswords')}
                </Alert>
                <Table verticalSpacing={4}>
                  <Table.Tbody>
                    {report.temporaryPasswords.map((p) => (
                      <Table.Tr key={p.username}>
                        <Table.Td>{p.username}</Table.Td>
                        <Table.Td>
                          <Code className="mono">{p.password}</Code>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            ) : null}
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={24} fw={700}>
        {value}
      </Text>
    </div>
  );
}
