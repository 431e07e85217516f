import { createParser } from 'eventsource-parser';

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
 * Bearer token), parsed by eventsource-parser as the desk page parses it, JSON data. For tools and tests.
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
  const parser = createParser({
    onEvent: ({ event, id, data }) => {
      if (event === undefined) return;
      onMessage({ event, ...(id !== undefined && { id }), data: JSON.parse(data) as unknown });
    },
  });
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // Aborted by close().
    }
  })();
  return connection;
}
