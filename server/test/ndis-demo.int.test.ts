import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../src/demo/seed-demo.js';
import { Agent, startTestApp, type TestApp } from './support/test-app.js';

const SERVER = join(import.meta.dirname, '..');

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('NDIS demo data and command', () => {
  it('the demo has a client with an NDIS plan, funding periods and a short-notice cancellation', async () => {
    expect(await seedDemoIfEmpty(t.db, Temporal.Instant.from('2026-11-23T00:00:00Z'))).toBe(true);
    const agent = new Agent(t.baseUrl);
    expect((await agent.signIn('coordinator@example.org', DEMO_PASSWORD)).status).toBe(200);
    const { client_id: clientId } = (
      await sql<{ client_id: string }>`SELECT client_id FROM ndis_plans LIMIT 1`.execute(t.db)
    ).rows[0]!;
    const funding = await agent.get(`/ndis/clients/${clientId}/funding`);
    expect(funding.status, JSON.stringify(funding.body)).toBe(200);
    const [plan] = funding.body.plans;
    expect(plan).toMatchObject({ management: 'plan', planManagerName: 'Clear Plan Managers' });
    expect(plan.periods).toHaveLength(8);
    const { booking_id: bookingId } = (
      await sql<{
        booking_id: string;
      }>`SELECT booking_id FROM booking_participants WHERE short_notice LIMIT 1`.execute(t.db)
    ).rows[0]!;
    const session = await agent.get(`/sessions/${bookingId}`);
    expect(session.body.clients[0].cancellation.ndis).toMatchObject({ shortNotice: true, claimable: true });
    expect(session.body.clients[0].cancellation.ndis.explanation).toMatch(
      /short notice → cancellation claim at 100%$/,
    );
    const report = await agent.get(`/ndis/clients/${clientId}/cancellations?from=2026-11-01&to=2026-12-01`);
    expect(report.body.counts.short_notice).toBe(1);

    // The NDIS contract type names the self-care item per band: a demo NDIS visit (weekday 06:00) is
    // claimed as weekday daytime self-care, its rate checked against the item's limit.
    const { id: ndisVisit } = (
      await sql<{ id: string }>`
        SELECT b.id FROM bookings b
        JOIN booking_participants cp ON cp.organisation_id = b.organisation_id AND cp.booking_id = b.id
        JOIN client_contracts c ON c.organisation_id = cp.organisation_id AND c.client_id = cp.client_id
        JOIN contract_types ct ON ct.organisation_id = c.organisation_id AND ct.id = c.contract_type_id
        WHERE ct.name = 'NDIS' AND cp.participant_type = 'client' AND b.kind = 'scheduled'
        ORDER BY b.starts_at, b.id LIMIT 1`.execute(t.db)
    ).rows[0]!;
    const admin = new Agent(t.baseUrl);
    expect((await admin.signIn('admin@example.org', DEMO_PASSWORD)).status).toBe(200);
    const price = await admin.get(`/bookings/${ndisVisit}/price`);
    expect(price.status, JSON.stringify(price.body)).toBe(200);
    expect(price.body.supportItem).toMatchObject({
      band: 'weekday_daytime',
      itemNumber: '01_011_0107_1_1',
      limitMinor: 7023,
      verdict: 'within',
    });
  });

  it('npm run cli -- ndis cancellation prints the decision, or a problem and exit 1', async () => {
    const input = JSON.stringify({
      supportStart: '2027-01-27T10:00:00+11:00',
      notifiedAt: '2027-01-25T14:02:00+11:00',
      timeZone: 'Australia/Sydney',
      rule: { kind: 'clearBusinessDays', days: 2 },
      publicHolidays: ['2027-01-26'],
    });
    const cli = (stdin: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const child = execFile(
          'npx',
          ['tsx', 'src/cli.ts', 'ndis', 'cancellation'],
          { cwd: SERVER },
          (error, stdout, stderr) =>
            resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
        child.stdin!.end(stdin);
      });
    const ok = await cli(input);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ shortNotice: true, deadline: '2027-01-22T00:00:00+11:00' });
    const bad = await cli('{"timeZone":"Nowhere"}');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stderr).errors.map((e: { field: string }) => e.field)).toContain('timeZone');
  });
});
