'use strict';
/**
 * Brings the stack up once for the whole run and provisions it (both no-ops under `npm test`,
 * which has done it already), then hands the endpoints to the tests.
 */
module.exports = async function globalSetup() {
  const { createLogger } = require('@waspada/common');
  const {
    endpointEnv,
    loadStackSettings,
    provision,
    selectProvider,
    topicReplicationFactor,
  } = require('@waspada/infra');
  const settings = loadStackSettings(process.env);
  const stack = await selectProvider(settings, (line) => process.stdout.write(`[stack] ${line}\n`));
  const report = await stack.up();
  if (report.started.length > 0)
    process.stdout.write(`[stack] started ${report.started.join(', ')} for the tests\n`);
  await provision(
    stack.connections,
    createLogger({ service: 'test-setup', level: 'warn' }),
    topicReplicationFactor(settings),
  );
  Object.assign(process.env, endpointEnv(stack.connections));
};
