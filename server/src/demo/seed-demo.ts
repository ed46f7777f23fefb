import { Temporal } from 'temporal-polyfill';
import { cancelBooking } from '../bookings/cancel-booking.action.js';
import { changeBooking, createAdhocBooking } from '../bookings/save-booking.action.js';
import type { Actor } from '../identity/actor.js';
import { createOrganisation, createUserWithStaff } from '../identity/organisation.action.js';
import { PERMISSION_KEYS } from '../identity/permissions.js';
import { listRoles } from '../identity/role.store.js';
import { addPreference, setServiceDefault } from '../notifications/preferences.action.js';
import { createClient } from '../people/clients.action.js';
import { insertProvider } from '../people/external-provider.store.js';
import { createStaff } from '../people/staff.action.js';
import { createPlan } from '../plans/plans.action.js';
import { createService, deployPlan } from '../plans/services.action.js';
import { type Db, withSystem, withTenant } from '../platform/db/database.js';
import { insertServiceType } from '../scheduling/schedule.store.js';
import { createSeries } from '../scheduling/series.action.js';
import { DomainError } from '../shared/domain-error.js';
import { seedDemoAccommodation } from './seed-demo-accommodation.js';
import { seedDemoBilling, seedDemoContracts } from './seed-demo-billing.js';
import { seedDemoEntitlements } from './seed-demo-entitlements.js';
import { seedDemoNdis } from './seed-demo-ndis.js';
import { seedDemoNdisFunding } from './seed-demo-ndis-funding.js';
import { seedDemoQuickView } from './seed-demo-quick-view.js';
import { seedDemoSessions } from './seed-demo-sessions.js';

export const DEMO_PASSWORD = 'carebook-demo';
export const DEMO_SIGN_INS = [
  { email: 'admin@example.org', role: 'Administrator' },
  { email: 'coordinator@example.org', role: 'Coordinator' },
  { email: 'worker@example.org', role: 'Associate/Worker' },
  { email: 'finance@example.org', role: 'Finance' },
] as const;

const GIVEN = [
  'Olivia',
  'Jack',
  'Charlotte',
  'Noah',
  'Amelia',
  'William',
  'Isla',
  'Oliver',
  'Mia',
  'Thomas',
  'Ava',
  'Lachlan',
  'Grace',
  'Henry',
  'Chloe',
  'Lucas',
  'Matilda',
  'Leo',
  'Zoe',
  'Harrison',
  'Ruby',
  'Archie',
  'Evie',
  'Samuel',
];
const FAMILY = [
  'Nguyen',
  'Smith',
  'Williams',
  'Brown',
  'Jones',
  'Wilson',
  'Taylor',
  'Martin',
  'Anderson',
  'Thompson',
  'White',
  'Walker',
  'Harris',
  'Lee',
  'Ryan',
  'Robinson',
  'Kelly',
  'King',
  'Campbell',
  'Clarke',
  'Mitchell',
  'Young',
  'Wright',
  'Scott',
];
const SERVICES = [
  'Personal care',
  'Community access',
  'Domestic assistance',
  'Physiotherapy',
  'Occupational therapy review',
  'Shopping assistance',
  'Medication prompt',
  'Social support',
];

/** Creates the demo organisation unless one exists. Returns false when the database already had data. */
export async function seedDemoIfEmpty(db: Db, now: Temporal.Instant): Promise<boolean> {
  const existing = await withSystem(db, (tx) =>
    tx.selectFrom('organisations').select('id').limit(1).execute(),
  );
  if (existing.length > 0) return false;

  const org = await createOrganisation(db, 'Sunrise Community Care', 'Australia/Sydney');
  const people = [
    {
      email: 'admin@example.org',
      givenName: 'Priya',
      familyName: 'Raman',
      roleKey: 'administrator',
      tz: 'Australia/Sydney',
    },
    {
      email: 'coordinator@example.org',
      givenName: 'Sam',
      familyName: 'Okafor',
      roleKey: 'coordinator',
      tz: 'Australia/Sydney',
    },
    {
      email: 'worker@example.org',
      givenName: 'Mei',
      familyName: 'Chen',
      roleKey: 'worker',
      tz: 'Australia/Sydney',
    },
    {
      email: 'finance@example.org',
      givenName: 'Tom',
      familyName: 'Becker',
      roleKey: 'finance',
      tz: 'Australia/Perth',
    },
  ] as const;
  const created: { userId: string; staffId: string }[] = [];
  for (const p of people) {
    created.push(
      await createUserWithStaff(db, {
        organisationId: org.id,
        email: p.email,
        password: DEMO_PASSWORD,
        givenName: p.givenName,
        familyName: p.familyName,
        timeZone: p.tz,
        roleKey: p.roleKey,
      }),
    );
  }
  const admin: Actor = {
    organisationId: org.id,
    userId: created[0]!.userId,
    staffId: created[0]!.staffId,
    email: 'admin@example.org',
    label: 'Priya Raman',
    permissions: new Set(PERMISSION_KEYS),
    ip: null,
  };

  await withTenant(db, org.id, async (tx) => {
    const workerRole = (await listRoles(tx, org.id)).find((r) => r.key === 'worker')!;
    const workers = [created[2]!.staffId];
    const workerNames = [
      ['Aisha', 'Khan', 'Australia/Sydney'],
      ['Ben', 'Murphy', 'Australia/Sydney'],
      ['Carla', 'Rossi', 'Australia/Sydney'],
      ['Dev', 'Patel', 'Australia/Sydney'],
      ['Ella', 'Fraser', 'Australia/Perth'],
      ['Finn', "O'Brien", 'Australia/Perth'],
      ['Gia', 'Tran', 'Australia/Perth'],
      ['Hugo', 'Schmidt', 'Australia/Sydney'],
    ] as const;
    for (const [given, family, tz] of workerNames) {
      const staff = await createStaff(tx, admin, {
        givenName: given,
        familyName: family,
        email: `${given.toLowerCase()}.${family.toLowerCase().replace(/[^a-z]/g, '')}@example.org`,
        phone: null,
        timeZone: tz,
        deliversServices: true,
        roleIds: [workerRole.id],
      });
      workers.push(staff.id);
    }
    const provider = await insertProvider(tx, org.id, {
      name: 'Harbour Allied Health',
      contactName: 'Reception',
      email: 'bookings@harbour.example.org',
      phone: '02 9000 0000',
    });

    const clients = [];
    for (let i = 0; i < 24; i++) {
      const perth = i % 3 === 2;
      clients.push(
        await createClient(tx, admin, {
          givenName: GIVEN[i]!,
          familyName: FAMILY[i]!,
          preferredName: i % 5 === 0 ? GIVEN[i]!.slice(0, 3) : null,
          dateOfBirth: `${1940 + ((i * 7) % 60)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
          // A few clients have e-mail, so the Outbox shows their confirmations and reminders after `npm start`.
          email:
            i % 4 === 0
              ? `${GIVEN[i]!.toLowerCase()}.${FAMILY[i]!.toLowerCase().replace(/[^a-z]/g, '')}@clients.example.org`
              : null,
          phone: `04${String(10000000 + i * 7919).slice(0, 8)}`,
          addressLine1: `${10 + i} ${perth ? 'Hay' : 'George'} Street`,
          suburb: perth ? 'Perth' : 'Sydney',
          state: perth ? 'WA' : 'NSW',
          postcode: perth ? '6000' : '2000',
          country: 'Australia',
          timeZone: perth ? 'Australia/Perth' : 'Australia/Sydney',
          ndisNumber: i % 2 === 0 ? `43${String(1000000 + i * 4513).slice(0, 7)}` : null,
          localAuthorityReference: i % 2 === 1 ? `LA-${2000 + i}` : null,
          status: i === 23 ? 'inactive' : 'active',
          notes: null,
        }),
      );
    }

    // Notification preferences: a daughter who is copied in, SMS with quiet hours, and a client who opted out.
    const optedIn = { timeZone: null, optedIn: true, quietStart: null, quietEnd: null };
    await addPreference(
      tx,
      admin,
      clients[0]!.id,
      {
        ...optedIn,
        recipient: 'contact',
        contactName: `Anna ${FAMILY[0]}`,
        email: `anna.${FAMILY[0]!.toLowerCase()}@family.example.org`,
        phone: null,
        channel: 'email',
      },
      now,
    );
    await addPreference(
      tx,
      admin,
      clients[4]!.id,
      {
        ...optedIn,
        recipient: 'client',
        contactName: null,
        email: null,
        phone: null,
        channel: 'sms',
        quietStart: '21:00',
        quietEnd: '07:00',
      },
      now,
    );
    await addPreference(
      tx,
      admin,
      clients[8]!.id,
      {
        ...optedIn,
        optedIn: false,
        recipient: 'client',
        contactName: null,
        email: null,
        phone: null,
        channel: 'email',
      },
      now,
    );

    // Bookings from two weeks ago to four weeks ahead; overlapping picks are skipped, as a coordinator would.
    const today = now.toZonedDateTimeISO('Australia/Sydney').toPlainDate();
    let made = 0;
    for (let k = 0; k < 90; k++) {
      const client = clients[k % 23]!;
      const date = today.add({ days: (k % 42) - 14 });
      const assignee =
        k % 11 === 0
          ? { type: 'provider' as const, id: provider.id }
          : { type: 'staff' as const, id: workers[k % workers.length]! };
      try {
        const booking = await createAdhocBooking(tx, admin, client.id, {
          name: SERVICES[k % SERVICES.length]!,
          bookingDate: date.toString(),
          startTime: `${String(7 + (k % 10)).padStart(2, '0')}:${k % 2 === 0 ? '00' : '30'}`,
          durationMinutes: [60, 90, 120, 45][k % 4]!,
          assignee,
          notes: null,
        });
        made++;
        if (Temporal.PlainDate.compare(date, today) < 0) {
          if (k % 7 === 3) await cancelBooking(tx, admin, booking.id, 'Client unwell');
          else await changeBooking(tx, admin, booking.id, { status: 'completed' });
        }
      } catch (error) {
        if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
      }
    }

    const onboarding = await createPlan(tx, admin, {
      name: 'New client onboarding',
      description: 'From referral to the first review',
      limitConcurrentDeployments: true,
      steps: [
        {
          title: 'Intake call',
          delayDays: 0,
          description: 'Welcome call with the client or their nominee.',
          activities: [
            'Confirm address and access',
            'Confirm funding and NDIS number',
            'Book the home assessment',
          ],
          defaultAssignee: null,
        },
        {
          title: 'Home assessment',
          delayDays: 3,
          description: 'Visit the home and record risks.',
          activities: ['Check access and parking', 'Bathroom safety check', 'Record equipment needed'],
          defaultAssignee: { type: 'role', id: workerRole.id },
        },
        {
          title: 'Care plan review',
          delayDays: 14,
          description: 'Review the first fortnight with the client and family.',
          activities: ['Call the family', 'Update goals'],
          defaultAssignee: null,
        },
      ],
    });
    await createPlan(tx, admin, {
      name: 'Hospital discharge follow-up',
      description: null,
      limitConcurrentDeployments: false,
      steps: [
        {
          title: 'Welcome home call',
          delayDays: 1,
          description: null,
          activities: ['Check medication supply'],
          defaultAssignee: null,
        },
        {
          title: 'Follow-up visit',
          delayDays: 7,
          description: 'Check recovery and equipment.',
          activities: ['Check wound care', 'Review equipment'],
          defaultAssignee: { type: 'role', id: workerRole.id },
        },
      ],
    });
    for (const client of clients.slice(0, 3)) {
      await deployPlan(
        tx,
        admin,
        onboarding.id,
        {
          clientId: client.id,
          startDate: today.subtract({ days: 5 }).toString(),
          planWide: { assignee: { type: 'staff', id: created[2]!.staffId } },
        },
        now,
      );
    }
    await createService(
      tx,
      admin,
      {
        clientId: clients[4]!.id,
        title: 'Arrange shower chair delivery',
        dueDate: today.add({ days: 2 }).toString(),
        assignee: { type: 'staff', id: created[2]!.staffId },
        description: 'Supplier: Harbour Allied Health.',
        activities: ['Get quote', 'Confirm delivery date'],
        notes: null,
      },
      now,
    );

    // Regular care: weekly and fortnightly scheduled services, generated over the horizon.
    const types = [];
    for (const [name, colour] of [
      ['Personal care', '#0b7a75'],
      ['Domestic assistance', '#7a4b0b'],
      ['Community access', '#4b0b7a'],
      ['Nursing', '#b0263e'],
    ] as const)
      types.push(await insertServiceType(tx, org.id, { name, colour }));
    // Notification defaults (the Notification defaults page): nursing visits are reminded two days ahead.
    await setServiceDefault(tx, admin, types[types.length - 1]!.id, {
      notifyClient: true,
      reminderMinutes: 2880,
    });
    const rules = [
      'FREQ=WEEKLY;BYDAY=MO,WE,FR',
      'FREQ=WEEKLY;BYDAY=TU,TH',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA',
      'FREQ=WEEKLY;BYDAY=SU',
    ];
    for (let i = 0; i < 12; i++) {
      const type = types[i % types.length]!;
      await createSeries(
        tx,
        admin,
        clients[i]!.id,
        {
          serviceTypeId: type.id,
          name: type.name,
          startDate: today.subtract({ days: 7 }).toString(),
          startTime: i % 2 === 0 ? '06:00' : '18:45',
          rrule: rules[i % rules.length]!,
          endDate: null,
          durationMinutes: 45,
          staffId: i % 6 === 5 ? null : workers[i % workers.length]!,
          notes: null,
          contractId: null,
          status: i === 11 ? 'draft' : 'active',
        },
        now,
      );
    }
    await seedDemoContracts(tx, admin, { clients, workers, today });
    await seedDemoEntitlements(tx, admin, {
      associateId: workers[0]!,
      clientIds: [clients[0]!.id, clients[3]!.id],
      today,
      now,
    });
    await seedDemoSessions(tx, admin, { clients, workers, today, serviceTypeId: types[2]!.id, now });
    await seedDemoAccommodation(tx, admin, {
      clientIds: clients.slice(5, 10).map((c) => c.id as string),
      today,
      now,
    });
    await seedDemoQuickView(
      tx,
      admin,
      {
        ...admin,
        userId: created[2]!.userId,
        staffId: created[2]!.staffId,
        email: 'worker@example.org',
        label: 'Mei Chen',
        permissions: new Set(['appointments.own']),
      },
      { clientIds: [clients[1]!.id, clients[2]!.id, clients[4]!.id, clients[5]!.id, clients[6]!.id], now },
    );
    await seedDemoNdisFunding(tx, admin, {
      client: clients[2]!,
      workerId: workers[1]!,
      today,
      therapyTypeId: types[3]!.id,
      now,
    });
    await seedDemoNdis(tx, admin);
    return made;
  });
  await seedDemoBilling(db, admin, now);
  return true;
}
