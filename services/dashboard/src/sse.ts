/**
 * Server-Sent Events framing (WHATWG HTML, "Server-sent events"): an optional `id:` line, the
 * `event:` line, one `data:` line of JSON (JSON never holds a raw newline), and a blank line that
 * ends the event.
 */
export function sseFrame(event: string, data: unknown, id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: keeps proxies and the browser from closing an idle stream. */
export const SSE_PING = ': ping\n\n';
