import { connectionSchema, parseEnvConfig, toConnections } from '@waspada/common';
import { StackError, type StackProvider } from './stack';
import { STACK_SETTING_NAMES, type StackSettings } from './stack-config';
import { createExternalProvider } from './external-provider';
import { createLocalProvider } from './local/local-provider';
import { createTestcontainersProvider, dockerAnswers } from './testcontainers-provider';

/**
 * Chooses who runs the stack, in this order: endpoints given in the environment (a real
 * deployment), containers when a Docker engine answers, otherwise local processes.
 */
export async function selectProvider(
  settings: StackSettings,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StackProvider> {
  const given = [settings.KAFKA_BROKERS, settings.SCHEMA_REGISTRY_URL, settings.REDIS_URL].filter(
    Boolean,
  ).length;
  const choice = settings.WASPADA_STACK_PROVIDER;
  if (choice === 'external' || (choice === 'auto' && given > 0)) {
    if (given < 3) {
      throw new StackError(
        'WSP_STACK_UNHEALTHY',
        'to use external servers set all of KAFKA_BROKERS, SCHEMA_REGISTRY_URL and REDIS_URL (some are missing); unset all three to run the local stack',
      );
    }
    // The same parsing as every service, so TLS, SASL and registry credentials apply here too.
    const connectionEnv = parseEnvConfig(connectionSchema, env, {
      service: 'waspada-stack',
      knownElsewhere: STACK_SETTING_NAMES,
    });
    return createExternalProvider(toConnections(connectionEnv, 'waspada-stack'));
  }
  if (choice === 'testcontainers' || (choice === 'auto' && (await dockerAnswers()))) {
    return createTestcontainersProvider(settings);
  }
  return createLocalProvider(settings, log);
}
