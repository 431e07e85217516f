#!/usr/bin/env node
/**
 * Generates src/generated/<name>.ts from every avro/<name>.avsc with @ovotech/avro-ts, so each
 * type is written once, in the schema. Run `npm run generate -w @waspada/schemas` after editing a
 * schema; a test regenerates in memory and fails when a committed file is stale.
 */
'use strict';
const { readFileSync, readdirSync, writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const avroDir = join(root, 'avro');
const outDir = join(root, 'src', 'generated');

function generate() {
  // avro-ts calls TypeScript factory functions that TypeScript 5 marks deprecated; the output is right.
  const { emitWarning } = process;
  const { warn, log } = console;
  process.emitWarning = () => undefined;
  console.warn = () => undefined;
  console.log = (...args) => (String(args[0]).startsWith('DeprecationWarning') ? undefined : log(...args));
  try {
    const { toTypeScript } = require('@ovotech/avro-ts');
    return readdirSync(avroDir)
      .filter((file) => file.endsWith('.avsc'))
      .sort()
      .map((file) => {
        const schema = JSON.parse(readFileSync(join(avroDir, file), 'utf8'));
        const name = file.replace(/\.avsc$/, '');
        const header = `// Generated from schemas/avro/${file} by \`npm run generate -w @waspada/schemas\`. Do not edit.\n`;
        return { file: `${name}.ts`, text: `${header}${toTypeScript(schema)}\n` };
      });
  } finally {
    process.emitWarning = emitWarning;
    console.warn = warn;
    console.log = log;
  }
}

module.exports = { generate, outDir };

if (require.main === module) {
  mkdirSync(outDir, { recursive: true });
  for (const { file, text } of generate()) {
    writeFileSync(join(outDir, file), text);
    process.stdout.write(`wrote src/generated/${file}\n`);
  }
}
