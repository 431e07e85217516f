/** One Server-Sent Event as a desk screen receives it. */
export interface SseMessage {
  readonly event: string;
  readonly id?: string;
  readonly data: unknown;
}

export interface SseConnection {
  /** The HTTP status of the answer; the stream is read only when it is 2xx. */
  readonly status: number;
  close(): void;
}

/**
 * Reads an SSE stream the way a desk screen does: fetch with headers (EventSource cannot send a
 * Bearer token), frames split on blank lines, JSON data. For tools and tests; the desk page has its
 * own browser copy.
 */
export async function openSseStream(
  url: string,
  headers: Readonly<Record<string, string>>,
  onMessage: (message: SseMessage) => void,
): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const connection = { status: response.status, close: () => controller.abort() };
  if (!response.ok || !response.body) {
    await response.text().catch(() => undefined);
    return connection;
  }
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
          }
          const event = fields.get('event');
          if (event === undefined) continue;
          const id = fields.get('id');
          onMessage({
            event,
            ...(id !== undefined && { id }),
            data: JSON.parse(fields.get('data') ?? 'null'),
          });
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return connection;
}
