/** One event as stored, with the hash the database recomputes from its content now. */
export type ChainLink = {
  seq: number;
  id: string;
  prevHash: string | null;
  hash: string;
  recomputed: string;
};
export type ChainHead = { lastSeq: number; lastHash: string | null };

export type ChainProblem =
  | 'edited' // the content no longer matches its hash
  | 'missing' // one or more events before this one were removed (gap in the sequence)
  | 'relinked' // its link to the previous event does not match that event's hash
  | 'truncated' // the newest events were removed (the chain head remembers more)
  | 'head_missing'; // events exist but the chain head was removed

export type BrokenLink = {
  organisationId: string;
  seq: number;
  eventId: string | null;
  problem: ChainProblem;
  detail: string;
};

/** Walks one organisation's chain page by page; feed links in sequence order, then call `finish`. */
export class ChainWalker {
  private expectedSeq = 1;
  private previousHash: string | null = null;
  broken: BrokenLink | null = null;

  constructor(private readonly organisationId: string) {}

  /** False once a broken link is found (the first one is the one reported). */
  add(link: ChainLink): boolean {
    if (this.broken) return false;
    const fail = (problem: ChainProblem, detail: string) => {
      this.broken = { organisationId: this.organisationId, seq: link.seq, eventId: link.id, problem, detail };
      return false;
    };
    if (link.seq !== this.expectedSeq)
      return fail(
        'missing',
        link.seq > this.expectedSeq
          ? `events ${this.expectedSeq}–${link.seq - 1} are missing before event ${link.seq}`
          : `event ${link.seq} appears twice or out of order`,
      );
    if (link.prevHash !== this.previousHash)
      return fail('relinked', `event ${link.seq} does not link to the hash of event ${link.seq - 1}`);
    if (link.hash !== link.recomputed)
      return fail('edited', `event ${link.seq} was changed after it was written`);
    this.expectedSeq = link.seq + 1;
    this.previousHash = link.hash;
    return true;
  }

  finish(head: ChainHead | undefined): BrokenLink | null {
    if (this.broken) return this.broken;
    const last = this.expectedSeq - 1;
    if (!head) {
      if (last === 0) return null;
      return this.fail(last, 'head_missing', 'the chain head of this organisation is missing');
    }
    if (head.lastSeq !== last || head.lastHash !== this.previousHash)
      return this.fail(
        last + 1,
        'truncated',
        head.lastSeq > last
          ? `events ${last + 1}–${head.lastSeq} are missing at the end of the trail`
          : `the chain head does not match event ${last}`,
      );
    return null;
  }

  get count(): number {
    return this.expectedSeq - 1;
  }

  get headHash(): string | null {
    return this.previousHash;
  }

  private fail(seq: number, problem: ChainProblem, detail: string): BrokenLink {
    this.broken = { organisationId: this.organisationId, seq, eventId: null, problem, detail };
    return this.broken;
  }
}
