import { CATALOGUES } from '@waspada/messages';
import type { Page } from 'playwright-core';

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
  return text;
}

/** Clicks the page's language switch and waits for the page to be in the other language. */
export async function switchLanguage(page: Page, to: 'id' | 'en'): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.locator(`html[lang="${to}"]`).waitFor({ timeout: 15_000 });
}
