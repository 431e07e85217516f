import { createSseParser, type SseEvent } from '../../../public/js/sse-parser.js';

function parse(chunks: string[]) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createSseParser({
    onEvent: (event) => events.push(event),
    onComment: (text) => comments.push(text),
    onRetry: (ms) => retries.push(ms),
  });
  for (const chunk of chunks) parser.push(chunk);
  return { events, comments, retries, parser };
}

describe('createSseParser', () => {
  it('reads the desk stream: alerts with ids, caught-up, and ping comments', () => {
    const { events, comments } = parse([
      'id: a1\nevent: alert\ndata: {"alertId":"a1"}\n\n',
      'event: caught-up\ndata: {"replayed":1}\n\n',
      ': ping\n\n',
    ]);
    expect(events).toEqual([
      { type: 'alert', data: '{"alertId":"a1"}', id: 'a1', lastEventId: 'a1' },
      { type: 'caught-up', data: '{"replayed":1}', id: null, lastEventId: 'a1' },
    ]);
    expect(comments).toEqual(['ping']);
  });

  it('puts together an event split anywhere across chunks', () => {
    const text = 'id: a2\nevent: alert\ndata: {"alertId":"a2","x":"y"}\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      const { events } = parse([text.slice(0, cut), text.slice(cut)]);
      expect(events).toEqual([
        { type: 'alert', data: '{"alertId":"a2","x":"y"}', id: 'a2', lastEventId: 'a2' },
      ]);
    }
  });

  it('accepts CRLF and CR line ends, also with the CR and LF in different chunks', () => {
    const { events } = parse(['event: reset\r', '\ndata: {}\r', '\n\r', '\nevent: x\rdata: 1\r\r']);
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['reset', '{}'],
      ['x', '1'],
    ]);
  });

  it('joins several data lines with a newline and defaults the type to message', () => {
    const { events } = parse(['data: one\ndata:two\ndata\n\n']);
    expect(events).toEqual([{ type: 'message', data: 'one\ntwo\n', id: null, lastEventId: '' }]);
  });

  it('dispatches nothing for a block without data, but keeps its id', () => {
    const { events } = parse(['id: 7\nevent: alert\n\n', 'data: x\n\n']);
    expect(events).toEqual([{ type: 'message', data: 'x', id: null, lastEventId: '7' }]);
  });

  it('ignores an id that holds NUL, unknown fields, and a non-numeric retry', () => {
    const { events, retries } = parse(['id: bad\0id\nfoo: bar\nretry: soon\nretry: 3000\ndata: x\n\n']);
    expect(events[0]?.lastEventId).toBe('');
    expect(retries).toEqual([3000]);
  });

  it('strips a byte order mark at the start of the stream only', () => {
    const { events } = parse(['\uFEFFdata: a\n\n', '\uFEFFdata: b\n\n']);
    expect(events.map((event) => event.data)).toEqual(['a']);
  });

  it('drops an event the stream ended in the middle of', () => {
    const { events, parser } = parse(['event: alert\ndata: {"partial":']);
    parser.end();
    parser.push('\n\n');
    expect(events).toEqual([]);
  });
});
