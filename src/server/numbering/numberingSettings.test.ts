import { describe, expect, it } from 'vitest';
import { DEFAULT_NUMBER_FORMAT } from './numberFormat.js';
import { pathIdsNearestFirst, pickFormat, pickMode } from './numberingSettings.js';

const link = (unitId: string, o: { mode?: 'before_drafting' | 'at_signing'; defaultFormat?: string; typeFormats?: Record<string, string> } = {}) => ({
  unitId,
  mode: o.mode ?? null,
  defaultFormat: o.defaultFormat ?? null,
  typeFormats: o.typeFormats ?? {},
});

describe('which settings apply (nearest unit first)', () => {
  it('walks the path from the unit up to the root', () => {
    expect(pathIdsNearestFirst('/root/pd/bidang/')).toEqual(['bidang', 'pd', 'root']);
  });

  it('format: the unit’s format for the type, then its default, then the ancestors’, then the built-in default', () => {
    const chain = [link('bidang', { defaultFormat: 'B/{urut}/{tahun}' }), link('pd', { typeFormats: { SOP: 'S/{urut}/{tahun}', KEP: 'K/{urut}/{tahun}' } }), link('root', { defaultFormat: 'R/{urut}/{tahun}' })];
    expect(pickFormat(chain, 'sop')).toEqual({ format: 'B/{urut}/{tahun}', fromUnitId: 'bidang', byType: false });
    expect(pickFormat([link('bidang', { typeFormats: { SOP: 'BS/{urut}/{tahun}' }, defaultFormat: 'B/{urut}/{tahun}' })], 'SOP').format).toBe('BS/{urut}/{tahun}');
    expect(pickFormat(chain.slice(1), 'Sop')).toEqual({ format: 'S/{urut}/{tahun}', fromUnitId: 'pd', byType: true });
    expect(pickFormat(chain.slice(1), null)).toEqual({ format: 'R/{urut}/{tahun}', fromUnitId: 'root', byType: false });
    expect(pickFormat([], 'SOP')).toEqual({ format: DEFAULT_NUMBER_FORMAT, fromUnitId: null, byType: false });
  });

  it('mode: nearest unit that sets one, else at_signing', () => {
    expect(pickMode([link('bidang'), link('pd', { mode: 'before_drafting' }), link('root', { mode: 'at_signing' })])).toEqual({ mode: 'before_drafting', fromUnitId: 'pd' });
    expect(pickMode([link('bidang')])).toEqual({ mode: 'at_signing', fromUnitId: null });
  });
});
