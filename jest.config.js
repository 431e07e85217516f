/** `npm test` runs every workspace's jest project in one run, for one summary. */
module.exports = {
  projects: ['<rootDir>/packages/*', '<rootDir>/infra', '<rootDir>/services/*', '<rootDir>/test'],
};
