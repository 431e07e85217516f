/**
 * The public entry of @waspada/messages. It imports nothing, so the same files, built as ES
 * modules, are what the browser loads.
 */
export { CATALOGUES, DEFAULT_LANGUAGE, LANGUAGES } from './catalogue.js';
export type { Language, MessageKey, ParamsOf, ProcedureKey, ReasonKey } from './catalogue.js';
export { formatMessage, PARAM_KINDS, placeholdersOf } from './format.js';
export type { ParamKind, Renderers } from './format.js';
export { ENGLISH_RENDERERS, messagePart, messageText, PLAIN_RENDERERS } from './message.js';
export type { MessagePart } from './message.js';
