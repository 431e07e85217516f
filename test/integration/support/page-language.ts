import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CATALOGUES } from '@waspada/messages';
import type { Page } from 'playwright-core';

/**
 * Where the browser tests leave a picture of each page they read in Bahasa Indonesia: the docs'
 * screenshots are taken by the tests that check the pages (docs/testing.md, "Screenshots"), so a
 * picture always shows a page as a test saw it. A relative folder is taken from the repository's
 * root. Unset in a normal run: no file is written.
 */
const SCREENSHOTS_DIR =
  process.env.SCREENSHOTS_DIR && resolve(__dirname, '..', '..', '..', process.env.SCREENSHOTS_DIR);

/** The file a page's picture goes to: its path, `/analyst/person` as analyst-person.png. */
export function screenshotName(url: string): string {
  const path = new URL(url).pathname.replace(/^\/+|\/+$/g, '');
  const page = path.startsWith('desk/') ? 'desk' : path.replace(/\//g, '-');
  return `${page === '' ? 'operations' : page}.png`;
}

/** Every key of the catalogue, as a word of its own: a text the page failed to look up. */
const RAW_KEY = new RegExp(
  `(?<![\\w.])(?:${Object.keys(CATALOGUES.id)
    .map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})(?![\\w.])`,
);
const PLACEHOLDER = /\{[A-Za-z]+\}/;

/**
 * The text a reader sees on the page (innerText: hidden elements left out), after checking that no
 * message key and no `{param}` placeholder shows in it, and that `<html lang>` says the language.
 */
export async function visibleText(page: Page, language: 'id' | 'en'): Promise<string> {
  await page.locator(`html[lang="${language}"]`).waitFor({ timeout: 15_000 });
  const text = await page.innerText('body');
  expect(text).not.toMatch(RAW_KEY);
  expect(text).not.toMatch(PLACEHOLDER);
  if (SCREENSHOTS_DIR && language === 'id') {
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    // The first screen, as a reader opens the page: a whole page of a test's many alerts would be
    // metres of the same card.
    await page.screenshot({ path: join(SCREENSHOTS_DIR, screenshotName(page.url())) });
  }
  return text;
}

/** Clicks the page's language switch and waits for the page to be in the other language. */
export async function switchLanguage(page: Page, to: 'id' | 'en'): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.locator(`html[lang="${to}"]`).waitFor({ timeout: 15_000 });
}
