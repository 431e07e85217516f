import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../stack/stack-config';

/**
 * A runnable service: a workspace under services/ whose package.json has a "waspada" section.
 * `order` starts producers before processors before notifiers, so nothing waits on a topic that
 * nobody writes yet.
 */
export interface ServiceEntry {
  /** The workspace name, or the workspace's name and the process's for a second process of it. */
  readonly name: string;
  /** The workspace's short name: the Kafka principal it connects as. */
  readonly principal: string;
  readonly dir: string;
  readonly main: string;
  readonly order: number;
  readonly description: string;
  /** A one-off step run before any service starts (for example creating local secrets): script and arguments. */
  readonly prepare?: readonly string[];
  /** Command-line arguments of the main script (a second process of a workspace runs a command of it). */
  readonly args: readonly string[];
  /**
   * Settings of this process beyond the connections. A value `redis-db:<n>` stands for database n
   * of the stack's Redis.
   */
  readonly env: Readonly<Record<string, string>>;
}

/** A further process of a workspace: the same main script with a command and settings of its own. */
interface ProcessSection {
  readonly name: string;
  readonly description?: string;
  readonly order?: number;
  readonly args?: string[];
  readonly env?: Record<string, string>;
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
      waspada?: { order?: number; main?: string; prepare?: string[]; processes?: ProcessSection[] };
    };
    if (!pkg.waspada) continue;
    const main = join(servicesDir, name, pkg.waspada.main ?? 'dist/main.js');
    const order = pkg.waspada.order ?? 100;
    const workspace = pkg.name ?? name;
    entries.push({
      name: workspace,
      principal: name,
      dir: join(servicesDir, name),
      main,
      order,
      description: pkg.description ?? '',
      ...(pkg.waspada.prepare && {
        prepare: [join(servicesDir, name, pkg.waspada.prepare[0] ?? ''), ...pkg.waspada.prepare.slice(1)],
      }),
      args: [],
      env: {},
    });
    for (const extra of pkg.waspada.processes ?? [])
      entries.push({
        name: `${workspace} ${extra.name}`,
        principal: name,
        dir: join(servicesDir, name),
        main,
        order: extra.order ?? order,
        description: extra.description ?? '',
        args: extra.args ?? [],
        env: extra.env ?? {},
      });
  }
  return entries.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/** A process's own settings, `redis-db:<n>` made database n of the stack's Redis. */
export function processSettings(
  entry: Pick<ServiceEntry, 'env'>,
  redisUrl: string | undefined,
): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(entry.env)) {
    const database = /^redis-db:(\d+)$/.exec(value)?.[1];
    if (database === undefined) {
      settings[name] = value;
      continue;
    }
    if (!redisUrl) throw new Error(`${name}: ${value} needs REDIS_URL, which the stack did not give`);
    const url = new URL(redisUrl);
    url.pathname = `/${database}`;
    settings[name] = url.toString();
  }
  return settings;
}
