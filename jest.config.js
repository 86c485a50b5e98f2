/** Unit tests sit beside the code; integration and e2e tests in test/ run against real Postgres and Redis. */
const esmPackages = ['@nestjs', 'file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', '@borewit'];
const transform = {
  '^.+\\.(t|j)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};
const transformIgnorePatterns = [`/node_modules/(?!.*/node_modules/)(?!(?:${esmPackages.join('|')})/)`];
const common = { transform, transformIgnorePatterns, testEnvironment: 'node' };
// One global setup for both projects that use it: jest runs a setup module once however many projects name it.
const databases = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

/**
 * Without a Postgres server the integration tests share one embedded database, so they run one file at a time.
 * Probed here (synchronously, in a child process) because jest fixes its worker count before global setup.
 */
function postgresServerAnswers() {
  const { hostname, port } = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const probe = `require('net').connect(${Number(port) || 5432}, ${JSON.stringify(hostname)})
    .on('connect', () => process.exit(0)).on('error', () => process.exit(1)).setTimeout(1500, () => process.exit(1))`;
  return require('node:child_process').spawnSync(process.execPath, ['-e', probe]).status === 0;
}

module.exports = {
  testTimeout: 60000,
  // Integration tests spend most of their time waiting on PostgreSQL, Redis and HTTP: two workers take the whole run
  // from ~18 to ~9 minutes on a 2-core machine (jest's default is one fewer than the cores).
  maxWorkers: postgresServerAnswers() ? 2 : 1,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    // The console's pure modules (money, time, translations); its pages are tested in the browser.
    { ...common, displayName: 'console', testMatch: ['<rootDir>/console/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.browser\\.e2e-spec\\.ts$'],
      ...databases,
    },
    // The console in Debian's Chromium against the real service (test/console/support/); same databases as above.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/console/**/*.browser.e2e-spec.ts'], ...databases },
  ],
};
