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

  it('names every bad setting at once', () => {
    expect(() => loadConfig({ PORT: '-1', DEMO: 'x' })).toThrow(/PORT="-1"[\s\S]*DEMO="x"/);
  });
});
