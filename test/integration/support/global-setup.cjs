'use strict';
/** Brings the stack up once for the whole run (idempotent) and hands its endpoints to the tests. */
module.exports = async function globalSetup() {
  const { endpointEnv, loadStackSettings, selectProvider } = require('@waspada/infra');
  const stack = await selectProvider(loadStackSettings(process.env), (line) =>
    process.stdout.write(`[stack] ${line}\n`),
  );
  const report = await stack.up();
  if (report.started.length > 0)
    process.stdout.write(`[stack] started ${report.started.join(', ')} for the tests\n`);
  Object.assign(process.env, endpointEnv(stack.endpoints));
};
