import { ConfigError, loadConfig, PUBLISHED_DEV_SECRET } from './app-config';

describe('loadConfig', () => {
  it('fills in the defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_PATH: 'data/competition.sqlite',
      DEMO: 'day',
      LOGIN_ADDRESS_MAX_FAILURES: 100,
    });
    expect(config.JWT_SECRET).toBeUndefined();
    expect(config.dataDir).toBe('data');
    expect(config.databaseType).toBe('sqlite');
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).databaseType).toBe('postgres');
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT="eighty"/],
    [{ PORT: '70000' }, /PORT="70000"/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
    [{ DEMO: 'maybe' }, /DEMO="maybe"/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 16/],
    [{ JWT_SECRET: PUBLISHED_DEV_SECRET }, /JWT_SECRET: the published development default/],
  ])('refuses %j, naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('asks instances that share a database and Redis for the secrets they must share', () => {
    // Each instance would generate its own keys in its own data folder: the second one would
    // find the audit head "forged" and refuse the first one's tokens.
    const shared = { DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h:6379' };
    expect(() => loadConfig(shared)).toThrow(/JWT_SECRET[^\n]*share[\s\S]*AUDIT_KEY[^\n]*share/);
    expect(() => loadConfig({ ...shared, JWT_SECRET: 'x'.repeat(32) })).toThrow(/AUDIT_KEY/);
    expect(() =>
      loadConfig({ ...shared, JWT_SECRET: 'x'.repeat(32), AUDIT_KEY: 'y'.repeat(32) }),
    ).not.toThrow();
    // One instance (no Redis) or SQLite keeps generating its own.
    expect(() => loadConfig({ DATABASE_URL: shared.DATABASE_URL })).not.toThrow();
    expect(() => loadConfig({ REDIS_URL: shared.REDIS_URL })).not.toThrow();
  });

  it('names every bad setting at once', () => {
    expect(() => loadConfig({ PORT: '-1', DEMO: 'x' })).toThrow(/PORT="-1"[\s\S]*DEMO="x"/);
  });
});
