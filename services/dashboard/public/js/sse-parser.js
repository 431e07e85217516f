/**
 * A Server-Sent Events parser for streams read with fetch(), which the desk needs because
 * EventSource cannot send an Authorization header. It follows the WHATWG HTML "Server-sent
 * events" interpretation rules:
 *
 *   stream  = [BOM] *(line end)
 *   line    = ":" comment | field [":" [" "] value]      (a field without a colon has an empty value)
 *   end     = CRLF | LF | CR                             (a CR at a chunk's end may pair with the next LF)
 *   field   = "event" | "data" | "id" | "retry"          (others are ignored)
 *
 * A blank line dispatches the event gathered since the last one, if it had any data. Data lines
 * are joined with LF. An `id` persists as the last event id until another `id` replaces it; an id
 * holding NUL is ignored.
 */

/**
 * @typedef {object} SseEvent
 * @property {string} type        the `event` field, or "message"
 * @property {string} data
 * @property {string | null} id   the `id` field of this event's own lines, if it had one
 * @property {string} lastEventId the stream's last event id when this event was dispatched
 */

/**
 * @typedef {object} SseHandlers
 * @property {(event: SseEvent) => void} onEvent
 * @property {(text: string) => void} [onComment] heartbeats (`: ping`) arrive here
 * @property {(ms: number) => void} [onRetry]
 */

/**
 * @param {SseHandlers} handlers
 * @returns {{ push(chunk: string): void, end(): void }}
 */
export function createSseParser(handlers) {
  let buffer = '';
  let started = false;
  /** A chunk ended in CR: an LF starting the next chunk belongs to that line end. */
  let skipLeadingLf = false;
  let type = '';
  /** @type {string[]} */
  let data = [];
  let hasData = false;
  /** @type {string | null} */
  let ownId = null;
  let lastEventId = '';

  function dispatch() {
    if (hasData) {
      handlers.onEvent({ type: type || 'message', data: data.join('\n'), id: ownId, lastEventId });
    }
    type = '';
    data = [];
    hasData = false;
    ownId = null;
  }

  /** @param {string} line */
  function processLine(line) {
    if (line === '') return dispatch();
    if (line.startsWith(':')) {
      handlers.onComment?.(line.slice(1).replace(/^ /, ''));
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        type = value;
        break;
      case 'data':
        data.push(value);
        hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) {
          lastEventId = value;
          ownId = value;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) handlers.onRetry?.(Number(value));
        break;
      default:
        break;
    }
  }

  return {
    push(chunk) {
      let text = chunk;
      if (text.length === 0) return;
      if (skipLeadingLf) {
        skipLeadingLf = false;
        if (text.startsWith('\n')) text = text.slice(1);
      }
      buffer += text;
      if (!started && buffer.length > 0) {
        started = true;
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
      }
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const char = buffer[i];
        if (char !== '\n' && char !== '\r') continue;
        processLine(buffer.slice(start, i));
        if (char === '\r') {
          if (i + 1 === buffer.length) skipLeadingLf = true;
          else if (buffer[i + 1] === '\n') i += 1;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
    /** The stream ended: an event without its closing blank line is incomplete and dropped. */
    end() {
      buffer = '';
      type = '';
      data = [];
      hasData = false;
      ownId = null;
    },
  };
}
