/**
 * The wording of an extra-session request's outcome, for the client and for the associate who asked. Pure.
 * The client's message names no clinical detail (the justification stays with the associate and the funder).
 */
export type ExtraSessionOutcome = {
  outcome: 'approved' | 'modified' | 'declined';
  requested: number;
  granted: number;
  funder: string;
  issue: string;
  clientName: string;
  organisationName: string;
  note: string | null;
};

const sessions = (n: number) => `${n} ${n === 1 ? 'session' : 'sessions'}`;

export function composeExtraSessionOutcome(
  o: ExtraSessionOutcome,
  recipient: { name: string; isClient: boolean },
): { subject: string; body: string } {
  const whose = recipient.isClient ? 'your' : `${o.clientName}’s`;
  const decided =
    o.outcome === 'approved'
      ? `approved ${sessions(o.granted)}`
      : o.outcome === 'modified'
        ? `approved ${sessions(o.granted)} of the ${sessions(o.requested)} requested`
        : `declined the request for ${sessions(o.requested)}`;
  const subject =
    o.outcome === 'declined'
      ? `Extra sessions declined by ${o.funder}`
      : `Extra sessions approved by ${o.funder}: ${sessions(o.granted)}`;
  const lines = [
    `Hello ${recipient.name},`,
    '',
    `${o.funder} has ${decided} more for ${whose} ${o.issue} case.`,
  ];
  if (o.outcome === 'declined')
    lines.push(
      recipient.isClient
        ? 'Your practitioner will talk with you about what comes next.'
        : 'No further session can be booked on this case unless sessions remain.',
    );
  else
    lines.push(
      recipient.isClient
        ? 'Your practitioner will be in touch to book your next session.'
        : 'You can now book the next session with the rebooking wizard.',
    );
  if (o.note && !recipient.isClient) lines.push('', `Note from the funder: ${o.note}`);
  lines.push('', o.organisationName);
  return { subject, body: lines.join('\n') };
}
