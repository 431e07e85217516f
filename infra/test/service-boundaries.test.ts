import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * No service depends on another: what two services share lives in packages/. A service that
 * imports another ships that one's code and dependencies with it and breaks when the other changes
 * inside. The lint rule for services/** says the same at the import; this also reads package.json.
 */
const REPO = join(__dirname, '..', '..');
const SERVICES_DIR = join(REPO, 'services');

interface Manifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

const services = readdirSync(SERVICES_DIR)
  .filter((dir) => existsSync(join(SERVICES_DIR, dir, 'package.json')))
  .map((dir) => ({
    dir: join(SERVICES_DIR, dir),
    manifest: JSON.parse(readFileSync(join(SERVICES_DIR, dir, 'package.json'), 'utf8')) as Manifest,
  }));
const servicePackages = new Set(services.map((service) => service.manifest.name));

/** Every .ts file below a folder. */
function typescriptFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => join(dir, path));
}

/** Module names in import and export declarations, `import()`, `require()` and `require.resolve()`. */
const MODULE_REFERENCE = /(?:\bfrom|\bimport|\brequire(?:\.resolve)?)\s*\(?\s*['"]([^'"\n]+)['"]/g;

/** The package a module name belongs to: `@scope/name` of `@scope/name/dist/main.js`. */
const packageOf = (moduleName: string) =>
  moduleName
    .split('/')
    .slice(0, moduleName.startsWith('@') ? 2 : 1)
    .join('/');

/** `<file>: <module>` for every reference a service's source and tests make to a service package. */
function serviceImportsIn(serviceDir: string): string[] {
  return ['src', 'test'].flatMap((folder) =>
    typescriptFiles(join(serviceDir, folder)).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(MODULE_REFERENCE)]
        .map((match) => match[1] as string)
        .filter((moduleName) => servicePackages.has(packageOf(moduleName)))
        .map((moduleName) => `${relative(REPO, file)}: ${moduleName}`),
    ),
  );
}

describe('service boundaries', () => {
  it('finds the services, so the checks below are not vacuous', () => {
    expect(servicePackages.size).toBeGreaterThanOrEqual(10);
    expect(servicePackages).toContain('@waspada/risk-processor');
  });

  it.each(services.map((service) => [service.manifest.name, service] as const))(
    '%s lists no other service among its dependencies',
    (_name, { manifest }) => {
      const listed = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
      expect(listed.filter((name) => servicePackages.has(name))).toEqual([]);
    },
  );

  it.each(services.map((service) => [service.manifest.name, service] as const))(
    '%s imports no service package',
    (_name, { dir }) => {
      expect(serviceImportsIn(dir)).toEqual([]);
    },
  );

  it('recognises every form of reference to a service package', () => {
    const source = [
      "import { startNotifier } from '@waspada/notifier';",
      "import type { RiskProcessor } from '@waspada/risk-processor';",
      "export * from '@waspada/dashboard';",
      "const inbox = await import('@waspada/agency-inbox');",
      "const main = require.resolve('@waspada/passport-producer/dist/main.js');",
      "import '@waspada/simulator';",
      "import { TOPICS } from '@waspada/common';",
    ].join('\n');
    const named = [...source.matchAll(MODULE_REFERENCE)].map((match) => packageOf(match[1] as string));
    expect(named.filter((name) => servicePackages.has(name))).toEqual([
      '@waspada/notifier',
      '@waspada/risk-processor',
      '@waspada/dashboard',
      '@waspada/agency-inbox',
      '@waspada/passport-producer',
      '@waspada/simulator',
    ]);
  });
});
