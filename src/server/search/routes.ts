// HTTP API of the search domain: one search over live naskah and archive records.
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/authHook.js';
import type { App } from '../http/types.js';
import { isoDateIn } from '../../shared/dates.js';
import { actorTokens } from './access.js';
import { SEARCH_KINDS } from './schema.js';
import { searchEntries } from './searchEntries.js';

const Segment = z.object({ text: z.string(), hit: z.boolean() }).meta({ id: 'SearchSegment' });
const Facet = z.array(z.object({ value: z.string(), count: z.number() }));
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const SearchResultSchema = z
  .object({
    total: z.number().describe('Jumlah hasil yang boleh Anda lihat (paling banyak 1000)'),
    totalIsLowerBound: z.boolean().describe('true: lebih banyak dari total'),
    fuzzy: z.boolean().describe('Tidak ada yang cocok persis; ini hasil yang mirip (nomor, hal, nama)'),
    items: z.array(
      z.object({
        kind: z.enum(SEARCH_KINDS),
        sourceId: z.string(),
        recordId: z.string().nullable(),
        number: z.string().nullable(),
        title: z.string(),
        titleSegments: z.array(Segment),
        parties: z.string(),
        classificationCode: z.string().nullable(),
        sifat: z.string().nullable(),
        docType: z.string().nullable(),
        state: z.string(),
        entryDate: z.string().nullable(),
        unitId: z.string().nullable(),
        rank: z.number(),
        snippet: z.array(Segment),
      }),
    ),
    facets: z.object({ kind: Facet, docType: Facet, classification: Facet, sifat: Facet, state: Facet, year: Facet }).optional(),
  })
  .meta({ id: 'SearchResult' });

export async function searchRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/search',
    {
      schema: {
        tags: ['pencarian'],
        summary: 'Cari naskah dan arsip (nomor, hal, pengirim/penerima, klasifikasi, isi PDF dan hasil OCR), hanya yang boleh Anda lihat',
        description:
          'Kata dicocokkan menurut kata dasarnya (pemusnahan = musnah); "frasa dalam tanda kutip" dicocokkan persis; nomor naskah dicocokkan sebagian. ' +
          'Jumlah, facet dan cuplikan hanya dihitung dari naskah yang boleh Anda lihat.',
        querystring: z.object({
          q: z.string().max(500).optional(),
          unitId: z.uuid().optional(),
          from: Day.optional(),
          to: Day.optional(),
          kind: z.enum(SEARCH_KINDS).optional(),
          docType: z.string().max(60).optional(),
          classification: z.string().max(40).optional(),
          sifat: z.string().max(30).optional(),
          state: z.string().max(30).optional(),
          recordsOnly: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          facets: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(980).default(0),
        }),
        response: { 200: SearchResultSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const tokens = await actorTokens(ctx.database.db, actor, isoDateIn(ctx.config.timeZone, ctx.now()));
      return searchEntries(ctx.database.db, tokens, req.query);
    },
  );
}
