import { fencedChunks } from '../src/state-store';

/** Each person's writes as [person, index] pairs, so a chunk shows whose writes it holds. */
const writesOf = (sizes: readonly number[]) =>
  sizes.map((size, person) => Array.from({ length: size }, (_, index) => [person, index] as const));

describe('fencedChunks', () => {
  it('keeps every write, in order, in scripts of at most the limit', () => {
    const people = writesOf([3, 2, 4, 1, 3]);
    const chunks = fencedChunks(people, 5);
    expect(chunks.flat()).toEqual(people.flat());
    expect(chunks.map((chunk) => chunk.length)).toEqual([5, 5, 3]);
  });

  it('never splits a person between two scripts', () => {
    const chunks = fencedChunks(writesOf([3, 3, 3]), 5);
    expect(chunks.map((chunk) => [...new Set(chunk.map(([person]) => person))])).toEqual([[0], [1], [2]]);
  });

  it('gives a person past the limit a script of their own', () => {
    const chunks = fencedChunks(writesOf([1, 7, 1]), 5);
    expect(chunks.map((chunk) => chunk.length)).toEqual([1, 7, 1]);
  });

  it('makes no script of nothing', () => {
    expect(fencedChunks([], 5)).toEqual([]);
    expect(fencedChunks([[], []], 5)).toEqual([]);
  });
});
