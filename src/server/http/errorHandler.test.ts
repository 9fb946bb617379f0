import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, toAppError } from './errorHandler.js';

describe('database errors during a PostgreSQL restart', () => {
  it('are 503 DATABASE_UNAVAILABLE, wrapped by Drizzle or not; other database errors stay internal', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(toAppError(terminated, 'id')).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503 });
    expect(toAppError(Object.assign(new Error('Failed query: select 1'), { cause: terminated }), 'id').code).toBe('DATABASE_UNAVAILABLE');
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(toAppError(Object.assign(new Error('syntax error'), { code: '42601' }), 'id').code).toBe('INTERNAL');
    expect(toAppError(new Error('boom'), 'id').code).toBe('INTERNAL');
  });
});
