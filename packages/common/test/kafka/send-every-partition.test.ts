import type { Message, RecordMetadata, TopicMessages } from 'kafkajs';
import { sendEveryPartition } from '../../src/kafka/kafkajs-adapter';

/** Messages whose partition is the number in their key, as a partitioner would have chosen. */
const message = (partition: number, value: string): Message => ({ key: String(partition), value });
const partitionOf = (entry: Message) => Number(entry.key);
const answer = (topicName: string, partitions: readonly number[]): RecordMetadata[] =>
  partitions.map((partition) => ({ topicName, partition, errorCode: 0, baseOffset: '0' }));

/** A send that answers for the partitions it is told to, send after send, and notes what it got. */
function scriptedSend(answers: readonly (readonly number[])[]) {
  const sent: string[][] = [];
  let call = 0;
  const send = async (topicMessages: TopicMessages[]) => {
    sent.push(topicMessages.flatMap(({ messages }) => messages.map((entry) => String(entry.value))));
    return answer('alerts', answers[Math.min(call++, answers.length - 1)] ?? []);
  };
  return { send, sent };
}

describe('sendEveryPartition', () => {
  const records = () => [
    {
      topic: 'alerts',
      messages: [message(0, 'a'), message(1, 'b'), message(2, 'c'), message(1, 'd')],
    },
  ];

  it('sends once when every partition answers', async () => {
    const { send, sent } = scriptedSend([[0, 1, 2]]);
    await sendEveryPartition(send, records(), partitionOf);
    expect(sent).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('sends again only the records of partitions the answer left out (a leader that died mid-send)', async () => {
    const { send, sent } = scriptedSend([[0, 2], [1]]);
    await sendEveryPartition(send, records(), partitionOf);
    expect(sent).toEqual([
      ['a', 'b', 'c', 'd'],
      ['b', 'd'],
    ]);
  });

  it('fails as retryable, naming what is unwritten, when a partition never answers', async () => {
    const { send, sent } = scriptedSend([[0, 2]]);
    await expect(sendEveryPartition(send, records(), partitionOf)).rejects.toMatchObject({
      code: 'WSP_KAFKA_UNREACHABLE',
      retryable: true,
      message: expect.stringContaining('alerts: 2 records'),
    });
    expect(sent).toHaveLength(6);
  });
});
