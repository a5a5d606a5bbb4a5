/** Unit specs beside the code (*.spec.ts) and e2e specs in apps/api/test (*.e2e-spec.ts), one run. */
const swcConfig = JSON.parse(require('fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(e2e-)?spec\\.ts$',
  transform: { '^.+\\.(ts|js)$': ['@swc/jest', { ...swcConfig, swcrc: false }] },
  // A few dependencies ship ES modules only; they are compiled to CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleNameMapper: {
    '^@app/(auth|plans|database|common)$': '<rootDir>/libs/$1/src',
    '^@app/(auth|plans|database|common)/(.*)$': '<rootDir>/libs/$1/src/$2',
    '^@linktrace/sdk$': '<rootDir>/libs/sdk/src',
    // The SDK's sources import each other as `./client.js` (as Node.js ES modules require); Jest runs the .ts files.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['<rootDir>/test/setup/test-log-level.ts'],
  testTimeout: 120_000,
  maxWorkers: 2,
  // Each test file gets a fresh worker process: files open and close many native DuckDB instances, and one run on
  // the embedded database ended in a worker's SIGSEGV in the next file (not reproduced alone); a server opens one.
  workerIdleMemoryLimit: '1MB',
};
