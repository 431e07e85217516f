import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from '@waspada/infra';

/** The machine's chromium for page tests: Debian's, as root, offline: no sandbox, no calls home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
}

/**
 * The page's console errors and uncaught exceptions, collected as they come: a script the CSP
 * refuses, or one that throws, shows up here.
 */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}
