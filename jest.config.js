// One jest run for the whole monorepo. Pure tests run once ("unit"); tests that need a database
// (*.db.test.ts) run twice, on the embedded SQLite and on a private PostgreSQL server started by
// the global setup. Provider acceptance tests (*.acc.test.ts) drive the real terraform CLI.
const transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};
const common = { transform, testEnvironment: 'node', rootDir: __dirname };
const selected = (process.env.APIGW_TEST_PROJECTS || 'unit,sqlite,postgres,acceptance').split(',');

const projects = [
  {
    ...common,
    displayName: 'unit',
    testMatch: ['<rootDir>/{service,provider,cdk-examples}/{src,test,scripts}/**/*.test.ts'],
    testPathIgnorePatterns: ['\\.db\\.test\\.ts$', '\\.acc\\.test\\.ts$', '/node_modules/'],
  },
  {
    ...common,
    displayName: 'sqlite',
    testMatch: ['<rootDir>/service/{src,test}/**/*.db.test.ts'],
    setupFiles: ['<rootDir>/service/test/support/use-sqlite.js'],
  },
  {
    ...common,
    displayName: 'postgres',
    testMatch: ['<rootDir>/service/{src,test}/**/*.db.test.ts'],
    setupFiles: ['<rootDir>/service/test/support/use-postgres.js'],
  },
  {
    ...common,
    displayName: 'acceptance',
    testMatch: ['<rootDir>/provider/test/**/*.acc.test.ts'],
    setupFiles: ['<rootDir>/service/test/support/use-postgres.js'],
  },
].filter((p) => selected.includes(p.displayName));

module.exports = {
  projects,
  globalSetup: '<rootDir>/service/test/support/global-setup.js',
  globalTeardown: '<rootDir>/service/test/support/global-teardown.js',
  testTimeout: 30000,
};
