/**
 * Server-Sent Events framing (WHATWG HTML, "Server-sent events"), for the notifier's desk stream
 * and the dashboard's live alerts: an optional `id:` line, the `event:` line, one `data:` line of
 * JSON (JSON never holds a raw newline, so no data line needs splitting) and a blank line that ends
 * the event. The readers parse it with eventsource-parser.
 */
export function sseEvent(event: string, data: unknown, id?: string): string {
  return sseFrame(event, JSON.stringify(data), id);
}

/** A frame of data already serialised as one line of JSON (an alert serialised once for every screen). */
export function sseFrame(event: string, json: string, id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${json}\n\n`;
}

/** A comment line: keeps proxies and the browser from closing an idle stream. */
export const SSE_PING = ': ping\n\n';
