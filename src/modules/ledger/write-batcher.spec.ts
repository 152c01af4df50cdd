import { WriteBatcher } from './write-batcher.js';

describe('WriteBatcher', () => {
  it('writes what is submitted in one turn together and answers each caller its own output', async () => {
    const writes: number[][] = [];
    const batcher = new WriteBatcher<number, string>((items) => {
      writes.push([...items]);
      return Promise.resolve(items.map((item) => `#${item}`));
    });

    const first = await Promise.all([batcher.submit(1), batcher.submit(2), batcher.submit(3)]);
    const second = await batcher.submit(4);

    expect(first).toEqual(['#1', '#2', '#3']);
    expect(second).toBe('#4');
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it('fails every caller of a write that failed, and goes on with the next', async () => {
    let fail = true;
    const batcher = new WriteBatcher<number, number>((items) =>
      fail ? Promise.reject(new Error('database gone')) : Promise.resolve([...items]),
    );

    const failed = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    fail = false;

    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await batcher.submit(3)).toBe(3);
  });

  it('collects submissions made while a write is running into the next write', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const batcher = new WriteBatcher<number, number>(async (items) => {
      writes.push([...items]);
      if (items[0] === 1) await blocked;
      return [...items];
    });

    const first = batcher.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [batcher.submit(2), batcher.submit(3)];
    release();

    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3]);
    expect(writes).toEqual([[1], [2, 3]]);
  });
});
