import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../stack/stack-config';

/**
 * A runnable service: a workspace under services/ whose package.json has a "waspada" section.
 * `order` starts producers before processors before notifiers, so nothing waits on a topic that
 * nobody writes yet.
 */
export interface ServiceEntry {
  readonly name: string;
  readonly dir: string;
  readonly main: string;
  readonly order: number;
  readonly description: string;
  /** A one-off step run before any service starts (for example creating local secrets): script and arguments. */
  readonly prepare?: readonly string[];
}

export function discoverServices(root = REPO_ROOT): ServiceEntry[] {
  const servicesDir = join(root, 'services');
  if (!existsSync(servicesDir)) return [];
  const entries: ServiceEntry[] = [];
  for (const name of readdirSync(servicesDir).sort()) {
    const manifest = join(servicesDir, name, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
      name?: string;
      description?: string;
      waspada?: { order?: number; main?: string; prepare?: string[] };
    };
    if (!pkg.waspada) continue;
    entries.push({
      name: pkg.name ?? name,
      dir: join(servicesDir, name),
      main: join(servicesDir, name, pkg.waspada.main ?? 'dist/main.js'),
      order: pkg.waspada.order ?? 100,
      description: pkg.description ?? '',
      ...(pkg.waspada.prepare && {
        prepare: [join(servicesDir, name, pkg.waspada.prepare[0] ?? ''), ...pkg.waspada.prepare.slice(1)],
      }),
    });
  }
  return entries.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}
