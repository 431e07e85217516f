/**
 * Jest settings shared by every workspace. swc strips types only; the `typecheck` task is what
 * checks them, so tests start fast.
 */
module.exports = function preset({ displayName, ...overrides }) {
  return {
    displayName,
    testEnvironment: 'node',
    roots: ['<rootDir>/test'],
    testMatch: ['**/*.test.ts'],
    transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
    ...overrides,
  };
};
