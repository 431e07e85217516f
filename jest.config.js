/** `npm test` runs every workspace's jest project in one run, for one summary. */
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const workspaceDirs = ['packages', 'services'].flatMap((group) =>
  existsSync(join(__dirname, group))
    ? readdirSync(join(__dirname, group)).map((name) => join(group, name))
    : [],
);

module.exports = {
  // A global option: a project config sets it only when jest runs that project alone. Integration
  // tests wait on real servers; the limit only stops a hang, it says nothing about speed.
  testTimeout: 120_000,
  projects: [...workspaceDirs, 'bench', 'infra', 'schemas', 'scripts', 'test']
    .filter((dir) => existsSync(join(__dirname, dir, 'jest.config.js')))
    .map((dir) => `<rootDir>/${dir}`),
};
