import { expect, test } from '@playwright/test';
import { apiSession, field, signIn, USERS, uniqueSuffix } from './support';

type Client = { id: string; givenName: string; familyName: string };

/** An NDIS number no other test uses: 43 and seven digits from the time and a random part. */
const freshNdisNumber = () =>
  `43${String(Date.now() % 1e5).padStart(5, '0')}${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;

test('the client form warns of a likely duplicate with a link, and refuses a taken NDIS number on the field', async ({
  page,
}) => {
  const family = `Harris${uniqueSuffix()}`;
  const ndis = freshNdisNumber();
  const admin = await apiSession(USERS.admin);
  const existing = await admin.post<Client>('/clients', {
    givenName: 'Grace',
    familyName: family,
    dateOfBirth: '1950-03-04',
    suburb: 'Newtown',
    timeZone: 'Australia/Sydney',
    ndisNumber: ndis,
  });
  await admin.dispose();

  await signIn(page, USERS.coordinator);
  await page.goto('/clients');
  await page.getByRole('button', { name: /New client/ }).click();
  const form = page.getByRole('form', { name: 'New client' });
  await field(form, 'Given name').fill('Grace');
  await field(form, 'Family name').fill(family);
  await field(form, 'Date of birth').fill('04/03/1950');
  const warning = form.getByRole('status').filter({ hasText: 'Is this client already in Carebook?' });
  await expect(warning).toContainText(`Grace ${family} (born 04/03/1950, Newtown)`);
  await expect(warning.getByRole('link', { name: `Grace ${family}` })).toHaveAttribute(
    'href',
    `/clients/${existing.id}/profile`,
  );

  await field(form, 'NDIS number').fill(`${ndis.slice(0, 3)} ${ndis.slice(3, 6)} ${ndis.slice(6)}`);
  await expect(
    form.getByRole('alert').filter({ hasText: 'This NDIS number is already in use' }),
  ).toBeVisible();
  await form.getByRole('button', { name: /Create|Save/ }).click();
  await expect(form.getByText(`already belongs to Grace ${family}`).first()).toBeVisible();

  // A phone number that cannot be Australian is named on its field, in words.
  await field(form, 'NDIS number').fill('');
  await field(form, 'Phone').fill('12345');
  await form.getByRole('button', { name: /Create|Save/ }).click();
  await expect(form.getByText(/Must be an Australian phone number/)).toBeVisible();
});

test('client pickers tell two clients of the same name apart by date of birth and suburb', async ({
  page,
}) => {
  const family = `Twin${uniqueSuffix()}`;
  const admin = await apiSession(USERS.admin);
  await admin.post('/clients', {
    givenName: 'Ada',
    familyName: family,
    dateOfBirth: '1940-01-02',
    suburb: 'Glebe',
    timeZone: 'Australia/Sydney',
  });
  await admin.post('/clients', {
    givenName: 'Ada',
    familyName: family,
    dateOfBirth: '1961-05-06',
    suburb: 'Parramatta',
    timeZone: 'Australia/Sydney',
  });
  await admin.dispose();
  await signIn(page, USERS.admin);
  await page.goto('/audit');
  const picker = page.getByRole('combobox', { name: 'About client' });
  await picker.fill(`${family} Ada`);
  await expect(page.getByRole('option', { name: /born 02\/01\/1940, Glebe/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /born 06\/05\/1961, Parramatta/ })).toBeVisible();
});
