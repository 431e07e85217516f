/**
 * Imported first, before anything of Waspada's, by a test file whose processors must not replay
 * what other test files left on the shared topics: every topic this file's code names (and every
 * registry subject) gets a namespace of its own (TOPIC_NAMESPACE in @waspada/common, which reads
 * the setting when it loads), and the services it starts get it too (serviceEnv). Jest loads each
 * test file's modules afresh, with its own copy of process.env, so the namespace is this file's
 * alone. The file creates its topics in beforeAll with useOwnTopics (clients.ts), as the global
 * set-up creates the shared ones.
 */
import { randomUUID } from 'node:crypto';

process.env.WASPADA_TOPIC_NAMESPACE = `t-${randomUUID().slice(0, 8)}`;
